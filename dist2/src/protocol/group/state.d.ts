/**
 * The signed-membership group state (docs/groups.md §State; issue #6 item 2): group id, version,
 * hash of the previous state, name, creator and members (public identity, role, admin seniority
 * and opaque delivery address). States are immutable values with a canonical encoding (members
 * sorted by identity key); the SHA-256 of that encoding is what the next change's `prevHash`
 * names, so a member holds a hash chain over every state it went through.
 */
import { type IdentityPublicKey, type Rng } from '../../crypto/index.js';
import { Reader } from '../codec/reader.js';
import { Writer } from '../codec/writer.js';
import { type PublicIdentity } from '../identity.js';
export declare const ROLE: {
    readonly member: 1;
    readonly admin: 2;
};
export type Role = (typeof ROLE)[keyof typeof ROLE];
export declare const STATE_HASH_BYTES = 32;
/** The `prevHash` of a version-1 state. */
export declare const GENESIS_PREV_HASH: Buffer;
export interface Member {
    readonly identity: PublicIdentity;
    readonly role: Role;
    /** The version at which the member last became admin: its seniority. 0 for plain members. */
    readonly adminSince: number;
    /** Where the member receives (opaque here; a relay queue address to the transport). */
    readonly address: Buffer;
}
export interface GroupState {
    readonly groupId: Buffer;
    readonly version: number;
    readonly prevHash: Buffer;
    readonly name: string;
    readonly creator: IdentityPublicKey;
    /** Keyed by the member's identity key in hex (`keyHex`). */
    readonly members: ReadonlyMap<string, Member>;
    /** SHA-256(label ‖ canonical encoding): computed, never read from the wire. */
    readonly hash: Buffer;
}
export type StateFields = Omit<GroupState, 'hash'>;
export declare const keyHex: (key: Uint8Array) => string;
export declare function newGroupId(rng: Rng): Buffer;
export declare function memberOf(state: GroupState, key: Uint8Array): Member | undefined;
export declare function isMember(state: GroupState, key: Uint8Array): boolean;
export declare function isAdmin(state: GroupState, key: Uint8Array): boolean;
export declare function isRole(n: number): n is Role;
export declare function decodeName(bytes: Uint8Array): string;
/** Names must survive a UTF-8 round trip (no lone surrogates), so every member hashes the same bytes. */
export declare function checkName(name: string): Buffer;
export declare function checkGroupId(id: Uint8Array): void;
export declare function writeGroupId(w: Writer, id: Uint8Array): Writer;
export declare function readGroupId(r: Reader): Buffer;
/** A public identity from our own store: lengths checked, signatures not re-verified. */
export declare function trustedPublicIdentity(bytes: Uint8Array): PublicIdentity;
export declare function writeMember(w: Writer, m: Member): Writer;
/**
 * Reads one member. With `verify`, the public identity is fully checked (valid points, signed DH
 * key); without, only lengths — for bytes from our own store, which authenticates them.
 */
export declare function readMember(r: Reader, verify: boolean): Member;
export declare function encodeState(s: StateFields): Buffer;
/** Builds a state value, checking the invariants every state must hold, and computes its hash. */
export declare function makeState(fields: StateFields): GroupState;
/** Parses a canonical state encoding (strictly: sorted, no duplicates, consistent roles). */
export declare function decodeState(bytes: Uint8Array, options: {
    verifyIdentities: boolean;
}): GroupState;
