/**
 * One owner per profile (issue 3 §4): a `LOCK` file holding the owner's pid, created with an
 * atomic link so two openers cannot both win. A lock left by a dead process is removed and taken
 * over; a live owner (this process included) makes the opener fail with `ProfileInUseError`.
 */
import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ProfileInUseError } from './errors.js';
export const LOCK_FILE = 'LOCK';
function processAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
async function ownerPid(path) {
    try {
        const pid = Number.parseInt(await readFile(path, 'utf8'), 10);
        return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
    }
    catch {
        return undefined;
    }
}
export async function acquireLock(dir) {
    const path = join(dir, LOCK_FILE);
    const tmp = join(dir, `${LOCK_FILE}.${randomBytes(6).toString('hex')}`);
    await writeFile(tmp, String(process.pid), { mode: 0o600 });
    try {
        for (let attempt = 0; attempt < 3; attempt++) {
            try {
                await link(tmp, path);
                return {
                    release: async () => {
                        if ((await ownerPid(path)) === process.pid)
                            await unlink(path).catch(() => undefined);
                    },
                };
            }
            catch (error) {
                if (error.code !== 'EEXIST')
                    throw error;
            }
            const pid = await ownerPid(path);
            if (pid !== undefined && processAlive(pid))
                throw new ProfileInUseError(pid);
            // Stale (dead owner) or unreadable half-made lock: remove it and try again.
            await unlink(path).catch(() => undefined);
        }
        throw new ProfileInUseError(0);
    }
    finally {
        await unlink(tmp).catch(() => undefined);
    }
}
//# sourceMappingURL=lock.js.map