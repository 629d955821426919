/**
 * Relay benchmark (issue #4 §Benchmark): 100 sender + 100 receiver connections on loopback, 1 KiB
 * envelopes acknowledged end to end, through the Saltline relay (child process, embedded log
 * store, group commit: a SEND is answered only once durable) and, in the same run, through a
 * trivial `ws` relay moving the same frames; then 1,000 idle TLS connections held by a relay
 * child process (its RSS).
 *
 * Two loads, because a latency taken at saturation is only the queueing delay of the backlog:
 * - fixed rate: the senders together offer FIXED_RATE envelopes/s (open loop, spread evenly over
 *   the senders); send-to-receive p50/p99 at that load is `p50_ms`;
 * - saturation: each sender keeps WINDOW envelopes in flight (closed loop), enough to cover the
 *   durable-write latency of the Saltline relay under load; the delivered rate is the
 *   throughput, `ratio_vs_ws` compares it with the trivial relay's.
 * Both relays run side by side and are measured in alternating windows, so both see the same
 * share of whatever else the machine does. Both are driven by the same client process; each load
 * also reports the CPU time per envelope of the relay process and of the client process, and the
 * result records how busy the machine was (load average, CPU and I/O pressure).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { systemRng } from '../src/crypto/random.js';
import { generateSigningKeyPair } from '../src/crypto/sign.js';
import { parseRelayAddress } from '../src/protocol/relayWire/relayAddress.js';
import { RelayClient } from '../src/transport/relayClient.js';
import { UNMASKED } from '../src/transport/relayConnection.js';
import { percentile } from './lib/stats.js';
const PAIRS = 100;
const ENVELOPE = 1024;
const WINDOW = 32;
const FIXED_RATE = 5000;
const WARMUP_MS = 500;
const WINDOW_MS = 1500;
const ROUNDS = 3;
const IDLE = 1000;
const CLOCK_TICKS_PER_S = 100;
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
async function spawnChild(args) {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'], cwd: ROOT });
    const firstLine = await new Promise((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (c) => reject(new Error(`child exited ${c}`)));
    });
    return { child, firstLine: firstLine.trim() };
}
async function stopChild(c) {
    const exited = new Promise((r) => c.child.once('exit', r));
    c.child.kill('SIGTERM');
    await exited;
}
async function rssMb(pid) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
    return kb / 1024;
}
/** User + system CPU time of another process so far, in ms (10 ms resolution). */
async function childCpuMs(pid) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
}
/** The machine's load and the share of time tasks waited for CPU / I/O (Linux PSI, last 10 s). */
async function machineLoad() {
    const read = async (path) => (await readFile(path, 'utf8').catch(() => '')).trim();
    const avg10 = (psi) => /some avg10=([\d.]+)/.exec(psi)?.[1] ?? '?';
    const load = (await read('/proc/loadavg')).split(' ').slice(0, 3).join(' ');
    return `load ${load}; cpu pressure ${avg10(await read('/proc/pressure/cpu'))}%, io pressure ${avg10(await read('/proc/pressure/io'))}%`;
}
function ownCpuMs() {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
}
const round = (x, digits = 3) => Number(x.toFixed(digits));
/** Stamps the send time into the envelope; the receiver subtracts it. */
function stamped() {
    // From the shared pool: a fresh ArrayBuffer per envelope would cost the client more than the send.
    const e = Buffer.allocUnsafe(ENVELOPE).fill(0);
    e.writeBigUInt64BE(process.hrtime.bigint(), 0);
    return e;
}
const elapsedMs = (since) => Number(process.hrtime.bigint() - since) / 1e6;
/** Drives `h` for a warm-up, then counts what is received and acknowledged for WINDOW_MS. */
async function measureWindow(h, drive) {
    const latencies = [];
    const acks = [];
    let measuring = false;
    let delivered = 0;
    h.onReceive = (env) => {
        if (!measuring)
            return;
        delivered++;
        latencies.push(elapsedMs(env.readBigUInt64BE(0)));
    };
    let running = true;
    const driving = drive(h, () => running, (ms) => {
        if (measuring)
            acks.push(ms);
    });
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    const relayCpu0 = await childCpuMs(h.relayPid);
    const clientCpu0 = ownCpuMs();
    measuring = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, WINDOW_MS));
    measuring = false;
    const seconds = (performance.now() - t0) / 1000;
    const relayCpuMs = (await childCpuMs(h.relayPid)) - relayCpu0;
    const clientCpuMs = ownCpuMs() - clientCpu0;
    running = false;
    // Let what is in flight drain, so the next window (of either relay) starts from quiet.
    await Promise.race([driving, new Promise((r) => setTimeout(r, 3000))]);
    h.onReceive = undefined;
    return { latencies, acks, delivered, seconds, relayCpuMs, clientCpuMs };
}
function summarize(windows) {
    const latencies = windows.flatMap((w) => w.latencies);
    const acks = windows.flatMap((w) => w.acks);
    const sum = (f) => windows.reduce((a, w) => a + f(w), 0);
    const delivered = sum((w) => w.delivered);
    return {
        msgsPerS: delivered / sum((w) => w.seconds),
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        ackP50: percentile(acks, 50),
        relayCpuUsPerMsg: (sum((w) => w.relayCpuMs) * 1000) / delivered,
        clientCpuUsPerMsg: (sum((w) => w.clientCpuMs) * 1000) / delivered,
        delivered,
    };
}
/**
 * Measures both relays under one load in alternating windows (raw, Saltline, raw, …), so that
 * both see the same share of whatever else the machine is doing.
 */
async function alternate(raw, salt, drive) {
    const windows = { raw: [], salt: [] };
    for (let round = 0; round < ROUNDS; round++) {
        windows.raw.push(await measureWindow(raw, drive));
        windows.salt.push(await measureWindow(salt, drive));
    }
    return { raw: summarize(windows.raw), salt: summarize(windows.salt) };
}
/** Closed loop: every sender keeps WINDOW envelopes in flight. */
const saturate = async (h, running, onAck) => {
    await Promise.all(h.senders.flatMap((send) => Array.from({ length: WINDOW }, async () => {
        while (running()) {
            const e = stamped();
            const t = process.hrtime.bigint();
            await send(e).then(() => onAck(elapsedMs(t)), () => undefined);
        }
    })));
};
/** Open loop: FIXED_RATE envelopes/s in total, taken in turn by the senders, whatever is in flight. */
const fixedRate = async (h, running, onAck) => {
    const start = performance.now();
    let sent = 0;
    await new Promise((resolve) => {
        const timer = setInterval(() => {
            if (!running()) {
                clearInterval(timer);
                resolve();
                return;
            }
            const due = Math.floor(((performance.now() - start) * FIXED_RATE) / 1000);
            for (; sent < due; sent++) {
                const t = process.hrtime.bigint();
                h.senders[sent % h.senders.length](stamped()).then(() => onAck(elapsedMs(t)), () => undefined);
            }
        }, 1);
    });
};
const openRaw = (url) => new Promise((resolve, reject) => {
    // The same client settings as the Saltline transport, so the comparison is of the relays.
    const ws = new WebSocket(url, { perMessageDeflate: false, generateMask: UNMASKED });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
});
async function rawHarness(relay) {
    const receivers = await Promise.all(Array.from({ length: PAIRS }, (_, i) => openRaw(`${relay.firstLine}/r/${i}`)));
    const senderSockets = await Promise.all(Array.from({ length: PAIRS }, (_, i) => openRaw(`${relay.firstLine}/s/${i}`)));
    const h = {
        relayPid: relay.child.pid,
        senders: senderSockets.map((ws) => {
            const waiting = [];
            ws.on('message', () => waiting.shift()?.());
            return (env) => new Promise((resolve) => {
                waiting.push(resolve);
                ws.send(env);
            });
        }),
        onReceive: undefined,
        close: () => [...receivers, ...senderSockets].forEach((w) => w.terminate()),
    };
    for (const r of receivers)
        r.on('message', (d) => {
            h.onReceive?.(d);
            r.send(d.subarray(0, 6)); // the receiver's acknowledgement, as in the real protocol
        });
    return h;
}
async function saltlineHarness(relay) {
    const address = parseRelayAddress(relay.firstLine);
    const client = new RelayClient();
    const queues = [];
    for (let i = 0; i < PAIRS; i++)
        queues.push(await client.createQueue(address));
    const h = {
        relayPid: relay.child.pid,
        senders: queues.map((q) => {
            const to = { relay: address, sendId: q.sendId, senderSeed: q.senderSeed };
            return (env) => client.send(to, env);
        }),
        onReceive: undefined,
        close: () => client.close(),
    };
    for (const q of queues)
        client.subscribe(q, (m) => Promise.resolve(h.onReceive?.(m.envelope)), { dedupe: { seen: () => false } });
    // One envelope per queue first: connections open, subscriptions and signatures bound.
    await Promise.all(h.senders.map((send) => send(stamped())));
    return h;
}
async function idleMemory() {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-bench-idle-'));
    const relay = await spawnChild([MAIN, '--port', '0', '--data', dir]);
    const sockets = [];
    try {
        const url = parseRelayAddress(relay.firstLine).url;
        await new Promise((r) => setTimeout(r, 300));
        const baseline = await rssMb(relay.child.pid);
        for (let i = 0; i < IDLE; i += 50) {
            await Promise.all(Array.from({ length: 50 }, () => new Promise((resolve, reject) => {
                const ws = new WebSocket(url, { rejectUnauthorized: false, perMessageDeflate: false });
                sockets.push(ws);
                ws.once('message', () => resolve()); // HELLO: the relay holds a full session
                ws.once('error', reject);
            })));
        }
        await new Promise((r) => setTimeout(r, 1000));
        return { baseline, withIdle: await rssMb(relay.child.pid) };
    }
    finally {
        for (const s of sockets)
            s.terminate();
        await stopChild(relay);
        await rm(dir, { recursive: true, force: true });
    }
}
const row = (p) => ({
    'msgs/s': Math.round(p.msgsPerS),
    'p50 ms': round(p.p50),
    'p99 ms': round(p.p99),
    'ack p50 ms': round(p.ackP50),
    'relay CPU µs/msg': round(p.relayCpuUsPerMsg, 1),
    'client CPU µs/msg': round(p.clientCpuUsPerMsg, 1),
});
export async function run() {
    generateSigningKeyPair(systemRng); // load sodium before timing
    const loadBefore = await machineLoad();
    const dir = await mkdtemp(join(tmpdir(), 'saltline-bench-relay-'));
    const rawRelay = await spawnChild(['--input-type=module', '-e', RAW_RELAY]);
    const saltRelay = await spawnChild([MAIN, '--port', '0', '--data', dir, '--no-tls']);
    let fixed;
    let saturated;
    try {
        const rawH = await rawHarness(rawRelay);
        const saltH = await saltlineHarness(saltRelay);
        // The fixed rate first, on clean queues.
        fixed = await alternate(rawH, saltH, fixedRate);
        saturated = await alternate(rawH, saltH, saturate);
        rawH.close();
        saltH.close();
    }
    finally {
        await stopChild(rawRelay);
        await stopChild(saltRelay);
        await rm(dir, { recursive: true, force: true });
    }
    const raw = { fixed: fixed.raw, saturated: saturated.raw };
    const salt = { fixed: fixed.salt, saturated: saturated.salt };
    const loadAfter = await machineLoad();
    const idle = await idleMemory();
    const result = {
        ratio_vs_ws: round(salt.saturated.msgsPerS / raw.saturated.msgsPerS),
        p50_ms: round(salt.fixed.p50),
        idle_1000_mb: round(idle.withIdle, 1),
        p50_ms_load: `${FIXED_RATE} envelopes/s offered in total (${FIXED_RATE / PAIRS}/s per sender, open loop), send to receive`,
        p99_ms: round(salt.fixed.p99),
        durable_ack_p50_ms: round(salt.fixed.ackP50),
        saltline_msgs_per_s: Math.round(salt.saturated.msgsPerS),
        raw_ws_msgs_per_s: Math.round(raw.saturated.msgsPerS),
        saturated_load: `${WINDOW} envelopes in flight per sender (closed loop)`,
        saltline_saturated_p50_ms: round(salt.saturated.p50),
        saltline_saturated_p99_ms: round(salt.saturated.p99),
        raw_ws_saturated_p50_ms: round(raw.saturated.p50),
        raw_ws_saturated_p99_ms: round(raw.saturated.p99),
        raw_ws_p50_ms: round(raw.fixed.p50),
        raw_ws_p99_ms: round(raw.fixed.p99),
        saltline_fixed_rate_msgs_per_s: Math.round(salt.fixed.msgsPerS),
        raw_ws_fixed_rate_msgs_per_s: Math.round(raw.fixed.msgsPerS),
        relay_cpu_us_per_msg: round(salt.saturated.relayCpuUsPerMsg, 1),
        raw_ws_relay_cpu_us_per_msg: round(raw.saturated.relayCpuUsPerMsg, 1),
        client_cpu_us_per_msg: round(salt.saturated.clientCpuUsPerMsg, 1),
        raw_ws_client_cpu_us_per_msg: round(raw.saturated.clientCpuUsPerMsg, 1),
        idle_baseline_mb: round(idle.baseline, 1),
        idle_connections: IDLE,
        idle_tls: true,
        pairs: PAIRS,
        envelope_bytes: ENVELOPE,
        persistence: 'append-only log, group commit (one O_DSYNC write per batch); SEND acked only once durable',
        machine_load_before: loadBefore,
        machine_load_after: loadAfter,
        measured: `${ROUNDS} windows of ${WINDOW_MS} ms per relay and load (after ${WARMUP_MS} ms of warm-up each), alternating between the two relays`,
    };
    console.log(`machine: before ${loadBefore}; after ${loadAfter}`);
    console.log(`fixed rate: ${result.p50_ms_load}`);
    console.table({ 'raw ws': row(raw.fixed), saltline: row(salt.fixed) });
    console.log(`saturation: ${result.saturated_load}`);
    console.table({ 'raw ws': row(raw.saturated), saltline: row(salt.saturated) });
    console.log(`ratio vs raw ws: ${result.ratio_vs_ws}; p50 at ${FIXED_RATE}/s: ${result.p50_ms} ms; 1,000 idle TLS connections: relay RSS ${result.idle_1000_mb} MB (baseline ${result.idle_baseline_mb} MB)`);
    return result;
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
    run().then(() => process.exit(0), (e) => {
        console.error(e);
        process.exit(1);
    });
}
//# sourceMappingURL=relay.js.map