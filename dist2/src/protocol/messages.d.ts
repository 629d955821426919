/**
 * Sending and receiving on an established session (Saltline protocol §3 and §5): padding, the
 * header-encrypted ratchet, and the envelope format. Both functions consume the input session on
 * success (its spent secrets are wiped) and leave it untouched on any error.
 */
import { type Rng } from '../crypto/index.js';
import { type Envelope } from './envelope.js';
import { type Session } from './session.js';
export interface Deps {
    readonly rng: Rng;
}
/** The largest plaintext `encryptMessage` accepts on this session right now. */
export declare function maxPlaintextBytes(session: Session): number;
/** Builds the envelope in one buffer: the plaintext is padded into its body and encrypted in place. */
export declare function encryptMessage(session: Session, plaintext: Uint8Array, deps: Deps): {
    state: Session;
    envelope: Buffer;
};
/** Decrypts an already parsed envelope; shared with the handshake's first message. */
export declare function decryptEnvelope(session: Session, envelope: Envelope, deps: Deps): {
    state: Session;
    plaintext: Buffer;
};
export declare function decryptMessage(session: Session, envelopeBytes: Uint8Array, deps: Deps): {
    state: Session;
    plaintext: Buffer;
};
