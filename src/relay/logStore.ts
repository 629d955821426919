/**
 * The relay's embedded QueueStore (issue #4 §Persistence): an append-only log in the data folder
 * with group commit (one fdatasync per batch of records), replayed into an in-memory QueueIndex
 * at start. The log is rewritten with only the live state at every start and whenever it has
 * grown well past that, so acknowledged and expired envelopes leave the disk.
 *
 * Durability: `createQueue` and `append` resolve only after their records are fdatasync'ed; acks
 * and deletions are written in the next batch without being waited for (a lost ack only causes a
 * redelivery, which clients deduplicate).
 */
import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeLogRecord, parseLog, type LogRecord } from './logRecord.js';
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
}

interface Waiter {
  resolve(): void;
  reject(e: Error): void;
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
  #fh: FileHandle;
  #pending: Buffer[] = [];
  #waiters: Waiter[] = [];
  #flushing: Promise<void> | undefined;
  #failed: Error | undefined;
  #closed = false;
  #logBytes = 0;

  private constructor(dir: string, index: QueueIndex, fh: FileHandle, logBytes: number, sync: boolean) {
    this.#dir = dir;
    this.#index = index;
    this.#fh = fh;
    this.#logBytes = logBytes;
    this.#sync = sync;
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
    const fh = await open(join(dir, LOG_FILE), 'a', 0o600);
    return new LogQueueStore(dir, index, fh, written, sync);
  }

  #check(): void {
    if (this.#failed) throw new QueueStoreError('CORRUPT', 'the store failed to write and is read-only');
    if (this.#closed) throw new QueueStoreError('CLOSED', 'store is closed');
  }

  #write(record: LogRecord, durable: boolean): Promise<void> | undefined {
    this.#pending.push(encodeLogRecord(record));
    const done = durable ? new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject })) : undefined;
    this.#flushing ??= this.#flush();
    return done;
  }

  async #flush(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const batch = Buffer.concat(this.#pending);
        const waiters = this.#waiters;
        this.#pending = [];
        this.#waiters = [];
        try {
          let off = 0;
          while (off < batch.length) off += (await this.#fh.write(batch, off)).bytesWritten;
          if (this.#sync) await this.#fh.datasync();
          this.#logBytes += batch.length;
        } catch (e) {
          this.#failed = e as Error;
          const err = new QueueStoreError('CORRUPT', 'writing the queue log failed');
          for (const w of [...waiters, ...this.#waiters]) w.reject(err);
          this.#pending = [];
          this.#waiters = [];
          return;
        }
        for (const w of waiters) w.resolve();
        if (this.#logBytes > Math.max(COMPACT_SLACK_BYTES, 4 * this.#index.stats().bytes)) await this.#compact();
      }
    } finally {
      this.#flushing = undefined;
    }
  }

  async #compact(): Promise<void> {
    await this.#fh.close();
    this.#logBytes = await writeSnapshot(this.#dir, this.#index, this.#sync);
    this.#fh = await open(join(this.#dir, LOG_FILE), 'a', 0o600);
  }

  async createQueue(queue: QueueRecord): Promise<void> {
    this.#check();
    this.#index.createQueue(queue);
    await this.#write({ type: 'CREATE', ...queue, nextSeq: 1 }, true);
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
    if (existed) void this.#write({ type: 'DELETE', recvId }, false);
    return Promise.resolve(existed);
  }

  append(recvId: Buffer, body: Buffer, timestamp: number): Promise<StoredEnvelope> {
    let envelope: StoredEnvelope;
    let durable: Promise<void> | undefined;
    try {
      this.#check();
      envelope = this.#index.append(recvId, body, timestamp);
      durable = this.#write({ type: 'MSG', recvId, seq: envelope.seq, timestamp, body }, true);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    for (const l of this.#listeners) l(recvId, envelope);
    return durable!.then(() => envelope);
  }

  read(recvId: Buffer, afterSeq: number, limit: number): Promise<StoredEnvelope[]> {
    return Promise.resolve(this.#index.read(recvId, afterSeq, limit));
  }

  ack(recvId: Buffer, seq: number): Promise<boolean> {
    if (this.#failed || this.#closed) return Promise.resolve(false);
    const found = this.#index.ack(recvId, seq);
    if (found) void this.#write({ type: 'ACK', recvId, seq }, false);
    return Promise.resolve(found);
  }

  expire(before: number): Promise<number> {
    if (this.#failed || this.#closed) return Promise.resolve(0);
    const removed = this.#index.expire(before);
    for (const r of removed) void this.#write({ type: 'ACK', recvId: r.recvId, seq: r.seq }, false);
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
    while (this.#flushing) await this.#flushing;
    await this.#fh.close();
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
