/**
 * Relay-cluster benchmark (issue #9 §Benchmark): 1 KiB envelopes through 2 stateless relay nodes
 * on a 3-server NATS JetStream cluster (R3, every SEND acknowledged only after JetStream's
 * replicated acknowledgement), beside the embedded single-process relay (fsync'ed log) in the
 * same run with the same load. Each pair's sender is on one node and its recipient on the other,
 * so every envelope crosses nodes. Reported: acknowledged envelopes per second and the
 * send→acknowledgement latency (the headline), plus send→delivery latency at the recipient, and
 * the same under a light load (4 senders, 1 SEND in flight each).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemRng } from '../src/crypto/random.js';
import { generateSigningKeyPair } from '../src/crypto/sign.js';
import { parseRelayAddress } from '../src/protocol/relayWire/relayAddress.js';
import { senderKeyPair } from '../src/transport/address.js';
import { RelayClient } from '../src/transport/relayClient.js';
import { RelayConnection } from '../src/transport/relayConnection.js';
import { NATS_MISSING, natsServerBinary, startNatsCluster } from '../test/helpers/natsCluster.js';
import { cloneNodeKeys, startRelayNode } from '../test/helpers/relayNode.js';
const ENVELOPE = 1024;
const PAIRS = Number(process.env.RELAY_CLUSTER_PAIRS ?? 32);
const WINDOW = Number(process.env.RELAY_CLUSTER_WINDOW ?? 8);
const WARMUP_MS = 1500;
const LIGHT_PAIRS = 4;
const LIGHT_MEASURE_MS = 3000;
const MEASURE_MS = Number(process.env.RELAY_CLUSTER_MEASURE_MS ?? 5000);
function percentile(sorted, p) {
    if (sorted.length === 0)
        return NaN;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
/**
 * `pairs` queues, each created and received on `recvNodes[i % n]` and sent into through
 * `sendNodes[i % n]`, with `window` SENDs in flight per sender; measured after a warm-up.
 */
async function drive(sendNodes, recvNodes, pairs, window, measureMs) {
    const receiver = new RelayClient();
    const queues = [];
    for (let i = 0; i < pairs; i++)
        queues.push(await receiver.createQueue(recvNodes[i % recvNodes.length]));
    let measuring = false;
    const ackLatencies = [];
    const deliveryLatencies = [];
    let delivered = 0;
    let acked = 0;
    const subs = queues.map((q) => receiver.subscribe(q, (m) => {
        if (measuring) {
            delivered++;
            deliveryLatencies.push(Number(process.hrtime.bigint() - m.envelope.readBigUInt64BE(0)) / 1e6);
        }
        return Promise.resolve();
    }, { dedupe: { seen: () => false } }));
    const conns = [];
    const senders = queues.map((q, i) => {
        const conn = new RelayConnection(sendNodes[i % sendNodes.length]);
        conns.push(conn);
        const pair = senderKeyPair(q.senderSeed);
        const bind = `s:${q.sendId.toString('hex')}`;
        return (env) => conn.command({ kind: 'SEND', sendId: q.sendId, envelope: env }, { key: pair.secretKey, bind });
    });
    await Promise.all(conns.map((c) => c.waitReady()));
    let running = true;
    const loops = senders.flatMap((send) => Array.from({ length: window }, async () => {
        while (running) {
            const e = Buffer.alloc(ENVELOPE);
            const t0 = process.hrtime.bigint();
            e.writeBigUInt64BE(t0, 0);
            systemRng(16).copy(e, 8); // distinct envelopes, as real ones are
            try {
                await send(e);
            }
            catch {
                continue;
            }
            if (measuring) {
                acked++;
                ackLatencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
            }
        }
    }));
    await new Promise((r) => setTimeout(r, WARMUP_MS));
    measuring = true;
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, measureMs));
    measuring = false;
    const seconds = (performance.now() - t0) / 1000;
    running = false;
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
    };
}
async function embedded(pairs = PAIRS, window = WINDOW, measureMs = MEASURE_MS) {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-bench-embedded-'));
    const node = await startRelayNode(['--port', '0', '--data', dir, '--no-tls']);
    try {
        const a = parseRelayAddress(node.address);
        return await drive([a], [a], pairs, window, measureMs);
    }
    finally {
        await node.stop();
        await rm(dir, { recursive: true, force: true });
    }
}
/** The full load, then a light one (4 senders, 1 SEND in flight each) for latency without queueing. */
async function clustered() {
    const cluster = await startNatsCluster(3);
    const dirs = [];
    const nodes = [];
    try {
        const first = await mkdtemp(join(tmpdir(), 'saltline-bench-node-'));
        dirs.push(first);
        const args = (dir) => ['--store', 'nats', '--nats', cluster.urls, '--data', dir, '--port', '0', '--no-tls'];
        nodes.push(await startRelayNode(args(first)));
        const second = await cloneNodeKeys(first);
        dirs.push(second);
        nodes.push(await startRelayNode(args(second)));
        const [n1, n2] = nodes.map((n) => parseRelayAddress(n.address));
        // Pair i sends through one node and receives through the other: every envelope crosses nodes.
        const full = await drive([n1, n2], [n2, n1], PAIRS, WINDOW, MEASURE_MS);
        const light = await drive([n1, n2], [n2, n1], LIGHT_PAIRS, 1, LIGHT_MEASURE_MS);
        return { full, light };
    }
    finally {
        if (process.env.RELAY_CLUSTER_LOGS)
            for (const n of nodes)
                console.error(n.stderr().slice(-3000));
        for (const n of nodes)
            await n.stop();
        await cluster.stop();
        for (const d of dirs)
            await rm(d, { recursive: true, force: true });
    }
}
const round = (n, digits = 2) => Number(n.toFixed(digits));
export async function run() {
    if (!natsServerBinary())
        throw new Error(NATS_MISSING);
    generateSigningKeyPair(systemRng); // load sodium before timing
    // Everything shares this machine's cores with whatever else runs: the load says how much.
    const loadBefore = loadavg()[0];
    const emb = await embedded();
    const embLight = await embedded(LIGHT_PAIRS, 1, LIGHT_MEASURE_MS);
    const { full: nats, light } = await clustered();
    const result = {
        msgs_per_s: Math.round(nats.ackedPerS),
        p99_ms: round(nats.ackP99),
        ratio_vs_embedded: round(nats.ackedPerS / emb.ackedPerS, 3),
        p50_ms: round(nats.ackP50),
        delivered_per_s: Math.round(nats.deliveredPerS),
        delivery_p50_ms: round(nats.deliveryP50),
        delivery_p99_ms: round(nats.deliveryP99),
        light_msgs_per_s: Math.round(light.ackedPerS),
        light_p50_ms: round(light.ackP50),
        light_p99_ms: round(light.ackP99),
        light_delivery_p99_ms: round(light.deliveryP99),
        embedded_light_p50_ms: round(embLight.ackP50),
        embedded_light_p99_ms: round(embLight.ackP99),
        embedded_msgs_per_s: Math.round(emb.ackedPerS),
        embedded_p50_ms: round(emb.ackP50),
        embedded_p99_ms: round(emb.ackP99),
        embedded_delivered_per_s: Math.round(emb.deliveredPerS),
        embedded_delivery_p99_ms: round(emb.deliveryP99),
        target: '>= 10,000 acknowledged msg/s and p99 <= 20 ms',
        meets_target: nats.ackedPerS >= 10_000 && nats.ackP99 <= 20,
        setup: '3 nats-server 2.9 (R3 file streams) + 2 relay nodes + clients, all on this machine; senders on one node, recipients on the other',
        pairs: PAIRS,
        in_flight_per_sender: WINDOW,
        envelope_bytes: ENVELOPE,
        measure_ms: MEASURE_MS,
        load_avg_1m: round(loadBefore),
        load_avg_1m_after: round(loadavg()[0]),
        latency_note: 'p50_ms/p99_ms: SEND to the relay acknowledgement (after the R3 JetStream ack) under the full load; light_*: 4 senders with 1 SEND in flight each; delivery_*: SEND to the recipient handler',
    };
    console.table({
        'embedded (1 process)': { 'acked/s': result.embedded_msgs_per_s, 'ack p50 ms': result.embedded_p50_ms, 'ack p99 ms': result.embedded_p99_ms, 'delivered/s': result.embedded_delivered_per_s, 'delivery p99 ms': result.embedded_delivery_p99_ms },
        'nats (2 nodes, R3)': { 'acked/s': result.msgs_per_s, 'ack p50 ms': result.p50_ms, 'ack p99 ms': result.p99_ms, 'delivered/s': result.delivered_per_s, 'delivery p99 ms': result.delivery_p99_ms },
        'embedded, light': { 'acked/s': Math.round(embLight.ackedPerS), 'ack p50 ms': result.embedded_light_p50_ms, 'ack p99 ms': result.embedded_light_p99_ms, 'delivered/s': Math.round(embLight.deliveredPerS), 'delivery p99 ms': round(embLight.deliveryP99) },
        'nats, light': { 'acked/s': result.light_msgs_per_s, 'ack p50 ms': result.light_p50_ms, 'ack p99 ms': result.light_p99_ms, 'delivered/s': Math.round(light.deliveredPerS), 'delivery p99 ms': result.light_delivery_p99_ms },
    });
    console.log(`ratio vs embedded: ${result.ratio_vs_embedded}; target ${result.target}: ${result.meets_target ? 'met' : 'NOT met'}`);
    return result;
}
if (process.argv[1] === fileURLToPath(import.meta.url)) {
    run().then(() => process.exit(0), (e) => {
        console.error(e);
        process.exit(1);
    });
}
//# sourceMappingURL=relayCluster.js.map