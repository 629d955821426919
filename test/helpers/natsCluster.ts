/**
 * A throw-away NATS JetStream cluster on loopback (issue #9 §Tests, §Benchmark): `nats-server`
 * processes on free ports with store folders under a temp dir, each restartable and killable
 * with SIGKILL. Used by the NATS store tests and the relay-cluster benchmark; callers skip when
 * `nats-server` is not installed (CI installs it from Debian's packages, see .ci/run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The `nats-server` binary, or undefined when it is not installed. */
export function natsServerBinary(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/usr/local/sbin', '/usr/bin', '/usr/local/bin'];
  for (const d of dirs) {
    const p = join(d, 'nats-server');
    if (d !== '' && existsSync(p)) return p;
  }
  return undefined;
}

export const NATS_MISSING = 'nats-server is not installed (apt-get install nats-server; .ci/run does this)';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface NatsNode {
  readonly name: string;
  readonly clientPort: number;
  readonly monitorPort: number;
  readonly url: string;
  readonly running: boolean;
  /** The server's process id while it runs (the benchmark reads its CPU time). */
  readonly pid: number | undefined;
  /** `kill -9`: no goodbye to the cluster, files left as they are. */
  kill9(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
  /** Starts the server again on the same ports and store folder. */
  start(): Promise<void>;
}

export interface NatsCluster {
  readonly nodes: readonly NatsNode[];
  /** Comma-separated client URLs, as `--nats` takes them. */
  readonly urls: string;
  /** Resolves once a JetStream meta leader is known to every running server. */
  waitForMetaLeader(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

interface Ports {
  readonly client: number;
  readonly cluster: number;
  readonly monitor: number;
}

function config(name: string, dir: string, me: Ports, all: Ports[]): string {
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

async function jsz(monitorPort: number): Promise<{ meta_cluster?: { leader?: string } } | undefined> {
  try {
    const res = await fetch(`http://127.0.0.1:${monitorPort}/jsz`, { signal: AbortSignal.timeout(1000) });
    return (await res.json()) as { meta_cluster?: { leader?: string } };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `size` clustered JetStream servers on 127.0.0.1 and waits for a meta leader. A free
 * port can be taken by another process before the server binds it: then it tries once more.
 */
export async function startNatsCluster(size = 3): Promise<NatsCluster> {
  try {
    return await startOnce(size);
  } catch {
    return startOnce(size);
  }
}

async function startOnce(size: number): Promise<NatsCluster> {
  const binary = natsServerBinary();
  if (!binary) throw new Error(NATS_MISSING);
  const dir = await mkdtemp(join(tmpdir(), 'saltline-nats-'));
  const ports: Ports[] = [];
  for (let i = 0; i < size; i++) ports.push({ client: await freePort(), cluster: await freePort(), monitor: await freePort() });
  const nodes: (NatsNode & { waitUp(): Promise<void> })[] = [];
  for (const [i, p] of ports.entries()) {
    const name = `n${i + 1}`;
    const conf = join(dir, `${name}.conf`);
    await mkdir(join(dir, name), { recursive: true });
    await writeFile(conf, config(name, dir, p, ports));
    let child: ChildProcess | undefined;
    let exited: Promise<void> = Promise.resolve();
    const node = {
      name,
      clientPort: p.client,
      monitorPort: p.monitor,
      url: `nats://127.0.0.1:${p.client}`,
      get running() {
        return child !== undefined;
      },
      get pid() {
        return child?.pid;
      },
      start: async () => {
        if (child) return;
        const c = spawn(binary, ['-c', conf], { stdio: ['ignore', 'ignore', 'ignore'] });
        child = c;
        exited = new Promise((resolve) => c.once('exit', () => resolve()));
        void exited.then(() => {
          if (child === c) child = undefined;
        });
        await node.waitUp();
      },
      waitUp: async () => {
        for (let t = 0; t < 200; t++) {
          if (!child) throw new Error(`nats-server ${name} exited at start`);
          if ((await jsz(p.monitor)) !== undefined) return;
          await sleep(50);
        }
        throw new Error(`nats-server ${name} did not start`);
      },
      kill9: async () => {
        const c = child;
        if (!c) return;
        c.kill('SIGKILL');
        await exited;
      },
      stop: async () => {
        const c = child;
        if (!c) return;
        c.kill('SIGTERM');
        const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      },
    };
    nodes.push(node);
  }
  const cluster: NatsCluster = {
    nodes,
    urls: nodes.map((n) => n.url).join(','),
    waitForMetaLeader: async (timeoutMs = 20_000) => {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const states = await Promise.all(nodes.filter((n) => n.running).map((n) => jsz(n.monitorPort)));
        if (states.length > 0 && states.every((s) => s?.meta_cluster?.leader)) return;
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
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}
