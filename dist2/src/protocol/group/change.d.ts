/**
 * Signed group-state changes (docs/groups.md §Changes; issue #6 item 2; SECURITY-TESTS #14).
 * A change names the group, the new version (current + 1), the hash of the state it applies to,
 * its signer and a list of operations (add, remove, set role, rename), and is signed with the
 * signer's identity key. It applies only if the signer is an admin in the state it applies to —
 * except a member removing themself (leaving). Applying yields the next state and the undo data
 * needed to revert it if a concurrent change wins (see `compareChanges`).
 *
 *   u8 format = 1 ‖ u8 id length ‖ group id ‖ u32 version ‖ prevHash (32) ‖ signer (32)
 *   ‖ u16 op count ‖ ops ‖ Ed25519 signature (64) over label ‖ everything before it
 *   op add:     u8 1 ‖ public identity (128) ‖ u8 role ‖ u16 length ‖ address
 *   op remove:  u8 2 ‖ identity key (32)
 *   op setRole: u8 3 ‖ identity key (32) ‖ u8 role
 *   op rename:  u8 4 ‖ u16 length ‖ UTF-8 name
 */
import { type IdentityPublicKey, type Signature } from '../../crypto/index.js';
import { type Identity, type PublicIdentity } from '../identity.js';
import { type GroupState, type Member, type Role } from './state.js';
export type GroupOp = {
    readonly kind: 'add';
    readonly identity: PublicIdentity;
    readonly role: Role;
    readonly address: Buffer;
} | {
    readonly kind: 'remove';
    readonly member: IdentityPublicKey;
} | {
    readonly kind: 'setRole';
    readonly member: IdentityPublicKey;
    readonly role: Role;
} | {
    readonly kind: 'rename';
    readonly name: string;
};
export interface GroupChange {
    readonly groupId: Buffer;
    readonly version: number;
    readonly prevHash: Buffer;
    readonly signer: IdentityPublicKey;
    readonly ops: readonly GroupOp[];
    readonly signature: Signature;
    /** The exact signed bytes: what is sent, gossiped and stored. */
    readonly encoded: Buffer;
    /** SHA-256(label ‖ encoded): identifies the change and breaks ties between concurrent ones. */
    readonly hash: Buffer;
}
/** What reverting a change needs beyond the change itself: the previous name, prevHash and member records. */
export interface Undo {
    readonly name: string;
    readonly prevHash: Buffer;
    /** The records, before the change, of members it removed or whose role it changed. */
    readonly restored: readonly Member[];
}
/** Signs `ops` as the next change of `state`. Applying it (which checks authority) is the caller's next step. */
export declare function signChange(state: GroupState, identity: Identity, ops: readonly GroupOp[]): GroupChange;
/**
 * Parses a change: its syntax and, with `verifyIdentities` (anything from the network), the
 * public identities it adds. Its signature and authority are checked by `applyChange`.
 */
export declare function decodeChange(bytes: Uint8Array, options?: {
    verifyIdentities: boolean;
}): GroupChange;
/** The change's own signature (not its authority, which depends on the state it applies to). */
export declare function assertChangeSigned(change: GroupChange): void;
/**
 * Checks `change` against `base` (group, version, prevHash, signer's authority, signature, every
 * operation) and returns the next state with its undo data. Throws without side effects.
 */
export declare function applyChange(base: GroupState, change: GroupChange): {
    state: GroupState;
    undo: Undo;
};
/** The state `change` was applied to, rebuilt from the state it produced and its undo data. */
export declare function revertChange(state: GroupState, change: GroupChange, undo: Undo): GroupState;
/**
 * The fork-choice rule for two different changes applying to the same state `base` (same
 * version, same prevHash): the change whose signer is more senior in `base` wins — admins before
 * plain members (leaves), then the admin who became admin at the lower version, then the lower
 * identity key — and only two changes by the same signer are decided by the lower change hash.
 * Seniority, not the hash, decides between different signers so that nobody can grind a hash
 * to undo a change made by someone senior (e.g. an admin removed by a senior admin cannot race
 * back in). Returns < 0 when `a` wins.
 */
export declare function compareChanges(base: GroupState, a: GroupChange, b: GroupChange): number;
export declare function encodeUndo(u: Undo): Buffer;
export declare function decodeUndo(bytes: Uint8Array, options: {
    verifyIdentities: boolean;
}): Undo;
