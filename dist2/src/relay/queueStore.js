/**
 * The relay's queue storage contract (issue #4 §Persistence; issue #9 slots a NATS JetStream
 * backend in behind it). The relay core talks only to this interface.
 *
 * Contract every backend keeps (checked by test/relay/queueStoreSuite.ts against each store):
 * - `append` assigns the envelope's position when it is CALLED: of two appends to one queue, the
 *   one called first gets the lower `seq`. Its promise resolves only once the envelope is durable
 *   (the relay acknowledges a SEND only then).
 * - `seq` increases strictly per queue and is never reused, also across restarts.
 * - `read` returns unacknowledged, unexpired envelopes in `seq` order.
 * - `ack` deletes at once; an ack that is lost in a crash only causes a redelivery.
 * - Listeners from `onAppend` hear of each envelope once it is readable (possibly before it is
 *   durable) — for NATS this is the cross-node wake-up of the node a recipient is connected to.
 * - `append`'s `body` is a view into the frame the relay read from a socket, possibly into a much
 *   larger read buffer: a store that keeps the bytes in memory keeps its own copy, never the view.
 */
import { SaltlineError } from '../crypto/errors.js';
export const DEFAULT_QUEUE_LIMITS = {
    maxMessagesPerQueue: 2048,
    maxBytesPerQueue: 32 * 1024 * 1024,
    maxTotalBytes: 1024 * 1024 * 1024,
    maxQueues: 1_000_000,
};
export const QueueStoreErrorCode = {
    NO_QUEUE: 'NO_QUEUE',
    QUEUE_FULL: 'QUEUE_FULL',
    RELAY_FULL: 'RELAY_FULL',
    DUPLICATE_QUEUE: 'DUPLICATE_QUEUE',
    CLOSED: 'STORE_CLOSED',
    CORRUPT: 'STORE_CORRUPT',
};
export class QueueStoreError extends SaltlineError {
    reason;
    constructor(reason, message) {
        super(QueueStoreErrorCode[reason], message);
        this.reason = reason;
    }
}
//# sourceMappingURL=queueStore.js.map