/** Hash functions: SHA-256, SHA-512 and BLAKE2b (keyed or not), all from libsodium. */
import { sodium } from './sodium.js';
export function sha256(...parts) {
    const out = Buffer.alloc(32);
    if (parts.length === 1) {
        sodium.crypto_hash_sha256(out, parts[0]);
        return out;
    }
    const state = Buffer.alloc(sodium.crypto_hash_sha256_STATEBYTES);
    sodium.crypto_hash_sha256_init(state);
    for (const p of parts)
        sodium.crypto_hash_sha256_update(state, p);
    sodium.crypto_hash_sha256_final(state, out);
    return out;
}
export function sha512(input) {
    const out = Buffer.alloc(64);
    sodium.crypto_hash_sha512(out, input);
    return out;
}
/** BLAKE2b with a 16–64 byte output; with `key` it is a MAC / PRF (used for blind indexes). */
export function blake2b(outLength, input, key) {
    const out = Buffer.alloc(outLength);
    if (key)
        sodium.crypto_generichash(out, input, key);
    else
        sodium.crypto_generichash(out, input);
    return out;
}
/** Keyed BLAKE2b written into `out` (16–64 bytes, e.g. a view into a larger key buffer). */
export function blake2bInto(out, input, key) {
    sodium.crypto_generichash(out, input, key);
}
//# sourceMappingURL=hash.js.map