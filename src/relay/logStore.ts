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
import { encodeLogRecord, encodeMsgRecord, parseLog, type LogRecord } from './logRecord.js';
import { QueueIndex } from './queueIndex.js';
import {
  DEFAULT_QUEUE_LIMITS,
  QueueStoreError,
  type AppendListener,
  type QueueLimits,
  type QueueRecord,
  type QueueStore,
  type QueueStoreStats,
  type StoredEnvelope,
} from './queueStore.js';

export const LOG_FILE = 'queues.log';
const COMPACT_FILE = 'queues.log.compact';
/** Rewrite the log once it holds this many bytes more than the live state (and at least 4× it). */
const COMPACT_SLACK_BYTES = 64 * 1024 * 1024;

export interface LogStoreOptions {
  readonly limits?: QueueLimits;
  /** Skip fdatasync (tests of logic only; never for a real relay). */
  readonly unsafeNoSync?: boolean;
  /** Rewrite the log once it is this much larger than the live state (and 4× it); default 64 MiB. */
  readonly compactSlackBytes?: number;
}

function writeFailed(): never {
  throw new QueueStoreError('CORRUPT', 'writing the queue log failed');
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export class LogQueueStore implements QueueStore {
  readonly #dir: string;
  readonly #index: QueueIndex;
  readonly #listeners = new Set<AppendListener>();
  readonly #sync: boolean;
  readonly #log: CommitLog;
  readonly #compactSlackBytes: number;
  #compacting = false;
  #closed = false;

  private constructor(dir: string, index: QueueIndex, log: CommitLog, sync: boolean, compactSlackBytes: number) {
    this.#dir = dir;
    this.#index = index;
    this.#log = log;
    this.#sync = sync;
    this.#compactSlackBytes = compactSlackBytes;
  }

  /** Opens (or creates) the store in `dir`: replays the log, drops a torn tail, compacts. */
  static async open(dir: string, options: LogStoreOptions = {}): Promise<LogQueueStore> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const index = new QueueIndex(options.limits ?? DEFAULT_QUEUE_LIMITS);
    let bytes: Buffer;
    try {
      bytes = await readFile(join(dir, LOG_FILE));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      bytes = Buffer.alloc(0);
    }
    for (const r of parseLog(bytes).records) replay(index, r);
    const sync = options.unsafeNoSync !== true;
    const written = await writeSnapshot(dir, index, sync);
    return new LogQueueStore(dir, index, new CommitLog(join(dir, LOG_FILE), written, { sync }), sync, options.compactSlackBytes ?? COMPACT_SLACK_BYTES);
  }

  #check(): void {
    if (this.#log.failed) throw new QueueStoreError('CORRUPT', 'the store failed to write and is read-only');
    if (this.#closed) throw new QueueStoreError('CLOSED', 'store is closed');
  }

  /** Appends a durable record (the caller has checked the store is usable). */
  #durable(record: Buffer): Promise<void> {
    const done = this.#log.append(record);
    this.#compactIfBloated();
    return done;
  }

  /** Appends a lazy record (the caller has checked the store is usable). */
  #lazy(record: Buffer): void {
    this.#log.appendLazy(record);
    this.#compactIfBloated();
  }

  #compactIfBloated(): void {
    if (this.#compacting || this.#log.bytes <= Math.max(this.#compactSlackBytes, 4 * this.#index.bytes)) return;
    this.#compacting = true;
    void this.#log.replace(() => writeSnapshot(this.#dir, this.#index, this.#sync)).finally(() => (this.#compacting = false));
  }

  async createQueue(queue: QueueRecord): Promise<void> {
    this.#check();
    this.#index.createQueue(queue);
    await this.#durable(encodeLogRecord({ type: 'CREATE', ...queue, nextSeq: 1 })).catch(writeFailed);
  }

  queueByRecvId(recvId: Buffer): Promise<QueueRecord | undefined> {
    return Promise.resolve(this.#index.queueByRecvId(recvId));
  }

  queueBySendId(sendId: Buffer): Promise<QueueRecord | undefined> {
    return Promise.resolve(this.#index.queueBySendId(sendId));
  }

  deleteQueue(recvId: Buffer): Promise<boolean> {
    try {
      this.#check();
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    const existed = this.#index.deleteQueue(recvId);
    if (existed) this.#lazy(encodeLogRecord({ type: 'DELETE', recvId }));
    return Promise.resolve(existed);
  }

  append(recvId: Buffer, body: Buffer, timestamp: number): Promise<StoredEnvelope> {
    let envelope: StoredEnvelope;
    let durable: Promise<void>;
    try {
      this.#check();
      const seq = this.#index.checkAppend(recvId, body.length);
      // The index keeps a view into the log record: one copy of the body, in memory that is its own.
      const { record, body: kept } = encodeMsgRecord(recvId, seq, timestamp, body);
      envelope = { seq, timestamp, body: kept };
      this.#index.restore(recvId, envelope);
      durable = this.#durable(record);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    for (const l of this.#listeners) l(recvId, envelope);
    return durable.then(() => envelope, writeFailed);
  }

  read(recvId: Buffer, afterSeq: number, limit: number): Promise<StoredEnvelope[]> {
    return Promise.resolve(this.#index.read(recvId, afterSeq, limit));
  }

  ack(recvId: Buffer, seq: number): Promise<boolean> {
    if (this.#log.failed || this.#closed) return Promise.resolve(false);
    const found = this.#index.ack(recvId, seq);
    if (found) this.#lazy(encodeLogRecord({ type: 'ACK', recvId, seq }));
    return Promise.resolve(found);
  }

  expire(before: number): Promise<number> {
    if (this.#log.failed || this.#closed) return Promise.resolve(0);
    const removed = this.#index.expire(before);
    for (const r of removed) this.#lazy(encodeLogRecord({ type: 'ACK', recvId: r.recvId, seq: r.seq }));
    return Promise.resolve(removed.length);
  }

  onAppend(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stats(): QueueStoreStats {
    return this.#index.stats();
  }

  /** Writes what is pending, then closes the log. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#log.close();
  }
}

function replay(index: QueueIndex, r: LogRecord): void {
  switch (r.type) {
    case 'CREATE':
      if (!index.queueByRecvId(r.recvId)) {
        const { recvId, sendId, recipientKey, senderKey, createdAt } = r;
        index.createQueue({ recvId, sendId, recipientKey, senderKey, createdAt }, r.nextSeq);
      } else index.advanceSeq(r.recvId, r.nextSeq);
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
async function writeSnapshot(dir: string, index: QueueIndex, sync: boolean): Promise<number> {
  const path = join(dir, COMPACT_FILE);
  const fh = await open(path, 'w', 0o600);
  let total = 0;
  try {
    let chunk: Buffer[] = [];
    let chunkBytes = 0;
    const flush = async (): Promise<void> => {
      const buf = Buffer.concat(chunk);
      let off = 0;
      while (off < buf.length) off += (await fh.write(buf, off)).bytesWritten;
      total += buf.length;
      chunk = [];
      chunkBytes = 0;
    };
    const add = async (r: LogRecord): Promise<void> => {
      const b = encodeLogRecord(r);
      chunk.push(b);
      chunkBytes += b.length;
      if (chunkBytes > 1 << 20) await flush();
    };
    for (const q of index.snapshot()) {
      await add({ type: 'CREATE', ...q.record, nextSeq: q.nextSeq });
      for (const e of q.envelopes) await add({ type: 'MSG', recvId: q.record.recvId, seq: e.seq, timestamp: e.timestamp, body: e.body });
    }
    await flush();
    if (sync) await fh.datasync();
  } finally {
    await fh.close();
  }
  await rename(path, join(dir, LOG_FILE));
  if (sync) await fsyncDir(dir);
  return total;
}
