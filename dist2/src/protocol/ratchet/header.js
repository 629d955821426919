/**
 * Encrypted message headers (Double Ratchet spec §4; Saltline protocol §3): the header (sender's
 * ratchet public key, previous chain length, message number) is sealed under a header key with a
 * random 24-byte nonce, so the relay cannot link messages to ratchet steps or count them per chain.
 * Encrypted layout: nonce (24) ‖ XChaCha20-Poly1305(header key, nonce, DHs ‖ u32 PN ‖ u32 N).
 */
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadEncryptInto, aeadTryDecryptInto, adoptDhPublicKey } from '../../crypto/index.js';
import { Slab } from '../codec/slab.js';
export const HEADER_PLAINTEXT_BYTES = 32 + 4 + 4;
export const ENCRYPTED_HEADER_BYTES = AEAD_NONCE_BYTES + HEADER_PLAINTEXT_BYTES + AEAD_TAG_BYTES;
const peerKeySlab = new Slab();
// Plaintext scratch reused across calls (JS is single-threaded here), cleared after each use.
const plain = Buffer.alloc(HEADER_PLAINTEXT_BYTES);
/** Seals `header` into `out` (exactly ENCRYPTED_HEADER_BYTES, e.g. a view into an envelope). */
export function encryptHeaderInto(out, headerKey, header, nonce) {
    if (out.length !== ENCRYPTED_HEADER_BYTES)
        throw new RangeError('encrypted header must be 80 bytes');
    plain.set(header.dh, 0);
    plain.writeUInt32BE(header.pn, 32);
    plain.writeUInt32BE(header.n, 36);
    out.set(nonce, 0);
    try {
        aeadEncryptInto(out.subarray(AEAD_NONCE_BYTES), headerKey, nonce, plain);
    }
    finally {
        plain.fill(0);
    }
}
export function encryptHeader(headerKey, header, nonce) {
    const out = Buffer.alloc(ENCRYPTED_HEADER_BYTES);
    encryptHeaderInto(out, headerKey, header, nonce);
    return out;
}
/** The header if `headerKey` opens it, otherwise undefined (trial decryption is normal flow). */
export function tryDecryptHeader(headerKey, encrypted) {
    if (!headerKey || encrypted.length !== ENCRYPTED_HEADER_BYTES)
        return undefined;
    if (!aeadTryDecryptInto(plain, headerKey, encrypted.subarray(0, AEAD_NONCE_BYTES), encrypted.subarray(AEAD_NONCE_BYTES)))
        return undefined;
    // The sender's ratchet key goes to X25519 on a DH step: carved off V8's heap (see kdf.ts).
    const dh = peerKeySlab.take(32);
    for (let i = 0; i < 32; i++)
        dh[i] = plain[i];
    const header = { dh: adoptDhPublicKey(dh), pn: plain.readUInt32BE(32), n: plain.readUInt32BE(36) };
    plain.fill(0);
    return header;
}
export function headerNonce(encrypted) {
    return encrypted.subarray(0, AEAD_NONCE_BYTES);
}
//# sourceMappingURL=header.js.map