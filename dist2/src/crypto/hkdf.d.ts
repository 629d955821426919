/** HMAC-SHA256(key, parts[0] ‖ parts[1] ‖ …). */
export declare function hmacSha256(key: Uint8Array, ...parts: readonly Uint8Array[]): Buffer;
export declare function hkdfExtract(salt: Uint8Array, ikm: Uint8Array): Buffer;
export declare function hkdfExpand(prk: Uint8Array, info: Uint8Array, length: number): Buffer;
/** HKDF-SHA256(salt, ikm, info) → `length` bytes; the PRK is wiped. */
export declare function hkdf(salt: Uint8Array, ikm: Uint8Array, info: Uint8Array, length: number): Buffer;
