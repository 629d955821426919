import { SaltlineError } from '../crypto/errors.js';
/** Longest a lazy record waits for a durable one to be written with. */
export declare const LAZY_WRITE_MS = 100;
export declare class CommitLogError extends SaltlineError {
    constructor(message: string);
}
export declare class CommitLog {
    #private;
    /**
     * Opens `path` for appending; `bytes` is its current size (for compaction decisions). Without
     * `sync` the writes are not synchronous (tests of logic only, never for a real relay).
     */
    constructor(path: string, bytes: number, options: {
        sync: boolean;
    });
    /** Bytes in the file, counting records written but not those still pending. */
    get bytes(): number;
    get failed(): Error | undefined;
    /** Writes completed so far: how well appends are being grouped. */
    get writes(): number;
    /**
     * Appends a durable record: the promise resolves once it is on disk, or rejects with
     * `CommitLogError` if that failed. Throws if the log has failed or is closed.
     */
    append(record: Buffer): Promise<void>;
    /** Appends a lazy record, written with the next durable one or within LAZY_WRITE_MS. */
    appendLazy(record: Buffer): void;
    /**
     * Replaces the file with what `rewrite` writes (it must atomically replace `path` and make it
     * durable, returning its size), e.g. a compacted log; records appended meanwhile go to the new
     * file.
     */
    replace(rewrite: () => Promise<number>): Promise<void>;
    /** Writes what is pending, then closes the file. */
    close(): Promise<void>;
}
