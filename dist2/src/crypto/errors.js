/**
 * The typed error family shared by every layer. Each error has a stable `code` so callers can
 * branch on it; messages never contain key material or plaintext.
 */
export class SaltlineError extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = new.target.name;
    }
}
/** A key or buffer of the wrong size or form was handed to the crypto layer. */
export class InvalidKeyError extends SaltlineError {
    constructor(message) {
        super('INVALID_KEY', message);
    }
}
/** Authenticated decryption failed: wrong key, tampered data, or data not meant for us. */
export class DecryptError extends SaltlineError {
    constructor(message = 'decryption failed') {
        super('DECRYPT_FAILED', message);
    }
}
/** A public key is all-zero, of low order, or otherwise unsafe to agree with. */
export class WeakKeyError extends SaltlineError {
    constructor(message = 'public key is weak (zero or low order)') {
        super('WEAK_KEY', message);
    }
}
/** An Ed25519 signature did not verify (including non-canonical encodings). */
export class SignatureError extends SaltlineError {
    constructor(message = 'signature verification failed') {
        super('BAD_SIGNATURE', message);
    }
}
/** The WASM part of the crypto layer (X-Wing) was used before `cryptoReady()` resolved. */
export class CryptoNotReadyError extends SaltlineError {
    constructor() {
        super('CRYPTO_NOT_READY', 'call and await cryptoReady() before using the KEM');
    }
}
//# sourceMappingURL=errors.js.map