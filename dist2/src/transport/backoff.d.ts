/** Exponential backoff with full jitter, for reconnects and outbox retries (issue #4 §Transport). */
import type { Rng } from '../crypto/random.js';
export interface BackoffOptions {
    readonly initialMs: number;
    readonly maxMs: number;
}
export declare const DEFAULT_BACKOFF: BackoffOptions;
export declare class Backoff {
    #private;
    constructor(options?: BackoffOptions, rng?: Rng);
    /** The next delay: uniform in [ceiling/2, ceiling], the ceiling doubling per attempt up to maxMs. */
    next(): number;
    reset(): void;
}
export declare function sleep(ms: number, signal?: AbortSignal): Promise<void>;
