/**
 * What the NATS JetStream cluster alone can carry on this machine (issue 9 §Benchmark, context for
 * its ≥ 10,000 msg/s target): no relay at all, one raw `@nats-io/jetstream` client publishing 1 KiB
 * messages into a 3-server cluster, into a stream configured like the relay's envelope stream
 * (limits retention, file storage, R3, one subject per queue over 1,000 queues), with 256, 1,024
 * and 4,096 publishes in flight (the best is the ceiling), each counted when JetStream acknowledged
 * it (stored on a quorum of the replicas).
 *
 * Publishing is the least a relay over this cluster does per envelope; the relay clustered
 * benchmark (`relay-cluster`) adds WebSocket clients, relay nodes, wake-ups, deliveries and purges
 * of acknowledged envelopes on top, on the same two cores, so its msg/s cannot exceed this one's.
 * Reports acknowledged msg/s and CPU µs per message of the three servers and of this client.
 */
import { loadavg } from 'node:os';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { cpuMsOf, cpuMsOfAll } from './lib/cpu.js';
import { NATS_MISSING, natsServerBinary, startNatsCluster } from '../test/helpers/natsCluster.js';

const QUEUES = 1000;
const IN_FLIGHT = [256, 1024, 4096] as const;
const SECONDS = 8;
const STREAM = 'CEILING';

interface Phase {
  readonly in_flight: number;
  readonly acked_per_s: number;
  readonly server_cpu_us_per_msg: number;
  readonly client_cpu_us_per_msg: number;
  readonly load_average_1m: number;
}

export async function run(): Promise<Record<string, unknown>> {
  if (!natsServerBinary()) return { skipped: NATS_MISSING };
  const cluster = await startNatsCluster(3);
  try {
    await cluster.waitForMetaLeader();
    const nc = await connect({ servers: cluster.urls.split(','), maxReconnectAttempts: -1 });
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const serverPids = cluster.nodes.map((n) => n.pid);
    const serverCpuMs = (): number => cpuMsOfAll(serverPids);
    const body = Buffer.alloc(1024, 0x5a);

    const publishOnly = async (inFlight: number): Promise<Phase> => {
      await jsm.streams.add({
        name: STREAM,
        subjects: ['ceil.>'],
        retention: 'limits',
        storage: 'file',
        num_replicas: 3,
        allow_direct: true,
        discard: 'new',
        discard_new_per_subject: true,
        max_msgs_per_subject: 10_000,
      });
      let acked = 0;
      let next = 0;
      let measuring = false;
      const stopAt = performance.now() + (SECONDS + 1) * 1000;
      let serverStart = 0;
      let clientStart = 0;
      let tStart = 0;
      let ackedAtStart = 0;
      // The first second warms up; then SECONDS are measured.
      const startMeasuring = setTimeout(() => {
        measuring = true;
        serverStart = serverCpuMs();
        clientStart = cpuMsOf(process.pid);
        tStart = performance.now();
        ackedAtStart = acked;
      }, 1000);
      const worker = async (): Promise<void> => {
        while (performance.now() < stopAt) {
          const q = next++ % QUEUES;
          await js.publish(`ceil.${q}`, body);
          acked++;
        }
      };
      await Promise.all(Array.from({ length: inFlight }, worker));
      clearTimeout(startMeasuring);
      const seconds = (performance.now() - tStart) / 1000;
      const n = acked - ackedAtStart;
      const result: Phase = {
        in_flight: inFlight,
        acked_per_s: Math.round(n / seconds),
        server_cpu_us_per_msg: Number((((serverCpuMs() - serverStart) * 1000) / n).toFixed(1)),
        client_cpu_us_per_msg: Number((((cpuMsOf(process.pid) - clientStart) * 1000) / n).toFixed(1)),
        load_average_1m: Number(loadavg()[0]!.toFixed(2)),
      };
      if (!measuring) throw new Error('benchmark: the measurement never started');
      await jsm.streams.delete(STREAM);
      console.log(`${inFlight} in flight: ${result.acked_per_s} acknowledged msg/s, servers ${result.server_cpu_us_per_msg} µs + client ${result.client_cpu_us_per_msg} µs CPU per message (load ${result.load_average_1m})`);
      return result;
    };

    const byInFlight: Record<string, Phase> = {};
    for (const n of IN_FLIGHT) byInFlight[n] = await publishOnly(n);
    await nc.close();
    const best = Object.values(byInFlight).reduce((a, b) => (b.acked_per_s > a.acked_per_s ? b : a));
    return { acked_per_s: best.acked_per_s, server_cpu_us_per_msg: best.server_cpu_us_per_msg, client_cpu_us_per_msg: best.client_cpu_us_per_msg, queues: QUEUES, seconds: SECONDS, in_flight: byInFlight };
  } finally {
    await cluster.stop();
  }
}
