/**
 * X-Wing (ML-KEM-768 + X25519, draft-connolly-cfrg-xwing-kem) from libsodium 1.0.22's WASM
 * build, since sodium-native 5.1 bundles 1.0.21 without `crypto_kem_*`. Only handshakes use it.
 * Randomness comes from the caller's `Rng` (seeded keygen and deterministic encapsulation), so
 * handshake transcripts are reproducible in tests. A native binding can replace this file
 * without touching the protocol.
 *
 * Caveat: the WASM module copies inputs into its own heap, which this layer cannot wipe.
 */
import { createRequire } from 'node:module';
import { CryptoNotReadyError, InvalidKeyError } from './errors.js';
import { kemCiphertext, kemPublicKey, XWING_CIPHERTEXT_BYTES, XWING_SECRET_BYTES, XWING_SHARED_BYTES, } from './keys.js';
import { Secret } from './secret.js';
import { sodium } from './sodium.js';
let wasm;
/** Loads the WASM KEM. Await once at start-up before any handshake. */
export async function cryptoReady() {
    if (wasm)
        return;
    const mod = createRequire(import.meta.url)('libsodium-wrappers');
    await mod.ready;
    wasm = mod;
}
function kem() {
    if (!wasm)
        throw new CryptoNotReadyError();
    return wasm;
}
/** X-Wing secret keys are 32-byte seeds, so the seed is the secret key. */
export function kemKeyPairFromSecret(secretKey) {
    const { publicKey, privateKey } = kem().crypto_kem_xwing_seed_keypair(secretKey.expose());
    sodium.sodium_memzero(privateKey);
    return { publicKey: kemPublicKey(publicKey), secretKey };
}
export function generateKemKeyPair(rng) {
    return kemKeyPairFromSecret(Secret.adopt('KemSecretKey', XWING_SECRET_BYTES, rng(XWING_SECRET_BYTES)));
}
export function kemEncapsulate(publicKey, rng) {
    const seed = rng(64);
    let result;
    try {
        result = kem().crypto_kem_xwing_enc_deterministic(publicKey, seed);
    }
    catch {
        throw new InvalidKeyError('X-Wing public key is malformed');
    }
    finally {
        sodium.sodium_memzero(seed);
    }
    const { ciphertext, sharedSecret } = result;
    return {
        ciphertext: kemCiphertext(ciphertext),
        sharedSecret: Secret.adopt('SharedSecret', XWING_SHARED_BYTES, Buffer.from(sharedSecret)),
    };
}
/** X-Wing rejects implicitly: a wrong ciphertext yields an unrelated secret, never an error. */
export function kemDecapsulate(secretKey, ciphertext) {
    if (ciphertext.length !== XWING_CIPHERTEXT_BYTES)
        throw new RangeError('bad KEM ciphertext length');
    let ss;
    try {
        ss = kem().crypto_kem_xwing_dec(ciphertext, secretKey.expose());
    }
    catch {
        throw new InvalidKeyError('X-Wing decapsulation failed');
    }
    return Secret.adopt('SharedSecret', XWING_SHARED_BYTES, Buffer.from(ss));
}
//# sourceMappingURL=kem.js.map