/**
 * Hand-made envelopes for adversarial tests: what a malicious peer (or a relay holding a stolen
 * header key) could send. Test code reaches into session state for the keys it needs.
 */
import { type DhPublicKey, type HeaderKey, type MessageKey, type Rng } from '../../src/crypto/index.js';
import { type Identity, type Invitation, type Session } from '../../src/protocol/index.js';
import { type Header } from '../../src/protocol/ratchet/header.js';
/** An envelope with `header` sealed under `headerKey` and a body of random bytes (never valid). */
export declare function envelopeWithHeader(headerKey: HeaderKey, header: Header, rng: Rng): Buffer;
/**
 * A fully valid message from `sender`'s current sending chain with any header values: header
 * under the sender's header key, body under `messageKey`, exactly as ratchetEncrypt builds them.
 */
export declare function forgedMessage(sender: Session, header: {
    dh?: DhPublicKey;
    pn?: number;
    n: number;
}, messageKey: MessageKey, content: Uint8Array, rng: Rng, opts?: {
    unpadded?: boolean;
}): Buffer;
export interface Region {
    readonly name: string;
    readonly start: number;
    readonly end: number;
}
/** The named byte ranges of an envelope (see src/protocol/envelope.ts for the layout). */
export declare function envelopeRegions(envelope: Uint8Array): Region[];
/** A copy of `envelope` with one bit flipped. */
export declare function flipBit(envelope: Uint8Array, byte: number, bit?: number): Buffer;
/** A few positions in a region: first, middle and last byte, different bits. */
export declare function probePositions(r: Region): [number, number][];
/** `invitation` encoded and signed by `inviter`, whatever its fields hold (a malicious inviter). */
export declare function signedInvitation(inviter: Identity, invitation: Invitation): Buffer;
/** A public identity carrying `dhKey`, with a valid signature from `owner`'s identity key. */
export declare function identityWithDhKey(owner: Identity, dhKey: Uint8Array): Identity;
