/**
 * Settings of the NATS JetStream queue store (issue #9 items 1 and 3): the servers, the streams
 * it keeps and their limits. Both streams use limits retention (no consumers anywhere: a durable
 * consumer per queue is a RAFT group each and does not scale), R3 file storage, direct get, and
 * discard-new — per subject too, so a full queue refuses the envelope instead of silently losing
 * its oldest one.
 */
import type { StreamConfig } from '@nats-io/jetstream';
import type { RelayLogger } from './config.js';
import type { NatsNaming } from './natsNaming.js';
import { type QueueLimits } from './queueStore.js';
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
export declare const DEFAULT_NATS_STORE_OPTIONS: Omit<NatsStoreOptions, 'servers'>;
/** Parses `--nats nats://a:4222,nats://b:4222`; throws a typed error on anything else. */
export declare function parseNatsServers(text: string): string[];
/** The stream holding every envelope, one subject per queue. */
export declare function envelopeStreamConfig(naming: NatsNaming, o: Pick<NatsStoreOptions, 'limits' | 'replicas'>): Partial<StreamConfig> & {
    name: string;
};
/** The stream holding queue records: one subject per queue id, at most one record each. */
export declare function queueStreamConfig(naming: NatsNaming, o: Pick<NatsStoreOptions, 'limits' | 'replicas'>): Partial<StreamConfig> & {
    name: string;
};
