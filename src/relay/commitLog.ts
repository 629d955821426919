/**
 * The append side of the relay's queue log (issue #4 §Persistence: "kill -9 loses no envelope it
 * acknowledged"; §Benchmark: group commit): records are appended with one write per event-loop
 * turn and made durable by fdatasync calls that run back to back, each covering every record
 * written before it started.
 *
 * - Records appended during one turn of the event loop (every frame read from every socket in
 *   that turn) are written together at the end of the turn: one writev on the main thread, into
 *   the page cache. From then on they survive a killed process.
 * - A durable record's promise resolves once an fdatasync that started after its write has
 *   finished. One fdatasync runs at a time (off the main thread); whatever is written meanwhile
 *   waits for the next one, started as soon as the current one ends. So a record waits at most
 *   about two syncs, and under load one sync covers thousands of records.
 * - Lazy records (acks, deletions) never cause a write or a sync of their own: they go out with
 *   the next durable record's write, or after at most LAZY_WRITE_MS.
 * - Any write or sync error makes the log failed: every waiting and later record is refused,
 *   nothing is acknowledged that might not be on disk.
 */
import { closeSync, fdatasync, openSync, writevSync, writeSync } from 'node:fs';
import { SaltlineError } from '../crypto/errors.js';

/** Longest a lazy record waits for a durable one to be written with. */
export const LAZY_WRITE_MS = 100;

export class CommitLogError extends SaltlineError {
  constructor(message: string) {
    super('COMMIT_LOG', message);
  }
}

interface Batch {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(e: Error): void;
}

function newBatch(): Batch {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A batch nobody waits on (only lazy records) must not become an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/** Writes all of `buffers` at the end of `fd`; libuv already loops over partial writes. */
function writeAllSync(fd: number, buffers: Buffer[]): number {
  let total = 0;
  for (const b of buffers) total += b.length;
  let done = writevSync(fd, buffers);
  if (done < total) {
    const rest = Buffer.concat(buffers).subarray(done);
    for (let off = 0; off < rest.length; ) off += writeSync(fd, rest, off);
    done = total;
  }
  return done;
}

export class CommitLog {
  readonly #path: string;
  readonly #sync: boolean;
  /** -1 while closed (between the two halves of a replace, after close). */
  #fd: number;
  #bytes: number;
  /** Records not yet written, and the batch their durable appenders wait on. */
  #pending: Buffer[] = [];
  #pendingBatch: Batch | undefined;
  #writeScheduled = false;
  #lazyTimer: NodeJS.Timeout | undefined;
  /** Written batches waiting for a sync to start. */
  #written: Batch[] = [];
  #syncing = false;
  #syncDone: (() => void)[] = [];
  #replacing: Promise<void> | undefined;
  #failed: Error | undefined;
  #closed = false;
  #writes = 0;
  #syncs = 0;

  /** Opens `path` for appending; `bytes` is its current size (for compaction decisions). */
  constructor(path: string, bytes: number, options: { sync: boolean }) {
    this.#path = path;
    this.#bytes = bytes;
    this.#sync = options.sync;
    this.#fd = openSync(path, 'a', 0o600);
  }

  /** Bytes in the file, counting records written but not those still pending. */
  get bytes(): number {
    return this.#bytes;
  }

  get failed(): Error | undefined {
    return this.#failed;
  }

  /** Writes issued and syncs completed so far: how well appends are being grouped. */
  get stats(): { readonly writes: number; readonly syncs: number } {
    return { writes: this.#writes, syncs: this.#syncs };
  }

  /**
   * Appends a durable record: the promise resolves once it is on disk, or rejects with
   * `CommitLogError` if that failed. Throws if the log has failed or is closed.
   */
  append(record: Buffer): Promise<void> {
    this.#push(record);
    if (!this.#writeScheduled) {
      this.#writeScheduled = true;
      setImmediate(() => {
        this.#writeScheduled = false;
        this.#writePending();
      });
    }
    this.#pendingBatch ??= newBatch();
    return this.#pendingBatch.promise;
  }

  /** Appends a lazy record, written with the next durable one or within LAZY_WRITE_MS. */
  appendLazy(record: Buffer): void {
    this.#push(record);
    this.#lazyTimer ??= setTimeout(() => this.#writePending(), LAZY_WRITE_MS).unref();
  }

  #push(record: Buffer): void {
    if (this.#failed || this.#closed) throw new CommitLogError(this.#failed ? 'the log failed to write' : 'the log is closed');
    this.#pending.push(record);
  }

  #writePending(): void {
    clearTimeout(this.#lazyTimer);
    this.#lazyTimer = undefined;
    if (this.#replacing || this.#failed || this.#pending.length === 0) return;
    const records = this.#pending;
    const batch = this.#pendingBatch;
    this.#pending = [];
    this.#pendingBatch = undefined;
    try {
      this.#writes++;
      this.#bytes += writeAllSync(this.#fd, records);
    } catch {
      this.#fail([batch]);
      return;
    }
    if (!batch) return;
    this.#written.push(batch);
    if (!this.#syncing) this.#startSync();
  }

  #startSync(): void {
    const batches = this.#written;
    this.#written = [];
    if (!this.#sync) {
      for (const b of batches) b.resolve();
      return;
    }
    this.#syncing = true;
    fdatasync(this.#fd, (err) => {
      this.#syncing = false;
      if (err) this.#fail(batches);
      else {
        this.#syncs++;
        for (const b of batches) b.resolve();
      }
      if (this.#written.length > 0 && !this.#failed && !this.#replacing) this.#startSync();
      for (const done of this.#syncDone.splice(0)) done();
    });
  }

  async #syncIdle(): Promise<void> {
    while (this.#syncing) await new Promise<void>((resolve) => this.#syncDone.push(resolve));
  }

  #fail(batches: (Batch | undefined)[]): void {
    this.#failed ??= new CommitLogError('writing the log failed');
    const err = this.#failed;
    for (const b of [...batches, ...this.#written, this.#pendingBatch]) b?.reject(err);
    this.#written = [];
    this.#pending = [];
    this.#pendingBatch = undefined;
  }

  /**
   * Replaces the file with what `rewrite` writes (it must atomically replace `path` and make it
   * durable, returning its size), e.g. a compacted log. Records written before are resolved once
   * the rewrite is done — `rewrite` must carry all that is still live of them — and records
   * appended meanwhile go to the new file.
   */
  replace(rewrite: () => Promise<number>): Promise<void> {
    this.#replacing ??= (async () => {
      await this.#syncIdle();
      const before = this.#written;
      this.#written = [];
      try {
        closeSync(this.#fd);
        this.#fd = -1;
        this.#bytes = await rewrite();
        this.#fd = openSync(this.#path, 'a', 0o600);
      } catch {
        this.#fail(before);
        return;
      }
      for (const b of before) b.resolve();
    })().finally(() => {
      this.#replacing = undefined;
      this.#writePending();
    });
    return this.#replacing;
  }

  /** Writes and syncs what is pending, then closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    while (this.#replacing) await this.#replacing;
    this.#writePending();
    while (this.#syncing || this.#written.length > 0) {
      if (!this.#syncing && !this.#failed) this.#startSync();
      await this.#syncIdle();
    }
    if (this.#fd >= 0) closeSync(this.#fd);
    this.#fd = -1;
  }
}
