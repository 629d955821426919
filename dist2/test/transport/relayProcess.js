/** Runs a relay as a real child process on 127.0.0.1 for transport tests (issue #4 §Tests). */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
const MAIN = fileURLToPath(new URL('../../src/relay/main.js', import.meta.url));
export async function spawnRelay(dataDir, opts = {}) {
    const args = [MAIN, '--port', String(opts.port ?? 0), '--data', dataDir, '--host', '127.0.0.1'];
    if (opts.tls === false)
        args.push('--no-tls');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const stderr = [];
    child.stderr.setEncoding('utf8').on('data', (d) => stderr.push(d));
    const exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const address = await new Promise((resolve, reject) => {
        const rl = createInterface({ input: child.stdout });
        rl.once('line', (line) => {
            rl.close();
            resolve(line.trim());
        });
        child.once('exit', (code) => reject(new Error(`relay exited (${code}): ${stderr.join('')}`)));
    });
    const port = Number(new URL(address.replace(/#.*$/, '')).port);
    return {
        address,
        port,
        child,
        stderr,
        kill9: async () => {
            child.kill('SIGKILL');
            await exited;
        },
        stop: async () => {
            child.kill('SIGTERM');
            // A relay that does not stop in time must not keep the test process alive.
            const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
            await exited;
            clearTimeout(force);
        },
    };
}
/** Restarts on the same port, retrying briefly while the old socket is released. */
export async function respawnRelay(dataDir, port, tls) {
    for (let attempt = 0;; attempt++) {
        try {
            return await spawnRelay(dataDir, { port, tls });
        }
        catch (e) {
            if (attempt >= 20)
                throw e;
            await new Promise((r) => setTimeout(r, 100));
        }
    }
}
//# sourceMappingURL=relayProcess.js.map