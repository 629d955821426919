/**
 * A member's view of one group (docs/groups.md; issue #6 items 1–5): the signed state and its
 * recent history, our sender key, the sender keys of the others, and what waits for a gap to
 * fill. Pure functions `(group, input, deps) → { group, outgoing, events }`: no I/O, no clock,
 * randomness from `deps.rng`. `outgoing` lists pairwise payloads to hand to one member each over
 * the 1:1 session with that member; incoming pairwise payloads come with the identity of the
 * session's authenticated peer (`from`), which is the only source of "who sent this".
 *
 * Every function either throws a typed error and changes nothing, or succeeds and consumes the
 * input group (spent secrets are wiped and the returned group shares its sender-key book).
 */
import { type IdentityPublicKey, type Rng } from '../../crypto/index.js';
import type { Identity, PublicIdentity } from '../identity.js';
import { type GroupChange, type GroupOp } from './change.js';
import { type SenderKeyDistribution } from './distribution.js';
import { type HistoryEntry } from './history.js';
import { type OwnSenderKey } from './senderKey.js';
import { SenderKeyBook } from './senderKeyBook.js';
import { type GroupState, type Member, type Role } from './state.js';
export interface Deps {
    readonly rng: Rng;
}
/** A sender key that arrived before the state it was made for; applied once we reach that version. */
export interface PendingSenderKey {
    readonly owner: IdentityPublicKey;
    readonly distribution: SenderKeyDistribution;
    /** The owner also asked for our sender key (a newcomer does): answered when this is applied. */
    readonly requestsKeys: boolean;
}
export interface Group {
    /** Whose view this is. */
    readonly self: IdentityPublicKey;
    readonly state: GroupState;
    /** The last applied changes with their undo data, oldest first (for the fork-choice rule). */
    readonly history: readonly HistoryEntry[];
    /** Our sender key; null while we are not a member. */
    readonly own: OwnSenderKey | null;
    /** Generation of our next sender key. */
    readonly nextGeneration: number;
    readonly senderKeys: SenderKeyBook;
    readonly pendingChanges: readonly GroupChange[];
    /** By owner identity key (hex). */
    readonly pendingSenderKeys: ReadonlyMap<string, PendingSenderKey>;
}
/** One pairwise payload unit for one member: encrypt it into the 1:1 session with `to`. */
export interface Outgoing {
    readonly to: Member;
    readonly payload: Buffer;
}
export type GroupEvent = {
    readonly kind: 'joined';
    readonly version: number;
    readonly introducer: IdentityPublicKey;
} | {
    readonly kind: 'applied';
    readonly change: GroupChange;
}
/** A change undone by a concurrent one that won; if `ours`, re-base it with `changeGroup`. */
 | {
    readonly kind: 'reverted';
    readonly change: GroupChange;
    readonly ours: boolean;
} | {
    readonly kind: 'left';
    readonly version: number;
} | {
    readonly kind: 'senderKey';
    readonly member: IdentityPublicKey;
    readonly generation: number;
}
/** Something from the future was set aside until the state catches up. */
 | {
    readonly kind: 'deferred';
    readonly what: 'change' | 'senderKey';
};
export interface GroupResult {
    readonly group: Group;
    readonly outgoing: readonly Outgoing[];
    readonly events: readonly GroupEvent[];
}
export interface NewMember {
    readonly identity: PublicIdentity;
    readonly address: Uint8Array;
    readonly role?: Role;
}
export interface CreateGroupOptions {
    readonly name: string;
    /** Our own delivery address, as listed in the state. */
    readonly address: Uint8Array;
    readonly members: readonly NewMember[];
}
/**
 * Creates a group at version 1 with us as its creator and first admin. Each member gets a welcome
 * (the state and our sender key); they will set up sessions among themselves (introductions) and
 * send their own sender keys.
 */
export declare function createGroup(identity: Identity, options: CreateGroupOptions, deps: Deps): GroupResult;
/**
 * Signs and applies `ops` as the next change (we must be an admin, or be removing ourself), and
 * returns what to send: the change to every member (and to those it removes), a welcome to each
 * member it adds, and — if it removes anyone — our new sender key to the remaining members only.
 */
export declare function changeGroup(group: Group, identity: Identity, ops: readonly GroupOp[], deps: Deps): GroupResult & {
    change: GroupChange;
};
export declare function leaveGroup(group: Group, identity: Identity, deps: Deps): GroupResult & {
    change: GroupChange;
};
/** Makes a new sender key and sends it to every other member (e.g. periodically, or when the chain is exhausted). */
export declare function rotateSenderKey(group: Group, deps: Deps): GroupResult;
/**
 * Handles a pairwise group payload (reassembled if it came in fragments) that arrived over the
 * 1:1 session with `from`. `group` is our record for the payload's group (`peekGroupPayload`
 * names it), or null if we hold none — then only a welcome is acceptable.
 */
export declare function receiveGroupPayload(group: Group | null, from: IdentityPublicKey, payload: Uint8Array, deps: Deps & {
    self: IdentityPublicKey;
}): GroupResult;
/** Encrypts one message for the whole group: the same envelope goes to every member (`groupRecipients`). */
export declare function encryptGroupMessage(group: Group, plaintext: Uint8Array, deps: Deps): {
    group: Group;
    envelope: Buffer;
};
/**
 * Decrypts a group envelope. The sender is the member its sender key was bound to over our
 * pairwise session with them; a key we never received that way, or a member no longer in the
 * state, is refused (SECURITY-TESTS #13).
 */
export declare function decryptGroupMessage(group: Group, envelope: Uint8Array): {
    group: Group;
    plaintext: Buffer;
    sender: Member;
    senderKeyId: string;
};
/** The sender key id of a group envelope, for finding which group it belongs to. */
export declare function groupEnvelopeKeyId(envelope: Uint8Array): string;
/** Who a group message (or our sender key) goes to: the current members other than us, and nobody else (#14). */
export declare function groupRecipients(group: Group): Member[];
/**
 * Our current sender key for one current member, e.g. once a pairwise session with them exists
 * (a distribution queued for long carries an old chain position: prefer a fresh one).
 */
export declare function senderKeyPayloadFor(group: Group, member: Uint8Array): Buffer;
/** Wipes every secret the record holds; use when a group record is discarded. */
export declare function wipeGroup(group: Group): void;
