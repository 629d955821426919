import { type KemCiphertext, type KemPublicKey, type KemSecretKey, type SharedSecret } from './keys.js';
import type { Rng } from './random.js';
/** Loads the WASM KEM. Await once at start-up before any handshake. */
export declare function cryptoReady(): Promise<void>;
export interface KemKeyPair {
    readonly publicKey: KemPublicKey;
    readonly secretKey: KemSecretKey;
}
/** X-Wing secret keys are 32-byte seeds, so the seed is the secret key. */
export declare function kemKeyPairFromSecret(secretKey: KemSecretKey): KemKeyPair;
export declare function generateKemKeyPair(rng: Rng): KemKeyPair;
export declare function kemEncapsulate(publicKey: KemPublicKey, rng: Rng): {
    ciphertext: KemCiphertext;
    sharedSecret: SharedSecret;
};
/** X-Wing rejects implicitly: a wrong ciphertext yields an unrelated secret, never an error. */
export declare function kemDecapsulate(secretKey: KemSecretKey, ciphertext: KemCiphertext): SharedSecret;
