/**
 * Identity (Saltline protocol §1): a long-term Ed25519 identity key, and an X25519 key signed by
 * it that takes part in the handshake's DH. A device key signed by an account key can later sit
 * on top of this without changing the handshake: the signed X25519 key is already separate.
 */
import { type DhKeyPair, type DhPublicKey, type IdentityPublicKey, type Rng, type Signature, type SigningKeyPair } from '../crypto/index.js';
/** What others see and pin: 32 + 32 + 64 bytes. */
export interface PublicIdentity {
    readonly identityKey: IdentityPublicKey;
    readonly dhKey: DhPublicKey;
    readonly dhSignature: Signature;
}
export interface Identity {
    readonly signing: SigningKeyPair;
    readonly dh: DhKeyPair;
    readonly publicIdentity: PublicIdentity;
}
export declare const PUBLIC_IDENTITY_BYTES = 128;
export declare function createIdentity(rng: Rng): Identity;
export declare function encodePublicIdentity(p: PublicIdentity): Buffer;
/** Parses and fully checks a public identity: valid points, strong DH key, valid signature. */
export declare function decodePublicIdentity(bytes: Uint8Array): PublicIdentity;
/** Throws `IdentityChangedError` unless `presented` is exactly the identity we pinned. */
export declare function assertSameIdentity(pinned: IdentityPublicKey, presented: IdentityPublicKey): void;
/** Private serialization for the local store (which encrypts it at rest). */
export declare function serializeIdentity(id: Identity): Buffer;
export declare function deserializeIdentity(bytes: Uint8Array): Identity;
