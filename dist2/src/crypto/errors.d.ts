/**
 * The typed error family shared by every layer. Each error has a stable `code` so callers can
 * branch on it; messages never contain key material or plaintext.
 */
export declare class SaltlineError extends Error {
    readonly code: string;
    constructor(code: string, message: string);
}
/** A key or buffer of the wrong size or form was handed to the crypto layer. */
export declare class InvalidKeyError extends SaltlineError {
    constructor(message: string);
}
/** Authenticated decryption failed: wrong key, tampered data, or data not meant for us. */
export declare class DecryptError extends SaltlineError {
    constructor(message?: string);
}
/** A public key is all-zero, of low order, or otherwise unsafe to agree with. */
export declare class WeakKeyError extends SaltlineError {
    constructor(message?: string);
}
/** An Ed25519 signature did not verify (including non-canonical encodings). */
export declare class SignatureError extends SaltlineError {
    constructor(message?: string);
}
/** The WASM part of the crypto layer (X-Wing) was used before `cryptoReady()` resolved. */
export declare class CryptoNotReadyError extends SaltlineError {
    constructor();
}
