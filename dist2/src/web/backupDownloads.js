/**
 * Backup export for the browser (issue 7, item 1 "export backup"): the SDK writes the (already
 * passphrase-encrypted) backup into a private temporary folder, and the page downloads it once by
 * a random id; the file is deleted after the download, after ten minutes, or when the app stops.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const KEEP_MS = 10 * 60 * 1000;
export class BackupDownloads {
    #dir;
    #pending = new Map();
    /** Runs `write(file)` into a fresh private file and registers it for one download. */
    async create(write) {
        this.#dir ??= await mkdtemp(join(tmpdir(), 'saltline-web-backup-'));
        const downloadId = randomBytes(18).toString('base64url');
        const file = join(this.#dir, downloadId);
        try {
            await write(file);
        }
        catch (err) {
            await rm(file, { force: true });
            throw err;
        }
        const { size } = await stat(file);
        const fileName = `saltline-backup-${new Date().toISOString().slice(0, 10)}.slbackup`;
        const timer = setTimeout(() => void this.#discard(downloadId), KEEP_MS);
        timer.unref();
        this.#pending.set(downloadId, { file, fileName, timer });
        return { downloadId, fileName, size };
    }
    /** Streams the file as an attachment and forgets it; false when the id is unknown or used. */
    send(downloadId, res) {
        const entry = this.#pending.get(downloadId);
        if (entry === undefined)
            return false;
        this.#pending.delete(downloadId);
        clearTimeout(entry.timer);
        res.writeHead(200, {
            'Content-Type': 'application/octet-stream',
            'Content-Disposition': `attachment; filename="${entry.fileName}"`,
        });
        const stream = createReadStream(entry.file);
        stream.on('error', () => res.destroy());
        stream.on('close', () => void rm(entry.file, { force: true }));
        stream.pipe(res);
        return true;
    }
    async close() {
        for (const entry of this.#pending.values())
            clearTimeout(entry.timer);
        this.#pending.clear();
        if (this.#dir !== undefined)
            await rm(this.#dir, { recursive: true, force: true });
        this.#dir = undefined;
    }
    async #discard(downloadId) {
        const entry = this.#pending.get(downloadId);
        if (entry === undefined)
            return;
        this.#pending.delete(downloadId);
        await rm(entry.file, { force: true });
    }
}
//# sourceMappingURL=backupDownloads.js.map