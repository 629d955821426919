/**
 * Relay nodes as child processes (`node dist/src/relay/main.js …`), for tests and benchmarks that
 * need real processes to kill (issue #9): start with arguments, read the address (and health
 * URL) it prints, stop with SIGTERM or `kill -9`. Its stderr is kept for failure messages.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NATS_KEY_FILE } from '../../src/relay/natsNaming.js';
import { TLS_CERT_FILE, TLS_KEY_FILE } from '../../src/relay/tlsIdentity.js';
const MAIN = fileURLToPath(new URL('../../src/relay/main.js', import.meta.url));
export async function startRelayNode(args, withHealth = args.includes('--health-port')) {
    const child = spawn(process.execPath, [MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
        err = (err + d.toString()).slice(-20_000);
    });
    const exited = new Promise((r) => child.once('exit', () => r()));
    const lines = [];
    await new Promise((resolve, reject) => {
        const rl = createInterface({ input: child.stdout });
        rl.on('line', (l) => {
            lines.push(l.trim());
            if (lines.length === (withHealth ? 2 : 1))
                resolve();
        });
        // 'close' comes after the stderr stream ended, so the message is complete.
        child.once('close', () => reject(new Error(`relay node exited at start: ${err}`)));
    });
    const address = lines[0];
    const stop = async (signal) => {
        if (child.exitCode !== null || child.signalCode !== null)
            return;
        child.kill(signal);
        await exited;
    };
    return {
        child,
        address,
        health: withHealth ? lines[1] : undefined,
        port: Number(new URL(address).port),
        stderr: () => err,
        kill9: () => stop('SIGKILL'),
        stop: () => stop('SIGTERM'),
    };
}
/** A data folder holding a copy of `from`'s TLS key (if any) and NATS operator key: another node of the same relay. */
export async function cloneNodeKeys(from) {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-node-'));
    for (const f of [TLS_KEY_FILE, TLS_CERT_FILE, NATS_KEY_FILE]) {
        if (existsSync(join(from, f)))
            await copyFile(join(from, f), join(dir, f));
    }
    return dir;
}
//# sourceMappingURL=relayNode.js.map