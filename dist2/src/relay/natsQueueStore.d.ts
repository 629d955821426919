import type { Secret } from '../crypto/secret.js';
import { type NatsStoreOptions } from './natsConfig.js';
import { type AppendListener, type QueueRecord, type QueueStore, type QueueStoreStats, type StoredEnvelope } from './queueStore.js';
export interface NatsHealth {
    readonly ok: boolean;
    readonly server: string | undefined;
    readonly streams: Record<string, {
        leader: string | undefined;
        replicas: number;
        current: number;
        messages: number;
    }>;
    readonly error?: string;
}
export declare class NatsQueueStore implements QueueStore {
    #private;
    private constructor();
    /** Connects, creates or checks both streams, and starts the background refreshes. */
    static open(key: Secret<'NatsOperatorKey'>, options: Partial<NatsStoreOptions> & Pick<NatsStoreOptions, 'servers'>, prefix?: string): Promise<NatsQueueStore>;
    createQueue(queue: QueueRecord): Promise<void>;
    queueByRecvId(recvId: Buffer): Promise<QueueRecord | undefined>;
    queueBySendId(sendId: Buffer): Promise<QueueRecord | undefined>;
    deleteQueue(recvId: Buffer): Promise<boolean>;
    /**
     * Appends in call order per queue: the checks before the publish run one append at a time per
     * queue, and publishes leave in order on the one connection; acknowledgements are awaited
     * concurrently, so appends stay pipelined.
     */
    append(recvId: Buffer, body: Buffer, timestamp: number): Promise<StoredEnvelope>;
    read(recvId: Buffer, afterSeq: number, limit: number): Promise<StoredEnvelope[]>;
    ack(recvId: Buffer, seq: number): Promise<boolean>;
    /**
     * Walks the stream from its oldest envelope and deletes those older than `before`; stops at
     * the first younger one (stream order is arrival order). Nodes may sweep concurrently: an
     * envelope counts for the node whose delete removed it.
     */
    expire(before: number): Promise<number>;
    onAppend(listener: AppendListener): () => void;
    /** A recipient on this node subscribed to the queue: route its wake-ups here. */
    watch(recvId: Buffer): void;
    unwatch(recvId: Buffer): void;
    stats(): QueueStoreStats;
    /** For a health endpoint: connected, and both streams have a leader and current replicas. */
    health(): Promise<NatsHealth>;
    close(): Promise<void>;
}
