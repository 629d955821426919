/**
 * HMAC-SHA256 (RFC 2104) and HKDF-SHA256 (RFC 5869), built on libsodium's SHA-256 because
 * sodium-native exposes no HMAC-SHA256. The handshake and the other one-off derivations use HKDF;
 * the ratchet's per-message KDFs are keyed BLAKE2b (src/protocol/ratchet/kdf.ts).
 * Known-answer tests check both against node:crypto.
 */
import { sodium } from './sodium.js';
const BLOCK = 64;
const HASH = 32;
const STATE = sodium.crypto_hash_sha256_STATEBYTES;
// Scratch space reused across calls (JS is single-threaded here) and wiped after each use, so the
// hot chain-key path allocates only its output.
const pad = Buffer.alloc(BLOCK);
const keyBlock = Buffer.alloc(BLOCK);
const innerState = Buffer.alloc(STATE);
const outerState = Buffer.alloc(STATE);
const innerDigest = Buffer.alloc(HASH);
/** HMAC-SHA256(key, parts[0] ‖ parts[1] ‖ …). */
export function hmacSha256(key, ...parts) {
    keyBlock.fill(0);
    if (key.length > BLOCK)
        sodium.crypto_hash_sha256(keyBlock.subarray(0, HASH), key);
    else
        keyBlock.set(key);
    for (let i = 0; i < BLOCK; i++)
        pad[i] = keyBlock[i] ^ 0x36;
    sodium.crypto_hash_sha256_init(innerState);
    sodium.crypto_hash_sha256_update(innerState, pad);
    for (const p of parts)
        sodium.crypto_hash_sha256_update(innerState, p);
    sodium.crypto_hash_sha256_final(innerState, innerDigest);
    for (let i = 0; i < BLOCK; i++)
        pad[i] = keyBlock[i] ^ 0x5c;
    sodium.crypto_hash_sha256_init(outerState);
    sodium.crypto_hash_sha256_update(outerState, pad);
    sodium.crypto_hash_sha256_update(outerState, innerDigest);
    const out = Buffer.alloc(HASH);
    sodium.crypto_hash_sha256_final(outerState, out);
    sodium.sodium_memzero(keyBlock);
    sodium.sodium_memzero(pad);
    sodium.sodium_memzero(innerDigest);
    sodium.sodium_memzero(innerState);
    sodium.sodium_memzero(outerState);
    return out;
}
export function hkdfExtract(salt, ikm) {
    return hmacSha256(salt.length === 0 ? Buffer.alloc(HASH) : salt, ikm);
}
export function hkdfExpand(prk, info, length) {
    if (length > 255 * HASH)
        throw new RangeError('HKDF output too long');
    const out = Buffer.alloc(length);
    let previous = Buffer.alloc(0);
    const counter = Buffer.alloc(1);
    for (let offset = 0, i = 1; offset < length; i++) {
        counter[0] = i;
        const block = hmacSha256(prk, previous, info, counter);
        sodium.sodium_memzero(previous);
        block.copy(out, offset, 0, Math.min(HASH, length - offset));
        offset += HASH;
        previous = block;
    }
    sodium.sodium_memzero(previous);
    return out;
}
/** HKDF-SHA256(salt, ikm, info) → `length` bytes; the PRK is wiped. */
export function hkdf(salt, ikm, info, length) {
    const prk = hkdfExtract(salt, ikm);
    const out = hkdfExpand(prk, info, length);
    sodium.sodium_memzero(prk);
    return out;
}
//# sourceMappingURL=hkdf.js.map