/**
 * Relay benchmark (issue #4 §Benchmark): 100 sender + 100 receiver connections on loopback,
 * 1 KiB envelopes acknowledged end to end, through the Saltline relay (child process, embedded
 * log store with fsync group commit) and, in the same run, through a trivial `ws` relay moving
 * the same frames; then 1,000 idle TLS connections held by a relay child process (its RSS).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { systemRng } from '../src/crypto/random.js';
import { generateSigningKeyPair } from '../src/crypto/sign.js';
import { parseRelayAddress } from '../src/protocol/relayWire/relayAddress.js';
import { senderKeyPair } from '../src/transport/address.js';
import type { RecipientQueue } from '../src/transport/recipientQueue.js';
import { RelayClient } from '../src/transport/relayClient.js';
import { RelayConnection } from '../src/transport/relayConnection.js';

const PAIRS = 100;
const ENVELOPE = 1024;
const WINDOW = 8;
const WARMUP_MS = 1000;
const MEASURE_MS = 4000;
const IDLE = 1000;
const MAIN = fileURLToPath(new URL('../src/relay/main.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const RAW_RELAY = `
import { WebSocketServer } from 'ws';
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
const receivers = new Map();
const ack = Buffer.alloc(6);
wss.on('connection', (ws, req) => {
  const [, role, id] = req.url.split('/');
  if (role === 'r') { receivers.set(id, ws); ws.on('message', () => {}); return; }
  ws.on('message', (data) => { receivers.get(id)?.send(data); ws.send(ack); });
});
wss.on('listening', () => console.log('ws://127.0.0.1:' + wss.address().port));
`;

interface Child {
  readonly child: ChildProcess;
  readonly firstLine: string;
}

async function spawnChild(args: string[]): Promise<Child> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], cwd: ROOT });
  const firstLine = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (c) => reject(new Error(`child exited ${c}`)));
  });
  return { child, firstLine: firstLine.trim() };
}

async function stopChild(c: Child): Promise<void> {
  const exited = new Promise((r) => c.child.once('exit', r));
  c.child.kill('SIGTERM');
  await exited;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Run {
  msgsPerS: number;
  p50: number;
  p99: number;
  delivered: number;
}

/** Drives `pairs` sender→receiver streams with `window` envelopes in flight each; measures after warm-up. */
async function drive(window: number, measureMs: number, start: (onReceive: (env: Buffer) => void) => Promise<{ senders: ((env: Buffer) => Promise<void>)[]; stop(): void }>): Promise<Run> {
  const latencies: number[] = [];
  let measuring = false;
  let delivered = 0;
  const streams = await start((env) => {
    if (!measuring) return;
    delivered++;
    latencies.push(Number(process.hrtime.bigint() - env.readBigUInt64BE(0)) / 1e6);
  });
  let running = true;
  const loops = streams.senders.flatMap((send) =>
    Array.from({ length: window }, async () => {
      const env = Buffer.alloc(ENVELOPE);
      while (running) {
        const e = Buffer.from(env);
        e.writeBigUInt64BE(process.hrtime.bigint(), 0);
        await send(e).catch(() => undefined);
      }
    }),
  );
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, measureMs));
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  running = false;
  await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, 3000))]);
  streams.stop();
  latencies.sort((a, b) => a - b);
  return { msgsPerS: delivered / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), delivered };
}

async function rawWs(pairs: number, window: number, measureMs: number): Promise<Run> {
  const relay = await spawnChild(['--input-type=module', '-e', RAW_RELAY]);
  try {
    return await drive(window, measureMs, async (onReceive) => {
      const open = (path: string): Promise<WebSocket> =>
        new Promise((resolve, reject) => {
          const ws = new WebSocket(`${relay.firstLine}${path}`, { perMessageDeflate: false });
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        });
      const receivers = await Promise.all(Array.from({ length: pairs }, (_, i) => open(`/r/${i}`)));
      for (const r of receivers)
        r.on('message', (d: Buffer) => {
          onReceive(d);
          r.send(d.subarray(0, 6)); // the receiver's acknowledgement, as in the real protocol
        });
      const senders = await Promise.all(
        Array.from({ length: pairs }, async (_, i) => {
          const ws = await open(`/s/${i}`);
          const waiting: (() => void)[] = [];
          ws.on('message', () => waiting.shift()?.());
          return (env: Buffer) =>
            new Promise<void>((resolve) => {
              waiting.push(resolve);
              ws.send(env);
            });
        }),
      );
      return { senders, stop: () => [...receivers].forEach((w) => w.terminate()) };
    });
  } finally {
    await stopChild(relay);
  }
}

async function saltline(pairs: number, window: number, measureMs: number): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-bench-relay-'));
  const relay = await spawnChild([MAIN, '--port', '0', '--data', dir, '--no-tls']);
  try {
    const address = parseRelayAddress(relay.firstLine);
    const client = new RelayClient();
    const queues: RecipientQueue[] = [];
    for (let i = 0; i < pairs; i++) queues.push(await client.createQueue(address));
    return await drive(window, measureMs, async (onReceive) => {
      const subs = queues.map((q) => client.subscribe(q, (m) => Promise.resolve(onReceive(m.envelope)), { dedupe: { seen: () => false } }));
      const conns: RelayConnection[] = [];
      const senders = queues.map((q) => {
        const conn = new RelayConnection(address);
        conns.push(conn);
        const pair = senderKeyPair(q.senderSeed);
        const bind = `s:${q.sendId.toString('hex')}`;
        return async (env: Buffer): Promise<void> => {
          await conn.command({ kind: 'SEND', sendId: q.sendId, envelope: env }, { key: pair.secretKey, bind });
        };
      });
      await Promise.all(conns.map((c) => c.waitReady()));
      return {
        senders,
        stop: () => {
          subs.forEach((s) => s.close());
          conns.forEach((c) => c.close());
          client.close();
        },
      };
    });
  } finally {
    await stopChild(relay);
    await rm(dir, { recursive: true, force: true });
  }
}

async function idleMemory(): Promise<{ baseline: number; withIdle: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-bench-idle-'));
  const relay = await spawnChild([MAIN, '--port', '0', '--data', dir]);
  const sockets: WebSocket[] = [];
  try {
    const url = parseRelayAddress(relay.firstLine).url;
    await new Promise((r) => setTimeout(r, 300));
    const baseline = await rssMb(relay.child.pid!);
    for (let i = 0; i < IDLE; i += 50) {
      await Promise.all(
        Array.from(
          { length: 50 },
          () =>
            new Promise<void>((resolve, reject) => {
              const ws = new WebSocket(url, { rejectUnauthorized: false, perMessageDeflate: false });
              sockets.push(ws);
              ws.once('message', () => resolve()); // HELLO: the relay holds a full session
              ws.once('error', reject);
            }),
        ),
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
    return { baseline, withIdle: await rssMb(relay.child.pid!) };
  } finally {
    for (const s of sockets) s.terminate();
    await stopChild(relay);
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Record<string, unknown>> {
  generateSigningKeyPair(systemRng); // load sodium before timing
  const raw = await rawWs(PAIRS, WINDOW, MEASURE_MS);
  const salt = await saltline(PAIRS, WINDOW, MEASURE_MS);
  const light = await saltline(1, 1, 2000);
  const rawLight = await rawWs(1, 1, 2000);
  const idle = await idleMemory();
  const result = {
    ratio_vs_ws: Number((salt.msgsPerS / raw.msgsPerS).toFixed(3)),
    p50_ms: Number(salt.p50.toFixed(3)),
    idle_1000_mb: Number(idle.withIdle.toFixed(1)),
    saltline_msgs_per_s: Math.round(salt.msgsPerS),
    saltline_p99_ms: Number(salt.p99.toFixed(3)),
    p50_light_ms: Number(light.p50.toFixed(3)),
    p99_light_ms: Number(light.p99.toFixed(3)),
    raw_ws_p50_light_ms: Number(rawLight.p50.toFixed(3)),
    p50_ms_note: 'p50_ms is send-to-receive under the full 100x100 load (8 in flight per sender); p50_light_ms is one sender with one envelope in flight',
    raw_ws_msgs_per_s: Math.round(raw.msgsPerS),
    raw_ws_p50_ms: Number(raw.p50.toFixed(3)),
    raw_ws_p99_ms: Number(raw.p99.toFixed(3)),
    idle_baseline_mb: Number(idle.baseline.toFixed(1)),
    idle_connections: IDLE,
    idle_tls: true,
    pairs: PAIRS,
    envelope_bytes: ENVELOPE,
    in_flight_per_sender: WINDOW,
    persistence: 'append-only log, fdatasync group commit; SEND acked only once durable',
    measure_ms: MEASURE_MS,
  };
  console.table({
    'raw ws': { 'msgs/s': result.raw_ws_msgs_per_s, 'p50 ms': result.raw_ws_p50_ms, 'p99 ms': result.raw_ws_p99_ms },
    saltline: { 'msgs/s': result.saltline_msgs_per_s, 'p50 ms': result.p50_ms, 'p99 ms': result.saltline_p99_ms },
    'saltline, 1 in flight': { 'msgs/s': Math.round(light.msgsPerS), 'p50 ms': result.p50_light_ms, 'p99 ms': result.p99_light_ms },
    'raw ws, 1 in flight': { 'msgs/s': Math.round(rawLight.msgsPerS), 'p50 ms': result.raw_ws_p50_light_ms, 'p99 ms': Number(rawLight.p99.toFixed(3)) },
  });
  console.log(`ratio vs raw ws: ${result.ratio_vs_ws}; 1,000 idle TLS connections: relay RSS ${result.idle_1000_mb} MB (baseline ${result.idle_baseline_mb} MB)`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
