export declare function sha256(...parts: readonly Uint8Array[]): Buffer;
export declare function sha512(input: Uint8Array): Buffer;
/** BLAKE2b with a 16–64 byte output; with `key` it is a MAC / PRF (used for blind indexes). */
export declare function blake2b(outLength: number, input: Uint8Array, key?: Uint8Array): Buffer;
/** Keyed BLAKE2b written into `out` (16–64 bytes, e.g. a view into a larger key buffer). */
export declare function blake2bInto(out: Uint8Array, input: Uint8Array, key: Uint8Array): void;
