/**
 * The relay's embedded QueueStore (issue #4 §Persistence): an append-only log in the data folder,
 * replayed into an in-memory QueueIndex at start and appended to through a group-committing
 * CommitLog (see commitLog.ts). The log is rewritten with only the live state at every start and
 * whenever it has grown well past that, so acknowledged and expired envelopes leave the disk.
 *
 * Durability: `createQueue` and `append` resolve only after their records are fdatasync'ed; acks
 * and deletions are written in the same batches without being waited for (a lost ack only causes
 * a redelivery, which clients deduplicate).
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { CommitLog } from './commitLog.js';
import { encodeLogRecord, encodeMsgRecord, parseLog } from './logRecord.js';
import { QueueIndex } from './queueIndex.js';
import { DEFAULT_QUEUE_LIMITS, QueueStoreError, } from './queueStore.js';
export const LOG_FILE = 'queues.log';
const COMPACT_FILE = 'queues.log.compact';
/** Rewrite the log once it holds this many bytes more than the live state (and at least 4× it). */
const COMPACT_SLACK_BYTES = 64 * 1024 * 1024;
function writeFailed() {
    throw new QueueStoreError('CORRUPT', 'writing the queue log failed');
}
async function fsyncDir(dir) {
    const fh = await open(dir, 'r');
    try {
        await fh.sync();
    }
    finally {
        await fh.close();
    }
}
export class LogQueueStore {
    #dir;
    #index;
    #listeners = new Set();
    #sync;
    #log;
    #compactSlackBytes;
    #compacting = false;
    #closed = false;
    constructor(dir, index, log, sync, compactSlackBytes) {
        this.#dir = dir;
        this.#index = index;
        this.#log = log;
        this.#sync = sync;
        this.#compactSlackBytes = compactSlackBytes;
    }
    /** Opens (or creates) the store in `dir`: replays the log, drops a torn tail, compacts. */
    static async open(dir, options = {}) {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        const index = new QueueIndex(options.limits ?? DEFAULT_QUEUE_LIMITS);
        let bytes;
        try {
            bytes = await readFile(join(dir, LOG_FILE));
        }
        catch (e) {
            if (e.code !== 'ENOENT')
                throw e;
            bytes = Buffer.alloc(0);
        }
        for (const r of parseLog(bytes).records)
            replay(index, r);
        const sync = options.unsafeNoSync !== true;
        const written = await writeSnapshot(dir, index, sync);
        return new LogQueueStore(dir, index, new CommitLog(join(dir, LOG_FILE), written, { sync }), sync, options.compactSlackBytes ?? COMPACT_SLACK_BYTES);
    }
    #check() {
        if (this.#log.failed)
            throw new QueueStoreError('CORRUPT', 'the store failed to write and is read-only');
        if (this.#closed)
            throw new QueueStoreError('CLOSED', 'store is closed');
    }
    /** Appends a durable record (the caller has checked the store is usable). */
    #durable(record) {
        const done = this.#log.append(record);
        this.#compactIfBloated();
        return done;
    }
    /** Appends a lazy record (the caller has checked the store is usable). */
    #lazy(record) {
        this.#log.appendLazy(record);
        this.#compactIfBloated();
    }
    #compactIfBloated() {
        if (this.#compacting || this.#log.bytes <= Math.max(this.#compactSlackBytes, 4 * this.#index.bytes))
            return;
        this.#compacting = true;
        void this.#log.replace(() => writeSnapshot(this.#dir, this.#index, this.#sync)).finally(() => (this.#compacting = false));
    }
    async createQueue(queue) {
        this.#check();
        this.#index.createQueue(queue);
        await this.#durable(encodeLogRecord({ type: 'CREATE', ...queue, nextSeq: 1 })).catch(writeFailed);
    }
    queueByRecvId(recvId) {
        return Promise.resolve(this.#index.queueByRecvId(recvId));
    }
    queueBySendId(sendId) {
        return Promise.resolve(this.#index.queueBySendId(sendId));
    }
    deleteQueue(recvId) {
        try {
            this.#check();
        }
        catch (e) {
            return Promise.reject(e instanceof Error ? e : new Error(String(e)));
        }
        const existed = this.#index.deleteQueue(recvId);
        if (existed)
            this.#lazy(encodeLogRecord({ type: 'DELETE', recvId }));
        return Promise.resolve(existed);
    }
    append(recvId, body, timestamp) {
        let envelope;
        let durable;
        try {
            this.#check();
            const seq = this.#index.checkAppend(recvId, body.length);
            // The index keeps a view into the log record: one copy of the body, in memory that is its own.
            const { record, body: kept } = encodeMsgRecord(recvId, seq, timestamp, body);
            envelope = { seq, timestamp, body: kept };
            this.#index.restore(recvId, envelope);
            durable = this.#durable(record);
        }
        catch (e) {
            return Promise.reject(e instanceof Error ? e : new Error(String(e)));
        }
        for (const l of this.#listeners)
            l(recvId, envelope);
        return durable.then(() => envelope, writeFailed);
    }
    read(recvId, afterSeq, limit) {
        return Promise.resolve(this.#index.read(recvId, afterSeq, limit));
    }
    ack(recvId, seq) {
        if (this.#log.failed || this.#closed)
            return Promise.resolve(false);
        const found = this.#index.ack(recvId, seq);
        if (found)
            this.#lazy(encodeLogRecord({ type: 'ACK', recvId, seq }));
        return Promise.resolve(found);
    }
    expire(before) {
        if (this.#log.failed || this.#closed)
            return Promise.resolve(0);
        const removed = this.#index.expire(before);
        for (const r of removed)
            this.#lazy(encodeLogRecord({ type: 'ACK', recvId: r.recvId, seq: r.seq }));
        return Promise.resolve(removed.length);
    }
    onAppend(listener) {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }
    stats() {
        return this.#index.stats();
    }
    /** Writes what is pending, then closes the log. */
    async close() {
        if (this.#closed)
            return;
        this.#closed = true;
        await this.#log.close();
    }
}
function replay(index, r) {
    switch (r.type) {
        case 'CREATE':
            if (!index.queueByRecvId(r.recvId)) {
                const { recvId, sendId, recipientKey, senderKey, createdAt } = r;
                index.createQueue({ recvId, sendId, recipientKey, senderKey, createdAt }, r.nextSeq);
            }
            else
                index.advanceSeq(r.recvId, r.nextSeq);
            return;
        case 'MSG':
            index.restore(r.recvId, { seq: r.seq, timestamp: r.timestamp, body: r.body });
            return;
        case 'ACK':
            index.ack(r.recvId, r.seq);
            return;
        case 'DELETE':
            index.deleteQueue(r.recvId);
            return;
    }
}
/** Atomically replaces the log with the live state (write aside, fsync, rename, fsync dir). */
async function writeSnapshot(dir, index, sync) {
    const path = join(dir, COMPACT_FILE);
    const fh = await open(path, 'w', 0o600);
    let total = 0;
    try {
        let chunk = [];
        let chunkBytes = 0;
        const flush = async () => {
            const buf = Buffer.concat(chunk);
            let off = 0;
            while (off < buf.length)
                off += (await fh.write(buf, off)).bytesWritten;
            total += buf.length;
            chunk = [];
            chunkBytes = 0;
        };
        const add = async (r) => {
            const b = encodeLogRecord(r);
            chunk.push(b);
            chunkBytes += b.length;
            if (chunkBytes > 1 << 20)
                await flush();
        };
        for (const q of index.snapshot()) {
            await add({ type: 'CREATE', ...q.record, nextSeq: q.nextSeq });
            for (const e of q.envelopes)
                await add({ type: 'MSG', recvId: q.record.recvId, seq: e.seq, timestamp: e.timestamp, body: e.body });
        }
        await flush();
        if (sync)
            await fh.datasync();
    }
    finally {
        await fh.close();
    }
    await rename(path, join(dir, LOG_FILE));
    if (sync)
        await fsyncDir(dir);
    return total;
}
//# sourceMappingURL=logStore.js.map