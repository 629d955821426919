import type { Rng } from '../crypto/random.js';
import type { Secret } from '../crypto/secret.js';
export declare function journalFileName(id: string): string;
export declare class JournalWriter {
    #private;
    readonly id: string;
    private constructor();
    static create(path: string, id: string, key: Secret<string>, rng: Rng): Promise<JournalWriter>;
    /** Resolves once the transaction is on disk (after fdatasync). */
    append(payload: Buffer): Promise<void>;
    /** Waits for queued appends, then closes the file. */
    close(): Promise<void>;
}
/** Every transaction of every intact record, in order. Reading stops at the first short or unauthenticated record (a torn tail). */
export declare function readJournal(path: string, id: string, key: Secret<string>): Promise<Buffer[]>;
