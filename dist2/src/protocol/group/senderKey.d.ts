/**
 * Sender keys (docs/groups.md §Sender keys; issue #6 item 1), the scheme of Signal and WhatsApp:
 * per member per group, a sending chain (a keyed BLAKE2b chain, the 1:1 ratchet's `kdfChain`), a
 * header key that hides the chain position from the relay, and an Ed25519 signing key pair made
 * for this sender key only. The key id that labels messages is derived from the group id, the
 * owner's identity key and the signing key, so a sender key can only ever be attributed to the
 * identity it was derived for (SECURITY-TESTS #16); `possession` is the signing key's signature
 * over the same three values, which proves to a receiver that the owner holds it.
 */
import { type ChainKey, type HeaderKey, type IdentityPublicKey, type MessageKey, type Rng, type Signature, type SigningKeyPair } from '../../crypto/index.js';
export declare const SENDER_KEY_ID_BYTES = 16;
/** Chain positions run 0 … 2^32 − 2; the sender refuses to go further (SECURITY-TESTS #5). */
export declare const MAX_ITERATION = 4294967294;
export interface OwnSenderKey {
    /** Counts the sender keys this member made in this group; receivers keep the newest. */
    readonly generation: number;
    readonly keyId: Buffer;
    /** Made for this sender key only; its secret never leaves this record. */
    readonly signing: SigningKeyPair;
    readonly possession: Signature;
    readonly headerKey: HeaderKey;
    readonly chainKey: ChainKey;
    /** Position of the next message. */
    readonly iteration: number;
}
/**
 * A sender key received over the pairwise session with `owner`. The chain fields and skipped
 * keys change only when a decryption commits (see SenderKeyBook.commit); nothing else writes them.
 */
export interface ReceivingSenderKey {
    readonly owner: IdentityPublicKey;
    readonly keyId: Buffer;
    readonly generation: number;
    readonly signingKey: IdentityPublicKey;
    readonly headerKey: HeaderKey;
    chainKey: ChainKey;
    /** The lowest position not yet derived from `chainKey`. */
    next: number;
    /** Keys of skipped positions, oldest first. */
    readonly skipped: Map<number, MessageKey>;
}
export declare function deriveSenderKeyId(groupId: Uint8Array, owner: Uint8Array, signingKey: Uint8Array): Buffer;
export declare function possessionMessage(groupId: Uint8Array, owner: Uint8Array, signingKey: Uint8Array): Buffer;
export declare function createOwnSenderKey(groupId: Uint8Array, owner: IdentityPublicKey, generation: number, rng: Rng): OwnSenderKey;
export declare function wipeOwnSenderKey(k: OwnSenderKey): void;
export declare function wipeReceivingSenderKey(k: ReceivingSenderKey): void;
export declare function serializeOwnSenderKey(k: OwnSenderKey): Buffer;
export declare function deserializeOwnSenderKey(bytes: Uint8Array): OwnSenderKey;
export declare function serializeReceivingSenderKey(k: ReceivingSenderKey): Buffer;
/** Restores a record saved by `serializeReceivingSenderKey` (bytes from our own, authenticated store). */
export declare function deserializeReceivingSenderKey(bytes: Uint8Array): ReceivingSenderKey;
