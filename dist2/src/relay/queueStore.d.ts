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
export interface QueueRecord {
    readonly recvId: Buffer;
    readonly sendId: Buffer;
    readonly recipientKey: Buffer;
    readonly senderKey: Buffer;
    readonly createdAt: number;
}
export interface StoredEnvelope {
    readonly seq: number;
    readonly timestamp: number;
    readonly body: Buffer;
}
export interface QueueLimits {
    /** Most unacknowledged envelopes one queue holds. */
    readonly maxMessagesPerQueue: number;
    /** Most unacknowledged envelope bytes one queue holds. */
    readonly maxBytesPerQueue: number;
    /** Most envelope bytes the whole store holds. */
    readonly maxTotalBytes: number;
    /** Most queues the store holds. */
    readonly maxQueues: number;
}
export declare const DEFAULT_QUEUE_LIMITS: QueueLimits;
export type AppendListener = (recvId: Buffer, envelope: StoredEnvelope) => void;
export interface QueueStoreStats {
    readonly queues: number;
    readonly envelopes: number;
    readonly bytes: number;
}
export interface QueueStore {
    /** Fails with `QueueStoreError('DUPLICATE_QUEUE')` if either id is taken. Durable when resolved. */
    createQueue(queue: QueueRecord): Promise<void>;
    queueByRecvId(recvId: Buffer): Promise<QueueRecord | undefined>;
    queueBySendId(sendId: Buffer): Promise<QueueRecord | undefined>;
    /** Removes the queue and every envelope in it; false if there was no such queue. */
    deleteQueue(recvId: Buffer): Promise<boolean>;
    /** Fails with `QueueStoreError` codes NO_QUEUE, QUEUE_FULL or RELAY_FULL. */
    append(recvId: Buffer, body: Buffer, timestamp: number): Promise<StoredEnvelope>;
    read(recvId: Buffer, afterSeq: number, limit: number): Promise<StoredEnvelope[]>;
    ack(recvId: Buffer, seq: number): Promise<boolean>;
    /** Drops envelopes with `timestamp < before`; returns how many. */
    expire(before: number): Promise<number>;
    onAppend(listener: AppendListener): () => void;
    /**
     * Optional, for stores shared by several relay nodes (issue #9): a recipient on this node
     * subscribed to the queue, so `onAppend` listeners here must hear of its envelopes appended
     * through other nodes. Each call is balanced by one `unwatch`.
     */
    watch?(recvId: Buffer): void;
    unwatch?(recvId: Buffer): void;
    stats(): QueueStoreStats;
    close(): Promise<void>;
}
export declare const QueueStoreErrorCode: {
    readonly NO_QUEUE: "NO_QUEUE";
    readonly QUEUE_FULL: "QUEUE_FULL";
    readonly RELAY_FULL: "RELAY_FULL";
    readonly DUPLICATE_QUEUE: "DUPLICATE_QUEUE";
    readonly CLOSED: "STORE_CLOSED";
    readonly CORRUPT: "STORE_CORRUPT";
};
export type QueueStoreErrorName = keyof typeof QueueStoreErrorCode;
export declare class QueueStoreError extends SaltlineError {
    readonly reason: QueueStoreErrorName;
    constructor(reason: QueueStoreErrorName, message: string);
}
