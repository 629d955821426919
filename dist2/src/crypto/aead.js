/**
 * XChaCha20-Poly1305 (IETF) authenticated encryption. The 24-byte nonce is large enough to be
 * random; `seal`/`open` prepend it, `encrypt`/`decrypt` take it from the caller.
 */
import { DecryptError, InvalidKeyError } from './errors.js';
import { sodium } from './sodium.js';
export const AEAD_KEY_BYTES = 32;
export const AEAD_NONCE_BYTES = 24;
export const AEAD_TAG_BYTES = 16;
const EMPTY = Buffer.alloc(0);
function keyBytes(key) {
    const k = key.expose();
    if (k.length !== AEAD_KEY_BYTES)
        throw new InvalidKeyError(`${key.role} is not an AEAD key`);
    return k;
}
export function aeadEncrypt(key, nonce, plaintext, ad = EMPTY) {
    if (nonce.length !== AEAD_NONCE_BYTES)
        throw new InvalidKeyError('nonce must be 24 bytes');
    const out = Buffer.alloc(plaintext.length + AEAD_TAG_BYTES);
    sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(out, plaintext, ad, null, nonce, keyBytes(key));
    return out;
}
/** Throws `DecryptError` on any authentication failure; never returns unauthenticated bytes. */
export function aeadDecrypt(key, nonce, ciphertext, ad = EMPTY) {
    if (nonce.length !== AEAD_NONCE_BYTES)
        throw new DecryptError('nonce must be 24 bytes');
    if (ciphertext.length < AEAD_TAG_BYTES)
        throw new DecryptError('ciphertext shorter than its tag');
    const out = Buffer.alloc(ciphertext.length - AEAD_TAG_BYTES);
    try {
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, ciphertext, ad, nonce, keyBytes(key));
    }
    catch {
        throw new DecryptError();
    }
    return out;
}
/**
 * `aeadDecrypt` into a caller-owned buffer of exactly `ciphertext.length - AEAD_TAG_BYTES` bytes
 * (which may be uninitialised: it is fully written on success and zeroed on failure).
 */
export function aeadDecryptInto(out, key, nonce, ciphertext, ad = EMPTY) {
    if (nonce.length !== AEAD_NONCE_BYTES)
        throw new DecryptError('nonce must be 24 bytes');
    if (ciphertext.length < AEAD_TAG_BYTES)
        throw new DecryptError('ciphertext shorter than its tag');
    if (out.length !== ciphertext.length - AEAD_TAG_BYTES)
        throw new RangeError('AEAD output must be ciphertext length - tag');
    try {
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, ciphertext, ad, nonce, keyBytes(key));
    }
    catch {
        out.fill(0);
        throw new DecryptError();
    }
}
/**
 * Like `aeadDecrypt`, but a failed authentication returns undefined. Trial decryption (of
 * ratchet headers) fails routinely, and building an Error with a stack trace for each miss
 * costs more than the decryption itself, so stack capture is switched off around the call.
 */
export function aeadTryDecrypt(key, nonce, ciphertext, ad = EMPTY) {
    if (nonce.length !== AEAD_NONCE_BYTES || ciphertext.length < AEAD_TAG_BYTES)
        return undefined;
    const out = Buffer.alloc(ciphertext.length - AEAD_TAG_BYTES);
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, ciphertext, ad, nonce, keyBytes(key));
        return out;
    }
    catch {
        return undefined;
    }
    finally {
        Error.stackTraceLimit = limit;
    }
}
/**
 * `aeadEncrypt` into a caller-owned buffer of exactly `plaintext.length + AEAD_TAG_BYTES` bytes,
 * for building a frame in place; `out` may start at the same address as `plaintext` (in-place
 * encryption, which libsodium supports).
 */
export function aeadEncryptInto(out, key, nonce, plaintext, ad = EMPTY) {
    if (nonce.length !== AEAD_NONCE_BYTES)
        throw new InvalidKeyError('nonce must be 24 bytes');
    if (out.length !== plaintext.length + AEAD_TAG_BYTES)
        throw new RangeError('AEAD output must be plaintext length + tag');
    sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(out, plaintext, ad, null, nonce, keyBytes(key));
}
/**
 * `aeadTryDecrypt` into a caller-owned buffer of exactly `ciphertext.length - AEAD_TAG_BYTES`
 * bytes (e.g. reused scratch space); false on any authentication failure, and `out` is then zeroed.
 */
export function aeadTryDecryptInto(out, key, nonce, ciphertext, ad = EMPTY) {
    if (nonce.length !== AEAD_NONCE_BYTES || ciphertext.length < AEAD_TAG_BYTES || out.length !== ciphertext.length - AEAD_TAG_BYTES)
        return false;
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, ciphertext, ad, nonce, keyBytes(key));
        return true;
    }
    catch {
        out.fill(0);
        return false;
    }
    finally {
        Error.stackTraceLimit = limit;
    }
}
/** Encrypts under a fresh random nonce and returns nonce ‖ ciphertext. */
export function aeadSeal(key, plaintext, ad, rng) {
    const nonce = rng(AEAD_NONCE_BYTES);
    return Buffer.concat([nonce, aeadEncrypt(key, nonce, plaintext, ad)]);
}
export function aeadOpen(key, sealed, ad) {
    if (sealed.length < AEAD_NONCE_BYTES + AEAD_TAG_BYTES)
        throw new DecryptError('sealed box too short');
    return aeadDecrypt(key, sealed.subarray(0, AEAD_NONCE_BYTES), sealed.subarray(AEAD_NONCE_BYTES), ad);
}
//# sourceMappingURL=aead.js.map