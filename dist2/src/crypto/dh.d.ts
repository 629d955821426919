import { type DhPublicKey, type DhSecretKey, type SharedSecret } from './keys.js';
import type { Rng } from './random.js';
export interface DhKeyPair {
    readonly publicKey: DhPublicKey;
    readonly secretKey: DhSecretKey;
}
export declare function isWeakDhPublicKey(publicKey: Uint8Array): boolean;
/** Throws `WeakKeyError` for a public key no honest party would send. */
export declare function assertStrongDhPublicKey(publicKey: Uint8Array): void;
export declare function dhPublicFromSecret(secretKey: DhSecretKey): DhPublicKey;
export declare function generateDhKeyPair(rng: Rng): DhKeyPair;
/** X25519(secret, public) as a `SharedSecret`; the caller wipes it once it is fed to a KDF. */
export declare function dh(secretKey: DhSecretKey, publicKey: DhPublicKey): SharedSecret;
