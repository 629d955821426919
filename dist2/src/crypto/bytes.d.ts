export declare function concatBytes(...parts: readonly Uint8Array[]): Buffer;
/** Constant-time equality; unequal lengths compare false without leaking where they differ. */
export declare function bytesEqual(a: Uint8Array, b: Uint8Array): boolean;
export declare function wipe(...buffers: (Uint8Array | undefined | null)[]): void;
export declare function isAllZero(b: Uint8Array): boolean;
export declare function toBase64Url(b: Uint8Array): string;
/** Strict base64url: rejects padding, other alphabets and non-canonical trailing bits. */
export declare function fromBase64Url(s: string): Buffer | undefined;
export declare function toHex(b: Uint8Array): string;
