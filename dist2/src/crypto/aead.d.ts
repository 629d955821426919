import type { Rng } from './random.js';
import type { Secret } from './secret.js';
export declare const AEAD_KEY_BYTES = 32;
export declare const AEAD_NONCE_BYTES = 24;
export declare const AEAD_TAG_BYTES = 16;
export declare function aeadEncrypt(key: Secret<string>, nonce: Uint8Array, plaintext: Uint8Array, ad?: Uint8Array): Buffer;
/** Throws `DecryptError` on any authentication failure; never returns unauthenticated bytes. */
export declare function aeadDecrypt(key: Secret<string>, nonce: Uint8Array, ciphertext: Uint8Array, ad?: Uint8Array): Buffer;
/**
 * `aeadDecrypt` into a caller-owned buffer of exactly `ciphertext.length - AEAD_TAG_BYTES` bytes
 * (which may be uninitialised: it is fully written on success and zeroed on failure).
 */
export declare function aeadDecryptInto(out: Uint8Array, key: Secret<string>, nonce: Uint8Array, ciphertext: Uint8Array, ad?: Uint8Array): void;
/**
 * Like `aeadDecrypt`, but a failed authentication returns undefined. Trial decryption (of
 * ratchet headers) fails routinely, and building an Error with a stack trace for each miss
 * costs more than the decryption itself, so stack capture is switched off around the call.
 */
export declare function aeadTryDecrypt(key: Secret<string>, nonce: Uint8Array, ciphertext: Uint8Array, ad?: Uint8Array): Buffer | undefined;
/**
 * `aeadEncrypt` into a caller-owned buffer of exactly `plaintext.length + AEAD_TAG_BYTES` bytes,
 * for building a frame in place; `out` may start at the same address as `plaintext` (in-place
 * encryption, which libsodium supports).
 */
export declare function aeadEncryptInto(out: Uint8Array, key: Secret<string>, nonce: Uint8Array, plaintext: Uint8Array, ad?: Uint8Array): void;
/**
 * `aeadTryDecrypt` into a caller-owned buffer of exactly `ciphertext.length - AEAD_TAG_BYTES`
 * bytes (e.g. reused scratch space); false on any authentication failure, and `out` is then zeroed.
 */
export declare function aeadTryDecryptInto(out: Uint8Array, key: Secret<string>, nonce: Uint8Array, ciphertext: Uint8Array, ad?: Uint8Array): boolean;
/** Encrypts under a fresh random nonce and returns nonce ‖ ciphertext. */
export declare function aeadSeal(key: Secret<string>, plaintext: Uint8Array, ad: Uint8Array, rng: Rng): Buffer;
export declare function aeadOpen(key: Secret<string>, sealed: Uint8Array, ad: Uint8Array): Buffer;
