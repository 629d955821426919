import { MAX_ENVELOPE_BYTES } from '../protocol/limits.js';
import { DEFAULT_QUEUE_LIMITS, QueueStoreError } from './queueStore.js';
export const DEFAULT_NATS_STORE_OPTIONS = {
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
export function parseNatsServers(text) {
    const urls = text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
    if (urls.length === 0)
        throw new QueueStoreError('CORRUPT', '--nats needs at least one nats://host:port URL');
    for (const u of urls) {
        let parsed;
        try {
            parsed = new URL(u);
        }
        catch {
            throw new QueueStoreError('CORRUPT', `not a URL: ${u}`);
        }
        if (!['nats:', 'tls:'].includes(parsed.protocol) || parsed.hostname === '')
            throw new QueueStoreError('CORRUPT', `not a nats:// or tls:// URL: ${u}`);
    }
    return urls;
}
/** The stream holding every envelope, one subject per queue. */
export function envelopeStreamConfig(naming, o) {
    return {
        name: naming.envelopeStream,
        description: `saltline relay envelopes; operator key ${naming.keyId}`,
        subjects: [naming.envelopeWildcard],
        retention: 'limits',
        storage: 'file',
        num_replicas: o.replicas,
        allow_direct: true,
        discard: 'new',
        discard_new_per_subject: true,
        max_msgs_per_subject: o.limits.maxMessagesPerQueue,
        // The exact byte quota is the store's (it counts envelope bytes only); this backstop bounds
        // what concurrent nodes can over-admit between two refreshes of their estimate.
        max_bytes: Math.ceil(o.limits.maxTotalBytes * 1.5) + 16 * 1024 * 1024,
        max_msg_size: MAX_ENVELOPE_BYTES + 1024,
        max_msgs: -1,
        max_age: 0,
        duplicate_window: 120 * 1_000_000_000,
    };
}
/** The stream holding queue records: one subject per queue id, at most one record each. */
export function queueStreamConfig(naming, o) {
    return {
        name: naming.queueStream,
        description: `saltline relay queues; operator key ${naming.keyId}`,
        subjects: [naming.recordWildcard],
        retention: 'limits',
        storage: 'file',
        num_replicas: o.replicas,
        allow_direct: true,
        discard: 'new',
        discard_new_per_subject: true,
        max_msgs_per_subject: 1,
        // Every queue is two records (receive id, send id).
        max_msgs: 2 * o.limits.maxQueues,
        max_bytes: -1,
        max_age: 0,
        duplicate_window: 120 * 1_000_000_000,
    };
}
//# sourceMappingURL=natsConfig.js.map