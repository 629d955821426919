import { type Rng } from '../../src/crypto/index.js';
import { type Identity, type Invitation, type InvitationSecrets, type Session } from '../../src/protocol/index.js';
/** A deterministic RNG named by a label, so each test has its own reproducible stream. */
export declare function seededRng(label: string): Rng;
export declare function sha256Hex(bytes: Uint8Array): string;
export declare const text: (s: string) => Buffer;
/** A copy that shares no secret with the original (what a store round trip gives). */
export declare function cloneSession(s: Session): Session;
/** One side of a conversation; the session is replaced only when an operation succeeds. */
export declare class Party {
    session: Session;
    rng: Rng;
    constructor(session: Session, rng: Rng);
    send(content: string | Uint8Array): Buffer;
    receive(envelope: Uint8Array): Buffer;
    receiveText(envelope: Uint8Array): string;
    snapshot(): Buffer;
    /** An independent copy of this party (own secrets, and the RNG given). */
    clone(rng?: Rng): Party;
}
export interface Connected {
    readonly rng: Rng;
    readonly aliceId: Identity;
    readonly bobId: Identity;
    readonly invitation: Invitation;
    /** The inviter (handshake responder). */
    readonly alice: Party;
    /** The invitee (handshake initiator). */
    readonly bob: Party;
    /** Bob's first (prekey) envelope, already consumed by Alice. */
    readonly first: Buffer;
}
export interface Invited {
    readonly rng: Rng;
    readonly aliceId: Identity;
    readonly bobId: Identity;
    readonly invitation: Invitation;
    readonly secrets: InvitationSecrets;
    /** Bob's session after accepting; still repeating the prekey part. */
    readonly bob: Party;
}
/** Alice invites, Bob accepts; nothing has been sent yet. */
export declare function invite(label: string, rng?: Rng): Promise<Invited>;
/**
 * A full handshake: Bob sends "hello" (a prekey envelope) and Alice responds. With `reply`
 * (the default) Alice answers "hi" and Bob reads it, so both sides are past the handshake.
 */
export declare function connect(label: string, opts?: {
    reply?: boolean;
}): Promise<Connected>;
type ErrorClass = abstract new (...args: never[]) => Error;
/**
 * Asserts `fn` throws one of `expected` (all SaltlineErrors) and that `state()` serializes to the
 * same bytes before and after: a rejected input changes nothing. Returns the error.
 */
export declare function expectRejected(state: () => Uint8Array, fn: () => unknown, expected: ErrorClass | readonly ErrorClass[]): Error;
/** `expectRejected` for a party's session. */
export declare function expectPartyRejects(party: Party, envelope: Uint8Array, expected: ErrorClass | readonly ErrorClass[]): Error;
export {};
