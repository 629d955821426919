import { type AppendListener, type QueueLimits, type QueueRecord, type QueueStore, type QueueStoreStats, type StoredEnvelope } from './queueStore.js';
export declare const LOG_FILE = "queues.log";
export interface LogStoreOptions {
    readonly limits?: QueueLimits;
    /** Skip fdatasync (tests of logic only; never for a real relay). */
    readonly unsafeNoSync?: boolean;
    /** Rewrite the log once it is this much larger than the live state (and 4× it); default 64 MiB. */
    readonly compactSlackBytes?: number;
}
export declare class LogQueueStore implements QueueStore {
    #private;
    private constructor();
    /** Opens (or creates) the store in `dir`: replays the log, drops a torn tail, compacts. */
    static open(dir: string, options?: LogStoreOptions): Promise<LogQueueStore>;
    createQueue(queue: QueueRecord): Promise<void>;
    queueByRecvId(recvId: Buffer): Promise<QueueRecord | undefined>;
    queueBySendId(sendId: Buffer): Promise<QueueRecord | undefined>;
    deleteQueue(recvId: Buffer): Promise<boolean>;
    append(recvId: Buffer, body: Buffer, timestamp: number): Promise<StoredEnvelope>;
    read(recvId: Buffer, afterSeq: number, limit: number): Promise<StoredEnvelope[]>;
    ack(recvId: Buffer, seq: number): Promise<boolean>;
    expire(before: number): Promise<number>;
    onAppend(listener: AppendListener): () => void;
    stats(): QueueStoreStats;
    /** Writes what is pending, then closes the log. */
    close(): Promise<void>;
}
