/**
 * Runs the real `saltline` executable as separate processes (issue 5 §Tests): one-shot commands,
 * a relay child process, and interactive sessions in tmux. Profiles use the minimum Argon2id
 * limits (SALTLINE_INSECURE_TEST_KDF) so that dozens of unlocks stay fast.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';
export const BIN = fileURLToPath(new URL('../../../bin/saltline.js', import.meta.url));
export class Sandbox {
    root;
    env;
    constructor(root) {
        this.root = root;
        this.env = {
            PATH: process.env.PATH,
            HOME: root,
            SALTLINE_HOME: join(root, 'home'),
            SALTLINE_PASSPHRASE: 'test passphrase',
            SALTLINE_INSECURE_TEST_KDF: '1',
            SALTLINE_CONNECT_TIMEOUT_MS: '2000',
        };
    }
    static async create() {
        return new Sandbox(await mkdtemp(join(tmpdir(), 'saltline-cli-')));
    }
    profile(name) {
        return join(this.root, name);
    }
    /** Runs `saltline --profile <root>/<profile> ...args`. */
    run(profile, args, env = {}) {
        const full = profile === undefined ? [...args] : ['--profile', this.profile(profile), ...args];
        return new Promise((resolve) => {
            execFile(process.execPath, [BIN, ...full], { env: { ...this.env, ...env }, timeout: 45_000 }, (error, stdout, stderr) => {
                const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
                resolve({ code, stdout, stderr });
            });
        });
    }
    /** Like `run`, but fails the test unless the command succeeded; returns parsed JSON for `--json`. */
    async ok(profile, args) {
        const r = await this.run(profile, args);
        if (r.code !== 0)
            throw new Error(`saltline ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
        return r;
    }
    async json(profile, args) {
        return JSON.parse((await this.ok(profile, [...args, '--json'])).stdout);
    }
    async startRelay(port = 0) {
        const child = spawn(process.execPath, [BIN, 'relay', '--port', String(port), '--data', join(this.root, 'relay')], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
        const exited = new Promise((resolve) => child.once('exit', () => resolve()));
        const address = await new Promise((resolve, reject) => {
            const rl = createInterface({ input: child.stdout });
            rl.once('line', (line) => {
                rl.close();
                resolve(line.trim());
            });
            child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
        });
        return new RelayChild(child, address, exited);
    }
    async cleanup() {
        await rm(this.root, { recursive: true, force: true });
    }
}
export class RelayChild {
    child;
    address;
    exited;
    port;
    constructor(child, address, exited) {
        this.child = child;
        this.address = address;
        this.exited = exited;
        this.port = Number(new URL(address.replace(/#.*$/, '')).port);
    }
    async kill9() {
        this.child.kill('SIGKILL');
        await this.exited;
    }
    async stop() {
        this.child.kill('SIGTERM');
        // A relay that does not stop in time must not keep the test process alive.
        const force = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
        await this.exited;
        clearTimeout(force);
    }
}
/** Polls `check` until it returns true (bounded). */
export async function eventually(check, what, ms = 20_000) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
        if (await check())
            return;
        await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
}
/** Registers hooks that give the file's tests a fresh sandbox and a relay process, removed afterwards. */
export function sandboxWithRelay() {
    const world = {};
    before(async () => {
        world.box = await Sandbox.create();
        world.relay = await world.box.startRelay();
    });
    after(async () => {
        await world.relay.stop();
        await world.box.cleanup();
    });
    return world;
}
//# sourceMappingURL=harness.js.map