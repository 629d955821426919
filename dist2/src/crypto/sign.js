/**
 * Ed25519 signatures (libsodium's `crypto_sign_*`, which rejects non-canonical S, small-order
 * R and A — Wycheproof ed25519). Public keys are also checked on their own, so a key of small
 * order is refused where it is received, not only when something is verified against it.
 */
import { SignatureError, WeakKeyError } from './errors.js';
import { ED25519_PUBLIC_BYTES, ED25519_SECRET_BYTES, ED25519_SIGNATURE_BYTES, identityPublicKey, signature, } from './keys.js';
import { Secret } from './secret.js';
import { sodium } from './sodium.js';
export function signingKeyPairFromSeed(seed) {
    const pk = Buffer.alloc(ED25519_PUBLIC_BYTES);
    const sk = Buffer.alloc(ED25519_SECRET_BYTES);
    sodium.crypto_sign_seed_keypair(pk, sk, seed);
    return { publicKey: identityPublicKey(pk), secretKey: Secret.adopt('IdentitySecretKey', ED25519_SECRET_BYTES, sk) };
}
export function generateSigningKeyPair(rng) {
    const seed = rng(32);
    const pair = signingKeyPairFromSeed(seed);
    sodium.sodium_memzero(seed);
    return pair;
}
export function publicKeyOfSigningKey(secretKey) {
    return identityPublicKey(secretKey.expose().subarray(32, 64));
}
export function sign(secretKey, message) {
    const sig = Buffer.alloc(ED25519_SIGNATURE_BYTES);
    sodium.crypto_sign_detached(sig, message, secretKey.expose());
    return signature(sig);
}
/** True for a valid Ed25519 public key that is not of small order. */
export function isValidSigningPublicKey(publicKey) {
    return publicKey.length === ED25519_PUBLIC_BYTES && sodium.crypto_core_ed25519_is_valid_point(publicKey);
}
export function verify(publicKey, message, sig) {
    if (sig.length !== ED25519_SIGNATURE_BYTES || !isValidSigningPublicKey(publicKey))
        return false;
    try {
        return sodium.crypto_sign_verify_detached(sig, message, publicKey);
    }
    catch {
        return false;
    }
}
export function assertValidSigningPublicKey(publicKey) {
    if (!isValidSigningPublicKey(publicKey))
        throw new WeakKeyError('identity key is not a valid Ed25519 point');
}
export function assertSignature(publicKey, message, sig, what = 'signature') {
    if (!verify(publicKey, message, sig))
        throw new SignatureError(`${what} does not verify`);
}
//# sourceMappingURL=sign.js.map