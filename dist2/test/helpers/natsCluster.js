/**
 * A throw-away NATS JetStream cluster on loopback (issue #9 §Tests, §Benchmark): `nats-server`
 * processes on free ports with store folders under a temp dir, each restartable and killable
 * with SIGKILL. Used by the NATS store tests and the relay-cluster benchmark; callers skip when
 * `nats-server` is not installed (CI installs it from Debian's packages, see .ci/run).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
/** The `nats-server` binary, or undefined when it is not installed. */
export function natsServerBinary() {
    const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];
    for (const d of dirs) {
        const p = join(d, 'nats-server');
        if (d !== '' && existsSync(p))
            return p;
    }
    return undefined;
}
export const NATS_MISSING = 'nats-server is not installed (apt-get install nats-server; .ci/run does this)';
async function freePort() {
    return new Promise((resolve, reject) => {
        const s = createServer();
        s.once('error', reject);
        s.listen(0, '127.0.0.1', () => {
            const { port } = s.address();
            s.close(() => resolve(port));
        });
    });
}
function config(name, dir, me, all) {
    const routes = all.filter((p) => p !== me).map((p) => `"nats-route://127.0.0.1:${p.cluster}"`);
    return [
        `server_name: ${name}`,
        `listen: "127.0.0.1:${me.client}"`,
        `http: "127.0.0.1:${me.monitor}"`,
        `jetstream { store_dir: "${join(dir, name)}", max_memory_store: 256MB, max_file_store: 16GB }`,
        `cluster { name: saltline, listen: "127.0.0.1:${me.cluster}", routes: [${routes.join(', ')}] }`,
        '',
    ].join('\n');
}
async function jsz(monitorPort) {
    try {
        const res = await fetch(`http://127.0.0.1:${monitorPort}/jsz`, { signal: AbortSignal.timeout(1000) });
        return (await res.json());
    }
    catch {
        return undefined;
    }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/**
 * Starts `size` clustered JetStream servers on 127.0.0.1 and waits for a meta leader. A free
 * port can be taken by another process before the server binds it: then it tries once more.
 */
export async function startNatsCluster(size = 3) {
    try {
        return await startOnce(size);
    }
    catch {
        return startOnce(size);
    }
}
async function startOnce(size) {
    const binary = natsServerBinary();
    if (!binary)
        throw new Error(NATS_MISSING);
    const dir = await mkdtemp(join(tmpdir(), 'saltline-nats-'));
    const ports = [];
    for (let i = 0; i < size; i++)
        ports.push({ client: await freePort(), cluster: await freePort(), monitor: await freePort() });
    const nodes = [];
    for (const [i, p] of ports.entries()) {
        const name = `n${i + 1}`;
        const conf = join(dir, `${name}.conf`);
        await mkdir(join(dir, name), { recursive: true });
        await writeFile(conf, config(name, dir, p, ports));
        let child;
        let exited = Promise.resolve();
        const node = {
            name,
            clientPort: p.client,
            monitorPort: p.monitor,
            url: `nats://127.0.0.1:${p.client}`,
            get running() {
                return child !== undefined;
            },
            start: async () => {
                if (child)
                    return;
                const c = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'ignore'] });
                child = c;
                exited = new Promise((resolve) => c.once('exit', () => resolve()));
                void exited.then(() => {
                    if (child === c)
                        child = undefined;
                });
                await node.waitUp();
            },
            waitUp: async () => {
                for (let t = 0; t < 200; t++) {
                    if (!child)
                        throw new Error(`nats-server ${name} exited at start`);
                    if ((await jsz(p.monitor)) !== undefined)
                        return;
                    await sleep(50);
                }
                throw new Error(`nats-server ${name} did not start`);
            },
            kill9: async () => {
                const c = child;
                if (!c)
                    return;
                c.kill('SIGKILL');
                await exited;
            },
            stop: async () => {
                const c = child;
                if (!c)
                    return;
                c.kill('SIGTERM');
                const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
                await exited;
                clearTimeout(timer);
            },
        };
        nodes.push(node);
    }
    const cluster = {
        nodes,
        urls: nodes.map((n) => n.url).join(','),
        waitForMetaLeader: async (timeoutMs = 20_000) => {
            const until = Date.now() + timeoutMs;
            while (Date.now() < until) {
                const states = await Promise.all(nodes.filter((n) => n.running).map((n) => jsz(n.monitorPort)));
                if (states.length > 0 && states.every((s) => s?.meta_cluster?.leader))
                    return;
                await sleep(100);
            }
            throw new Error('no JetStream meta leader');
        },
        stop: async () => {
            await Promise.all(nodes.map((n) => n.stop()));
            await rm(dir, { recursive: true, force: true });
        },
    };
    try {
        // Started together: each waits for its routes, and a lone server cannot elect a meta leader.
        await Promise.all(nodes.map((n) => n.start()));
        await cluster.waitForMetaLeader();
    }
    catch (e) {
        await cluster.stop();
        throw e;
    }
    return cluster;
}
//# sourceMappingURL=natsCluster.js.map