/**
 * X25519 Diffie–Hellman. Public keys of low order (including all-zero, one and the non-canonical
 * encodings of p-1, p, p+1) are rejected before any scalar multiplication, and an all-zero result
 * is rejected after it (Wycheproof x25519; the "contributory behaviour" check of RFC 7748 §6.1).
 */
import { isAllZero, wipe } from './bytes.js';
import { WeakKeyError } from './errors.js';
import { dhPublicKey, X25519_BYTES } from './keys.js';
import { Secret } from './secret.js';
import { sodium } from './sodium.js';
// libsodium's own blocklist of small-order u-coordinates, compared with the top bit cleared.
const LOW_ORDER = [
    '0000000000000000000000000000000000000000000000000000000000000000',
    '0100000000000000000000000000000000000000000000000000000000000000',
    'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
    '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map((h) => Buffer.from(h, 'hex'));
export function isWeakDhPublicKey(publicKey) {
    if (publicKey.length !== X25519_BYTES)
        return true;
    const masked = Buffer.from(publicKey);
    masked[31] = masked[31] & 0x7f;
    // Public data: an ordinary comparison is fine (and much cheaper than seven native calls).
    return LOW_ORDER.some((bad) => bad.equals(masked));
}
/** Throws `WeakKeyError` for a public key no honest party would send. */
export function assertStrongDhPublicKey(publicKey) {
    if (isWeakDhPublicKey(publicKey))
        throw new WeakKeyError();
}
export function dhPublicFromSecret(secretKey) {
    const pk = Buffer.alloc(X25519_BYTES);
    sodium.crypto_scalarmult_base(pk, secretKey.expose());
    return dhPublicKey(pk);
}
export function generateDhKeyPair(rng) {
    const secretKey = Secret.adopt('DhSecretKey', X25519_BYTES, rng(X25519_BYTES));
    return { publicKey: dhPublicFromSecret(secretKey), secretKey };
}
/** X25519(secret, public) as a `SharedSecret`; the caller wipes it once it is fed to a KDF. */
export function dh(secretKey, publicKey) {
    assertStrongDhPublicKey(publicKey);
    const secret = secretKey.expose();
    const out = Buffer.alloc(X25519_BYTES);
    try {
        sodium.crypto_scalarmult(out, secret, publicKey);
    }
    catch {
        wipe(out);
        throw new WeakKeyError();
    }
    if (isAllZero(out))
        throw new WeakKeyError();
    return Secret.adopt('SharedSecret', X25519_BYTES, out);
}
//# sourceMappingURL=dh.js.map