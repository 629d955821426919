/**
 * Settings of the NATS JetStream queue store (issue #9 items 1 and 3): the servers, the streams
 * it keeps and their limits. Both streams use limits retention (no consumers anywhere: a durable
 * consumer per queue is a RAFT group each and does not scale), R3 file storage, direct get, and
 * discard-new — per subject too, so a full queue refuses the envelope instead of silently losing
 * its oldest one.
 */
import type { StreamConfig } from '@nats-io/jetstream';
import { MAX_ENVELOPE_BYTES } from '../protocol/limits.js';
import type { RelayLogger } from './config.js';
import type { NatsNaming } from './natsNaming.js';
import { DEFAULT_QUEUE_LIMITS, QueueStoreError, type QueueLimits } from './queueStore.js';

export interface NatsStoreOptions {
  /** `nats://host:port` (or `tls://`) URLs of the cluster; the client fails over between them. */
  readonly servers: readonly string[];
  readonly limits: QueueLimits;
  /** JetStream replicas of both streams: 3 on a 3-server cluster, so any one server may die. */
  readonly replicas: number;
  /** One publish attempt waits this long for JetStream's acknowledgement. */
  readonly publishAttemptMs: number;
  /** An append retried (with the same message id) for this long fails; the client retries it. */
  readonly publishDeadlineMs: number;
  /** How often every watched queue is re-checked in case a wake-up was lost. */
  readonly resyncIntervalMs: number;
  /** How often the stream totals (stats, quota estimate) are refreshed from JetStream. */
  readonly statsIntervalMs: number;
  /** A cached queue record is trusted this long (deletions elsewhere are also broadcast). */
  readonly recordCacheMs: number;
  /** Names the connection in the NATS server's monitoring. */
  readonly connectionName: string;
  readonly log: RelayLogger;
}

export const DEFAULT_NATS_STORE_OPTIONS: Omit<NatsStoreOptions, 'servers'> = {
  limits: DEFAULT_QUEUE_LIMITS,
  replicas: 3,
  publishAttemptMs: 4000,
  publishDeadlineMs: 12_000,
  resyncIntervalMs: 30_000,
  statsIntervalMs: 2000,
  recordCacheMs: 30_000,
  connectionName: 'saltline-relay',
  log: () => undefined,
};

/** Parses `--nats nats://a:4222,nats://b:4222`; throws a typed error on anything else. */
export function parseNatsServers(text: string): string[] {
  const urls = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (urls.length === 0) throw new QueueStoreError('CORRUPT', '--nats needs at least one nats://host:port URL');
  for (const u of urls) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new QueueStoreError('CORRUPT', `not a URL: ${u}`);
    }
    if (!['nats:', 'tls:'].includes(parsed.protocol) || parsed.hostname === '') throw new QueueStoreError('CORRUPT', `not a nats:// or tls:// URL: ${u}`);
  }
  return urls;
}

/**
 * How long JetStream remembers message ids to drop a retried publish that had landed: every
 * retry of a publish is sent within `publishDeadlineMs` (+ one attempt) of the first, so twice
 * that suffices. Each server keeps every id of the window in a map that its garbage collector
 * walks; 2 minutes (JetStream's default) at 5,000 envelopes/s were 600k entries per server.
 */
export function duplicateWindowMs(o: Pick<NatsStoreOptions, 'publishDeadlineMs' | 'publishAttemptMs'>): number {
  return Math.max(30_000, 2 * (o.publishDeadlineMs + o.publishAttemptMs));
}

type StreamOptions = Pick<NatsStoreOptions, 'limits' | 'replicas' | 'publishDeadlineMs' | 'publishAttemptMs'>;

/** What both streams share: file storage, direct gets, and a full subject refusing more rather than dropping. */
function perSubjectStream(o: StreamOptions): Partial<StreamConfig> {
  return {
    retention: 'limits',
    storage: 'file',
    num_replicas: o.replicas,
    allow_direct: true,
    discard: 'new',
    discard_new_per_subject: true,
    max_age: 0,
    duplicate_window: duplicateWindowMs(o) * 1_000_000,
  };
}

/** The stream holding every envelope, one subject per queue. */
export function envelopeStreamConfig(naming: NatsNaming, o: StreamOptions): Partial<StreamConfig> & { name: string } {
  return {
    name: naming.envelopeStream,
    description: `saltline relay envelopes; operator key ${naming.keyId}`,
    subjects: [naming.envelopeWildcard],
    ...perSubjectStream(o),
    max_msgs_per_subject: o.limits.maxMessagesPerQueue,
    // The exact byte quota is the store's (it counts envelope bytes only); this backstop bounds
    // what concurrent nodes can over-admit between two refreshes of their estimate.
    max_bytes: Math.ceil(o.limits.maxTotalBytes * 1.5) + 16 * 1024 * 1024,
    max_msg_size: MAX_ENVELOPE_BYTES + 1024,
    max_msgs: -1,
    // The wake-up of the node watching the queue, sent by the stream leader once stored.
    republish: { src: naming.envelopeWildcard, dest: naming.wakeRepublishDestination },
  };
}

/** The stream holding queue records: one subject per queue id, at most one record each. */
export function queueStreamConfig(naming: NatsNaming, o: StreamOptions): Partial<StreamConfig> & { name: string } {
  return {
    name: naming.queueStream,
    description: `saltline relay queues; operator key ${naming.keyId}`,
    subjects: [naming.recordWildcard],
    ...perSubjectStream(o),
    max_msgs_per_subject: 1,
    // Every queue is two records (receive id, send id).
    max_msgs: 2 * o.limits.maxQueues,
    max_bytes: -1,
  };
}
