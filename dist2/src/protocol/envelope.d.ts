/**
 * The envelope wire format (Saltline protocol §5). Versioned, strictly parsed, one of a few fixed
 * sizes. Layout (big-endian):
 *
 *   u8 version = 1 ‖ u8 type
 *   type 2 (prekey) only: invitation id (16) ‖ ephemeral X25519 key (32) ‖ X-Wing ciphertext (1120)
 *                         ‖ u16 length ‖ sealed initiator identity and address
 *   encrypted header (80) ‖ body ciphertext (padded plaintext + 16-byte tag)
 *
 * The initiator keeps sending type 2 until it has received a reply, so the inviter can finish the
 * handshake from whichever of those messages arrives first.
 */
import { type DhPublicKey, type KemCiphertext } from '../crypto/index.js';
export declare const ENVELOPE_VERSION = 1;
export declare const ENVELOPE_TYPE: {
    readonly message: 1;
    readonly prekey: 2;
};
export type EnvelopeType = (typeof ENVELOPE_TYPE)[keyof typeof ENVELOPE_TYPE];
/** Sealed identity: nonce (24) + public identity (128) + u16 address length + address + tag (16). */
export declare const MAX_SEALED_IDENTITY_BYTES: number;
export interface PrekeyPart {
    readonly invitationId: Buffer;
    readonly ephemeral: DhPublicKey;
    readonly kemCiphertext: KemCiphertext;
    readonly sealedIdentity: Buffer;
}
export interface Envelope {
    readonly type: EnvelopeType;
    readonly prekey: PrekeyPart | null;
    readonly header: Buffer;
    readonly body: Buffer;
}
/** Identifies one handshake: a hash over the whole prekey part, so no byte of a repeat can change. */
export declare function prekeyTag(p: PrekeyPart): Buffer;
/** Bytes the envelope adds around the padded plaintext. */
export declare function envelopeOverhead(prekey: PrekeyPart | null): number;
/** A new envelope of `size` bytes with its prefix written and views of the slots still to fill. */
export interface EnvelopeFrame {
    readonly bytes: Buffer;
    /** ENCRYPTED_HEADER_BYTES for the encrypted header. */
    readonly header: Buffer;
    /** Everything after the header: padded plaintext followed by room for the tag. */
    readonly body: Buffer;
}
export declare function envelopeFrame(prekey: PrekeyPart | null, size: number): EnvelopeFrame;
export declare function encodeEnvelope(e: Envelope): Buffer;
export declare function parseEnvelope(bytes: Uint8Array): Envelope;
