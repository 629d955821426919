import { type PrekeyPart } from './envelope.js';
import { type PublicIdentity } from './identity.js';
import { type RatchetState } from './ratchet/state.js';
export declare const SESSION_ROLE: {
    readonly initiator: 1;
    readonly responder: 2;
};
export type SessionRole = (typeof SESSION_ROLE)[keyof typeof SESSION_ROLE];
export interface Session {
    readonly role: SessionRole;
    /** Hash binding both parties' identities; associated data of every message. */
    readonly ad: Buffer;
    readonly peer: PublicIdentity;
    /** Initiator only: repeated in every envelope until a reply from the inviter decrypts. */
    readonly pendingPrekey: PrekeyPart | null;
    /** Responder only: hash of the handshake's prekey part, to recognise its repeats exactly. */
    readonly handshakeTag: Buffer | null;
    readonly ratchet: RatchetState;
}
/** The session as bytes for the store (a view into a slab shared only with other saved sessions). */
export declare function serializeSession(s: Session): Buffer;
/**
 * Restores a session saved by `serializeSession`. The bytes come from our own store, which
 * authenticates them, so the peer identity's signature is not verified again here. The input is
 * copied once into private memory and every field is a view into that copy (one copy instead of
 * one allocation per key); on a parse error the whole copy is wiped and nothing is returned.
 */
export declare function deserializeSession(bytes: Uint8Array): Session;
/** Wipes every secret the session holds; use when a session is discarded. */
export declare function wipeSession(s: Session): void;
