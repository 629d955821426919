export type Rng = (length: number) => Buffer;
export declare const systemRng: Rng;
/** A reproducible stream for tests and known-answer vectors. Never use it for real keys. */
export declare function deterministicRng(seed: Uint8Array): Rng;
