/**
 * Group messages (docs/groups.md §Group message; issue #6 item 1; SECURITY-TESTS #13, #15): a
 * message is encrypted once under the sender's chain, signed with its sender-key signing key,
 * padded to the same bucket sizes as 1:1 envelopes, and the same bytes go to every member.
 *
 *   u8 version = 1 ‖ u8 type = 3 ‖ sender key id (16) ‖ nonce (24)
 *   ‖ header: XChaCha20-Poly1305(header key, nonce, u32 iteration, AD_h) (20)
 *   ‖ body: XChaCha20-Poly1305(message key, nonce, padded plaintext, AD_b)
 *   ‖ Ed25519 signature (64) over label ‖ group id ‖ everything before it
 *
 *   AD_h = "…/group-message-header" ‖ group id ‖ key id
 *   AD_b = "…/group-message" ‖ group id ‖ key id ‖ u32 iteration
 *
 * Type 3 is unknown to the 1:1 parser, and this parser refuses types 1 and 2, so neither path
 * accepts the other's envelopes. The group id is not on the wire; the AD and the signature bind
 * it. Receiving is transactional like the 1:1 ratchet: `openGroupMessage` only reads the
 * record and returns what a commit would change; SenderKeyBook.commit applies it.
 */
import { type ChainKey, type MessageKey, type Rng } from '../../crypto/index.js';
import { type OwnSenderKey, type ReceivingSenderKey } from './senderKey.js';
export declare const GROUP_ENVELOPE_TYPE = 3;
/** Bytes a group envelope adds around the padded plaintext. */
export declare const GROUP_ENVELOPE_OVERHEAD: number;
/** The largest plaintext a group message carries. */
export declare const MAX_GROUP_PLAINTEXT_BYTES: number;
export interface GroupEnvelope {
    readonly keyId: Buffer;
    readonly nonce: Buffer;
    readonly header: Buffer;
    readonly body: Buffer;
    /** Everything the signature covers after the label and group id. */
    readonly signed: Buffer;
    readonly signature: Buffer;
}
export declare function parseGroupEnvelope(bytes: Uint8Array): GroupEnvelope;
/** Encrypts and signs one message; the input key's spent chain key is wiped. */
export declare function sealGroupMessage(groupId: Uint8Array, own: OwnSenderKey, plaintext: Uint8Array, rng: Rng): {
    own: OwnSenderKey;
    envelope: Buffer;
};
/** What a successful decryption changes in its receiving record; applied by SenderKeyBook.commit. */
export interface OpenedMessage {
    readonly plaintext: Buffer;
    readonly iteration: number;
    /** The message key used; wiped on commit. */
    readonly messageKey: MessageKey;
    /** Set when the message was ahead of the chain: the new chain key and the keys skipped on the way. */
    readonly advance: {
        readonly chainKey: ChainKey;
        readonly skipped: ReadonlyMap<number, MessageKey>;
    } | null;
}
/**
 * Verifies and decrypts `env` with `record`, reading but never changing it. Refused before any
 * key is derived: a bad signature, a header that does not open, a position already used
 * (`ReplayError`) or more than MAX_SKIP_PER_CHAIN ahead (`TooFarAheadError`).
 */
export declare function openGroupMessage(groupId: Uint8Array, record: ReceivingSenderKey, env: GroupEnvelope): OpenedMessage;
