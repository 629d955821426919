import { type IdentityPublicKey, type IdentitySecretKey, type Signature } from './keys.js';
import type { Rng } from './random.js';
import { Secret } from './secret.js';
export interface SigningKeyPair {
    readonly publicKey: IdentityPublicKey;
    readonly secretKey: IdentitySecretKey;
}
export declare function signingKeyPairFromSeed(seed: Uint8Array): SigningKeyPair;
export declare function generateSigningKeyPair(rng: Rng): SigningKeyPair;
export declare function publicKeyOfSigningKey(secretKey: IdentitySecretKey): IdentityPublicKey;
export declare function sign(secretKey: Secret<'IdentitySecretKey'>, message: Uint8Array): Signature;
/** True for a valid Ed25519 public key that is not of small order. */
export declare function isValidSigningPublicKey(publicKey: Uint8Array): boolean;
export declare function verify(publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array): boolean;
export declare function assertValidSigningPublicKey(publicKey: Uint8Array): void;
export declare function assertSignature(publicKey: Uint8Array, message: Uint8Array, sig: Uint8Array, what?: string): void;
