/**
 * The append side of the relay's queue log (issue #4 §Persistence: "kill -9 loses no envelope it
 * acknowledged"; §Benchmark: group commit): records are appended in batches, each batch one
 * synchronous-data write (O_DSYNC: the write returns once the data is on disk), one at a time.
 *
 * - Records appended during one turn of the event loop (every frame read from every socket in
 *   that turn) wait until the end of the turn and are written together.
 * - While a batch is being written, new records pile up and form the next batch, written as soon
 *   as the current one is done. So a record waits for at most about two writes, and under load
 *   one write carries thousands of records.
 * - A durable record's promise resolves when the write carrying it has returned.
 * - Lazy records (acks, deletions) never cause a write of their own: they go out with the next
 *   durable record, or after at most LAZY_WRITE_MS.
 * - The writes run on libuv's thread pool, so the event loop never waits for the disk.
 * - Any write error makes the log failed: every waiting and later record is refused, nothing is
 *   acknowledged that might not be on disk.
 */
import { closeSync, constants, openSync, writev } from 'node:fs';
import { SaltlineError } from '../crypto/errors.js';
/** Longest a lazy record waits for a durable one to be written with. */
export const LAZY_WRITE_MS = 100;
export class CommitLogError extends SaltlineError {
    constructor(message) {
        super('COMMIT_LOG', message);
    }
}
function newBatch() {
    let resolve;
    let reject;
    const promise = new Promise((res, rej) => {
        resolve = res;
        reject = rej;
    });
    // Every appender handles the outcome; this keeps a failure from also counting as unhandled.
    promise.catch(() => undefined);
    return { promise, resolve, reject };
}
function openForAppend(path, sync) {
    return openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_APPEND | (sync ? constants.O_DSYNC : 0), 0o600);
}
export class CommitLog {
    #path;
    #sync;
    /** -1 while closed (between the two halves of a replace, after close). */
    #fd;
    #bytes;
    /** Records not yet written, and the batch their durable appenders wait on. */
    #pending = [];
    #pendingBatch;
    #writeScheduled = false;
    #lazyTimer;
    #writing = false;
    #idle = [];
    #replacing;
    #failed;
    #closed = false;
    #writes = 0;
    /**
     * Opens `path` for appending; `bytes` is its current size (for compaction decisions). Without
     * `sync` the writes are not synchronous (tests of logic only, never for a real relay).
     */
    constructor(path, bytes, options) {
        this.#path = path;
        this.#bytes = bytes;
        this.#sync = options.sync;
        this.#fd = openForAppend(path, options.sync);
    }
    /** Bytes in the file, counting records written but not those still pending. */
    get bytes() {
        return this.#bytes;
    }
    get failed() {
        return this.#failed;
    }
    /** Writes completed so far: how well appends are being grouped. */
    get writes() {
        return this.#writes;
    }
    /**
     * Appends a durable record: the promise resolves once it is on disk, or rejects with
     * `CommitLogError` if that failed. Throws if the log has failed or is closed.
     */
    append(record) {
        this.#push(record);
        // A running write takes what is pending when it ends.
        if (!this.#writing)
            this.#writeAtEndOfTurn();
        this.#pendingBatch ??= newBatch();
        return this.#pendingBatch.promise;
    }
    #writeAtEndOfTurn() {
        if (this.#writeScheduled)
            return;
        this.#writeScheduled = true;
        setImmediate(() => {
            this.#writeScheduled = false;
            this.#write();
        });
    }
    /** Appends a lazy record, written with the next durable one or within LAZY_WRITE_MS. */
    appendLazy(record) {
        this.#push(record);
        this.#lazyTimer ??= setTimeout(() => this.#write(), LAZY_WRITE_MS).unref();
    }
    #push(record) {
        if (this.#failed || this.#closed)
            throw new CommitLogError(this.#failed ? 'the log failed to write' : 'the log is closed');
        this.#pending.push(record);
    }
    /** Writes everything pending as one batch, unless a write is running (its end calls this again). */
    #write() {
        clearTimeout(this.#lazyTimer);
        this.#lazyTimer = undefined;
        if (this.#writing || this.#replacing || this.#failed || this.#pending.length === 0)
            return;
        const records = this.#pending;
        const batch = this.#pendingBatch;
        this.#pending = [];
        this.#pendingBatch = undefined;
        this.#writing = true;
        // libuv writes all of the buffers, looping over short writes, or fails.
        writev(this.#fd, records, (err, written) => {
            this.#writing = false;
            if (err)
                this.#fail(batch);
            else {
                this.#writes++;
                this.#bytes += written;
                batch?.resolve();
                // What piled up meanwhile goes next; lazy records alone keep waiting.
                if (this.#pendingBatch)
                    this.#writeAtEndOfTurn();
                else if (this.#pending.length > 0)
                    this.#lazyTimer ??= setTimeout(() => this.#write(), LAZY_WRITE_MS).unref();
            }
            for (const done of this.#idle.splice(0))
                done();
        });
    }
    async #writeIdle() {
        while (this.#writing)
            await new Promise((resolve) => this.#idle.push(resolve));
    }
    #fail(batch) {
        this.#failed ??= new CommitLogError('writing the log failed');
        batch?.reject(this.#failed);
        this.#pendingBatch?.reject(this.#failed);
        this.#pending = [];
        this.#pendingBatch = undefined;
    }
    /**
     * Replaces the file with what `rewrite` writes (it must atomically replace `path` and make it
     * durable, returning its size), e.g. a compacted log; records appended meanwhile go to the new
     * file.
     */
    replace(rewrite) {
        this.#replacing ??= (async () => {
            await this.#writeIdle();
            try {
                closeSync(this.#fd);
                this.#fd = -1;
                this.#bytes = await rewrite();
                this.#fd = openForAppend(this.#path, this.#sync);
            }
            catch {
                this.#fail(undefined);
            }
        })().finally(() => {
            this.#replacing = undefined;
            this.#write();
        });
        return this.#replacing;
    }
    /** Writes what is pending, then closes the file. */
    async close() {
        if (this.#closed)
            return;
        this.#closed = true;
        while (this.#replacing)
            await this.#replacing;
        while (this.#writing || (this.#pending.length > 0 && !this.#failed)) {
            this.#write();
            await this.#writeIdle();
        }
        if (this.#fd >= 0)
            closeSync(this.#fd);
        this.#fd = -1;
    }
}
//# sourceMappingURL=commitLog.js.map