import { type QueueLimits, type QueueRecord, type QueueStoreStats, type StoredEnvelope } from './queueStore.js';
export declare class QueueIndex {
    #private;
    constructor(limits: QueueLimits);
    queueByRecvId(recvId: Buffer): QueueRecord | undefined;
    queueBySendId(sendId: Buffer): QueueRecord | undefined;
    /** Checks that a queue can be created (ids free, room left) without changing anything. */
    checkCreate(queue: QueueRecord): void;
    createQueue(queue: QueueRecord, nextSeq?: number): void;
    deleteQueue(recvId: Buffer): boolean;
    /** Checks quotas and returns the seq the next envelope would get, without changing anything. */
    checkAppend(recvId: Buffer, byteLength: number): number;
    append(recvId: Buffer, body: Buffer, timestamp: number): StoredEnvelope;
    /**
     * Puts back an envelope read from disk (no quota check: it was accepted before). Idempotent. A
     * compacted log lists a queue's next seq before its envelopes, so lower seqs are accepted here.
     */
    restore(recvId: Buffer, envelope: StoredEnvelope): void;
    /** Raises a queue's next seq (replaying a compacted log, whose acked envelopes are gone). */
    advanceSeq(recvId: Buffer, nextSeq: number): void;
    read(recvId: Buffer, afterSeq: number, limit: number): StoredEnvelope[];
    ack(recvId: Buffer, seq: number): boolean;
    /** Removes expired envelopes; returns (queue, seq) pairs removed so a log can record them. */
    expire(before: number): {
        recvId: Buffer;
        seq: number;
    }[];
    /** Every live queue with its next seq and envelopes: what a compacted log must contain. */
    snapshot(): Generator<{
        record: QueueRecord;
        nextSeq: number;
        envelopes: Iterable<StoredEnvelope>;
    }>;
    /** Envelope bytes held, as in `stats()`, without building an object. */
    get bytes(): number;
    stats(): QueueStoreStats;
}
