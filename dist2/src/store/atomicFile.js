/**
 * Atomic small-file replacement (issue 3 §1, §3): write a temporary file, fsync it, rename it over
 * the old one, fsync the folder. Readers see the old or the new file, never a mix, and the old
 * file's inode is released — this is where keys that must really be deletable live.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
export async function fsyncDir(dir) {
    const fh = await open(dir, 'r');
    try {
        await fh.sync();
    }
    finally {
        await fh.close();
    }
}
export async function writeFileAtomic(path, data) {
    const tmp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
    const fh = await open(tmp, 'wx', 0o600);
    try {
        await fh.writeFile(data);
        await fh.sync();
    }
    catch (error) {
        await fh.close();
        await unlink(tmp).catch(() => undefined);
        throw error;
    }
    await fh.close();
    await rename(tmp, path);
    await fsyncDir(dirname(path));
}
//# sourceMappingURL=atomicFile.js.map