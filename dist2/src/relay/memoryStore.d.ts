import { type AppendListener, type QueueLimits, type QueueRecord, type QueueStore, type QueueStoreStats, type StoredEnvelope } from './queueStore.js';
export declare class MemoryQueueStore implements QueueStore {
    #private;
    constructor(limits?: QueueLimits);
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
    close(): Promise<void>;
}
