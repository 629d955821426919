/**
 * Relay-cluster benchmark (issue #9 §Benchmark): 1 KiB envelopes through 2 stateless relay nodes
 * on a 3-server NATS JetStream cluster (R3, every SEND acknowledged only after JetStream's
 * replicated acknowledgement), beside the embedded single-process relay (fsync'ed log) in the
 * same run with the same load. Each pair's sender is on one node and its recipient on the other,
 * so every envelope crosses nodes. Three loads per relay:
 * - saturated: 32 senders with 8 SENDs in flight each, as fast as acknowledgements come back
 *   (the most acknowledged envelopes per second; by Little's law its latency is the 256 SENDs in
 *   flight divided by that rate, so it says little about latency);
 * - paced: SENDs offered at a fixed rate (the 10,000/s of the target), latency measured from
 *   the moment each SEND was due, so a relay that falls behind shows it in its latency instead
 *   of slowing the offered load down; and the same at a moderate 2,500/s;
 * - light: 4 senders with 1 SEND in flight each.
 * Reported: acknowledged envelopes per second and SEND→acknowledgement latency, SEND→delivery
 * latency at the recipient, the CPU time every process of the relay (nats-servers, relay
 * nodes) and the benchmark client spent per acknowledged envelope — on a machine shared with
 * other work that is what says what the relay would do with the cores to itself — and the
 * JetStream requests the nodes sent per acknowledged envelope (from their /healthz).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemRng } from '../src/crypto/random.js';
import { generateSigningKeyPair } from '../src/crypto/sign.js';
import { parseRelayAddress, type RelayAddress } from '../src/protocol/relayWire/relayAddress.js';
import { senderKeyPair } from '../src/transport/address.js';
import type { RecipientQueue } from '../src/transport/recipientQueue.js';
import { RelayClient, type Subscription } from '../src/transport/relayClient.js';
import { RelayConnection } from '../src/transport/relayConnection.js';
import { cpuMsOfAll } from './lib/cpu.js';
import { NATS_MISSING, natsServerBinary, startNatsCluster } from '../test/helpers/natsCluster.js';
import { cloneNodeKeys, startRelayNode, type RelayNode } from '../test/helpers/relayNode.js';

const ENVELOPE = 1024;
const PAIRS = Number(process.env.RELAY_CLUSTER_PAIRS ?? 32);
const WINDOW = Number(process.env.RELAY_CLUSTER_WINDOW ?? 8);
const PACED_RATE = Number(process.env.RELAY_CLUSTER_RATE ?? 10_000);
/** A rate this shared 2-core machine sustains through the cluster: latency without a backlog. */
const MODERATE_RATE = Number(process.env.RELAY_CLUSTER_MODERATE_RATE ?? 2500);
const WARMUP_MS = 1500;
const LIGHT_PAIRS = 4;
const LIGHT_MEASURE_MS = 3000;
const MEASURE_MS = Number(process.env.RELAY_CLUSTER_MEASURE_MS ?? 5000);
/**
 * `RELAY_CLUSTER_QUICK=1`: only the cluster at the moderate paced rate — a fixed offered rate, so
 * batching is alike between runs and CPU per envelope compares changes; `=saturated`: only the
 * saturated load.
 */
const QUICK = process.env.RELAY_CLUSTER_QUICK;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Processes whose CPU time is counted, by role (e.g. `nats`: the three servers). */
type Processes = Record<string, (number | undefined)[]>;

interface Run {
  readonly ackedPerS: number;
  readonly ackP50: number;
  readonly ackP99: number;
  readonly deliveredPerS: number;
  readonly deliveryP50: number;
  readonly deliveryP99: number;
  /** CPU ms per acknowledged envelope during the measurement, by role. */
  readonly cpuMsPerMsg: Record<string, number>;
  /** JetStream requests per acknowledged envelope during the measurement, by kind (all nodes). */
  readonly requestsPerMsg: Record<string, number>;
}

/** The nodes' JetStream request counters (their /healthz), summed by kind. */
type RequestCounts = () => Promise<Record<string, number>>;

const noRequests: RequestCounts = () => Promise.resolve({});

function requestCounts(nodes: readonly RelayNode[]): RequestCounts {
  return async () => {
    const sum: Record<string, number> = {};
    for (const n of nodes) {
      const body = (await (await fetch(n.health!)).json()) as { requests?: Record<string, number> };
      for (const [k, v] of Object.entries(body.requests ?? {})) sum[k] = (sum[k] ?? 0) + v;
    }
    return sum;
  };
}

interface Load {
  readonly pairs: number;
  readonly window: number;
  readonly measureMs: number;
  /** Offered SENDs per second over all pairs; undefined: each sender as fast as it is acknowledged. */
  readonly rate?: number;
}

const SATURATED: Load = { pairs: PAIRS, window: WINDOW, measureMs: MEASURE_MS };
const PACED: Load = { pairs: PAIRS, window: WINDOW, measureMs: MEASURE_MS, rate: PACED_RATE };
const MODERATE: Load = { pairs: PAIRS, window: WINDOW, measureMs: MEASURE_MS, rate: MODERATE_RATE };
const LIGHT: Load = { pairs: LIGHT_PAIRS, window: 1, measureMs: LIGHT_MEASURE_MS };

/**
 * `pairs` queues, each created and received on `recvNodes[i % n]` and sent into through
 * `sendNodes[i % n]`, with at most `window` SENDs in flight per sender; measured after a warm-up.
 */
async function drive(sendNodes: RelayAddress[], recvNodes: RelayAddress[], load: Load, processes: Processes, requests: RequestCounts = noRequests): Promise<Run> {
  const { pairs, window, measureMs, rate } = load;
  const receiver = new RelayClient();
  const queues: RecipientQueue[] = [];
  for (let i = 0; i < pairs; i++) queues.push(await receiver.createQueue(recvNodes[i % recvNodes.length]!));
  let measuring = false;
  const ackLatencies: number[] = [];
  const deliveryLatencies: number[] = [];
  let delivered = 0;
  let acked = 0;
  const subs: Subscription[] = queues.map((q) =>
    receiver.subscribe(
      q,
      (m) => {
        if (measuring) {
          delivered++;
          deliveryLatencies.push(Number(process.hrtime.bigint() - m.envelope.readBigUInt64BE(0)) / 1e6);
        }
        return Promise.resolve();
      },
      { dedupe: { seen: () => false } },
    ),
  );
  const conns: RelayConnection[] = [];
  const senders = queues.map((q, i) => {
    const conn = new RelayConnection(sendNodes[i % sendNodes.length]!);
    conns.push(conn);
    const pair = senderKeyPair(q.senderSeed);
    const bind = `s:${q.sendId.toString('hex')}`;
    return (env: Buffer) => conn.command({ kind: 'SEND', sendId: q.sendId, envelope: env }, { key: pair.secretKey, bind });
  });
  await Promise.all(conns.map((c) => c.waitReady()));
  let running = true;
  /** Sends one envelope due at `due` (performance.now() time); latencies count from then. */
  const sendOne = async (send: (env: Buffer) => Promise<unknown>, due: number): Promise<void> => {
    const e = Buffer.alloc(ENVELOPE);
    // The recipient measures delivery from the same moment.
    e.writeBigUInt64BE(process.hrtime.bigint() - BigInt(Math.round((performance.now() - due) * 1e6)), 0);
    systemRng(16).copy(e, 8); // distinct envelopes, as real ones are
    try {
      await send(e);
    } catch {
      return;
    }
    if (measuring) {
      acked++;
      ackLatencies.push(performance.now() - due);
    }
  };
  let loops: Promise<void>[];
  let ticker: NodeJS.Timeout | undefined;
  if (rate === undefined) {
    loops = senders.flatMap((send) =>
      Array.from({ length: window }, async () => {
        while (running) await sendOne(send, performance.now());
      }),
    );
  } else {
    // Due times spread evenly over the pairs; a pair with `window` SENDs in flight keeps its due
    // ones waiting (their wait counts in their latency).
    const backlog: number[][] = senders.map(() => []);
    const inFlight = senders.map(() => 0);
    const idle: (() => void)[] = [];
    const start = performance.now();
    let issued = 0;
    const pump = (i: number): void => {
      while (running && inFlight[i]! < window && backlog[i]!.length > 0) {
        inFlight[i]!++;
        void sendOne(senders[i]!, backlog[i]!.shift()!).finally(() => {
          inFlight[i]!--;
          if (!running && inFlight.every((n) => n === 0)) idle.splice(0).forEach((r) => r());
          pump(i);
        });
      }
    };
    const tick = (): void => {
      if (!running) return;
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      for (; issued < due; issued++) backlog[issued % pairs]!.push(start + (issued / rate) * 1000);
      for (let i = 0; i < pairs; i++) pump(i);
      ticker = setTimeout(tick, 1);
    };
    tick();
    loops = [new Promise<void>((r) => idle.push(r))];
  }
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const roles = Object.entries(processes);
  const requestsBefore = await requests();
  const cpuBefore = roles.map(([, pids]) => cpuMsOfAll(pids));
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, measureMs));
  measuring = false;
  const seconds = (performance.now() - t0) / 1000;
  const cpuMsPerMsg = Object.fromEntries(roles.map(([role, pids], i) => [role, (cpuMsOfAll(pids) - cpuBefore[i]!) / Math.max(1, acked)]));
  const ackedInWindow = Math.max(1, acked);
  const requestsAfter = await requests();
  const requestsPerMsg = Object.fromEntries(Object.entries(requestsAfter).map(([k, v]) => [k, (v - (requestsBefore[k] ?? 0)) / ackedInWindow]));
  running = false;
  clearTimeout(ticker);
  await Promise.race([Promise.all(loops), new Promise((r) => setTimeout(r, 5000))]);
  subs.forEach((s) => s.close());
  conns.forEach((c) => c.close());
  receiver.close();
  ackLatencies.sort((a, b) => a - b);
  deliveryLatencies.sort((a, b) => a - b);
  return {
    ackedPerS: acked / seconds,
    ackP50: percentile(ackLatencies, 50),
    ackP99: percentile(ackLatencies, 99),
    deliveredPerS: delivered / seconds,
    deliveryP50: percentile(deliveryLatencies, 50),
    deliveryP99: percentile(deliveryLatencies, 99),
    cpuMsPerMsg,
    requestsPerMsg,
  };
}

interface Runs {
  readonly saturated: Run;
  readonly paced: Run;
  readonly moderate: Run;
  readonly light: Run;
}

async function embedded(): Promise<Runs> {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-bench-embedded-'));
  const node = await startRelayNode(['--port', '0', '--data', dir, '--no-tls']);
  try {
    const a = parseRelayAddress(node.address);
    const processes: Processes = { relay: [node.child.pid], client: [process.pid] };
    const saturated = await drive([a], [a], SATURATED, processes);
    const paced = await drive([a], [a], PACED, processes);
    const moderate = await drive([a], [a], MODERATE, processes);
    const light = await drive([a], [a], LIGHT, processes);
    return { saturated, paced, moderate, light };
  } finally {
    await node.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

async function clustered(): Promise<Runs> {
  const cluster = await startNatsCluster(3);
  const dirs: string[] = [];
  const nodes: RelayNode[] = [];
  try {
    const first = await mkdtemp(join(tmpdir(), 'saltline-bench-node-'));
    dirs.push(first);
    const args = (dir: string): string[] => ['--store', 'nats', '--nats', cluster.urls, '--data', dir, '--port', '0', '--no-tls', '--health-port', '0'];
    nodes.push(await startRelayNode(args(first)));
    const second = await cloneNodeKeys(first);
    dirs.push(second);
    nodes.push(await startRelayNode(args(second)));
    const [n1, n2] = nodes.map((n) => parseRelayAddress(n.address)) as [RelayAddress, RelayAddress];
    const processes: Processes = { nats: cluster.nodes.map((n) => n.pid), relay: nodes.map((n) => n.child.pid), client: [process.pid] };
    const requests = requestCounts(nodes);
    // Pair i sends through one node and receives through the other: every envelope crosses nodes.
    if (QUICK) {
      const only = await drive([n1, n2], [n2, n1], QUICK === 'saturated' ? SATURATED : MODERATE, processes, requests);
      return { saturated: only, paced: only, moderate: only, light: only };
    }
    const saturated = await drive([n1, n2], [n2, n1], SATURATED, processes, requests);
    const paced = await drive([n1, n2], [n2, n1], PACED, processes, requests);
    const moderate = await drive([n1, n2], [n2, n1], MODERATE, processes, requests);
    const light = await drive([n1, n2], [n2, n1], LIGHT, processes, requests);
    return { saturated, paced, moderate, light };
  } finally {
    if (process.env.RELAY_CLUSTER_LOGS) for (const n of nodes) console.error(n.stderr().slice(-3000));
    for (const n of nodes) await n.stop();
    await cluster.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
}

const round = (n: number, digits = 2): number => Number(n.toFixed(digits));
const totalCpu = (r: Run): number => Object.values(r.cpuMsPerMsg).reduce((s, v) => s + v, 0);
const reqRow = (r: Run): Record<string, number> => Object.fromEntries(Object.entries(r.requestsPerMsg).map(([k, v]) => [k, round(v, 3)]));
const cpuRow = (r: Run): Record<string, number> => Object.fromEntries(Object.entries(r.cpuMsPerMsg).map(([k, v]) => [k, round(v * 1000, 0)]));

export async function run(): Promise<Record<string, unknown>> {
  if (!natsServerBinary()) throw new Error(NATS_MISSING);
  generateSigningKeyPair(systemRng); // load sodium before timing
  // Everything shares this machine's cores with whatever else runs: the load says how much.
  const loadBefore = loadavg()[0]!;
  if (QUICK) {
    const { moderate: only } = await clustered();
    const quick = { msgs_per_s: Math.round(only.ackedPerS), p99_ms: round(only.ackP99), cpu_us_per_msg: cpuRow(only), requests_per_msg: reqRow(only), load_avg_1m: round(loadBefore), load_avg_1m_after: round(loadavg()[0]!) };
    console.log(`quick (cluster, ${QUICK === 'saturated' ? 'saturated' : `paced ${MODERATE_RATE}/s`} only): ${JSON.stringify(quick)}`);
    return quick;
  }
  const emb = await embedded();
  const nats = await clustered();
  const result = {
    msgs_per_s: Math.round(nats.saturated.ackedPerS),
    p99_ms: round(nats.paced.ackP99),
    ratio_vs_embedded: round(nats.saturated.ackedPerS / emb.saturated.ackedPerS, 3),
    p50_ms: round(nats.paced.ackP50),
    paced_offered_per_s: PACED_RATE,
    paced_msgs_per_s: Math.round(nats.paced.ackedPerS),
    paced_delivery_p99_ms: round(nats.paced.deliveryP99),
    moderate_offered_per_s: MODERATE_RATE,
    moderate_msgs_per_s: Math.round(nats.moderate.ackedPerS),
    moderate_p50_ms: round(nats.moderate.ackP50),
    moderate_p99_ms: round(nats.moderate.ackP99),
    moderate_delivery_p99_ms: round(nats.moderate.deliveryP99),
    saturated_p50_ms: round(nats.saturated.ackP50),
    saturated_p99_ms: round(nats.saturated.ackP99),
    delivered_per_s: Math.round(nats.saturated.deliveredPerS),
    delivery_p99_ms: round(nats.saturated.deliveryP99),
    light_msgs_per_s: Math.round(nats.light.ackedPerS),
    light_p50_ms: round(nats.light.ackP50),
    light_p99_ms: round(nats.light.ackP99),
    light_delivery_p99_ms: round(nats.light.deliveryP99),
    cpu_us_per_msg: cpuRow(nats.saturated),
    cpu_bound_msgs_per_s: Math.round(2000 / totalCpu(nats.saturated)),
    requests_per_msg: reqRow(nats.saturated),
    moderate_cpu_us_per_msg: cpuRow(nats.moderate),
    moderate_requests_per_msg: reqRow(nats.moderate),
    paced_cpu_us_per_msg: cpuRow(nats.paced),
    embedded_msgs_per_s: Math.round(emb.saturated.ackedPerS),
    embedded_saturated_p99_ms: round(emb.saturated.ackP99),
    embedded_paced_msgs_per_s: Math.round(emb.paced.ackedPerS),
    embedded_p50_ms: round(emb.paced.ackP50),
    embedded_p99_ms: round(emb.paced.ackP99),
    embedded_moderate_p99_ms: round(emb.moderate.ackP99),
    embedded_light_p50_ms: round(emb.light.ackP50),
    embedded_light_p99_ms: round(emb.light.ackP99),
    embedded_cpu_us_per_msg: cpuRow(emb.saturated),
    embedded_cpu_bound_msgs_per_s: Math.round(2000 / totalCpu(emb.saturated)),
    target: '>= 10,000 acknowledged msg/s and p99 <= 20 ms',
    meets_target: nats.paced.ackedPerS >= 0.99 * PACED_RATE && PACED_RATE >= 10_000 && nats.paced.ackP99 <= 20,
    setup: '3 nats-server 2.9 (R3 file streams) + 2 relay nodes + clients, all on this machine; senders on one node, recipients on the other',
    pairs: PAIRS,
    in_flight_per_sender: WINDOW,
    envelope_bytes: ENVELOPE,
    measure_ms: MEASURE_MS,
    load_avg_1m: round(loadBefore),
    load_avg_1m_after: round(loadavg()[0]!),
    latency_note:
      'msgs_per_s: acknowledged SENDs/s with every sender as fast as acknowledgements come (saturated, 256 in flight); p50_ms/p99_ms: SEND to relay acknowledgement (after the R3 JetStream ack) with SENDs offered at paced_offered_per_s, counted from when each SEND was due; moderate_*: the same at moderate_offered_per_s; saturated_*: latency at the saturated load (mostly queueing: 256 in flight); light_*: 4 senders with 1 SEND in flight; delivery_*: SEND to the recipient handler; cpu_us_per_msg: CPU time per acknowledged envelope by process role at the saturated load; cpu_bound_msgs_per_s: 2 cores divided by that total (what these processes could do with the machine to themselves if CPU were the only limit); requests_per_msg: JetStream requests the relay nodes sent per acknowledged envelope (their /healthz counters), by kind; moderate_cpu_us_per_msg / moderate_requests_per_msg: the same at the moderate paced rate',
  };
  const row = (r: Run): Record<string, number> => ({
    'acked/s': Math.round(r.ackedPerS),
    'ack p50 ms': round(r.ackP50),
    'ack p99 ms': round(r.ackP99),
    'delivered/s': Math.round(r.deliveredPerS),
    'delivery p99 ms': round(r.deliveryP99),
    'CPU µs/msg': round(totalCpu(r) * 1000, 0),
  });
  console.table({
    'embedded, saturated': row(emb.saturated),
    [`embedded, paced ${PACED_RATE}/s`]: row(emb.paced),
    [`embedded, paced ${MODERATE_RATE}/s`]: row(emb.moderate),
    'embedded, light': row(emb.light),
    'nats 2 nodes R3, saturated': row(nats.saturated),
    [`nats, paced ${PACED_RATE}/s`]: row(nats.paced),
    [`nats, paced ${MODERATE_RATE}/s`]: row(nats.moderate),
    'nats, light': row(nats.light),
  });
  console.log(`CPU µs per envelope (saturated): nats cluster ${JSON.stringify(result.cpu_us_per_msg)}, embedded ${JSON.stringify(result.embedded_cpu_us_per_msg)}`);
  console.log(`ratio vs embedded: ${result.ratio_vs_embedded}; load average ${result.load_avg_1m} → ${result.load_avg_1m_after}; target ${result.target}: ${result.meets_target ? 'met' : 'NOT met'}`);
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
