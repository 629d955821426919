/**
 * Introductions (docs/groups.md §Introductions; issue #6 item 5): how two members who are not
 * contacts set up their pairwise session with the existing 1:1 API. The member who first has
 * something to send to the other is the inviter (so a member who never sends introduces itself to
 * nobody, and a 1,000-member group needs no session between every pair); if both invite at once,
 * the lower identity key's invitation is the one used (`introductionRole`). The inviter makes an
 * ordinary one-time invitation (`createInvitation`) and sends it, sealed to the other member's identity DH key as listed in
 * the group state, straight to that member's address; the other member checks that the inviter
 * is a member and accepts it (`acceptInvitation`), and the inviter finishes with
 * `respondToInvitation`. Sealing hides from the relay who is introducing themself to whom.
 *
 *   u8 version = 1 ‖ u8 type = 4 ‖ ephemeral X25519 key (32) ‖ nonce (24)
 *   ‖ XChaCha20-Poly1305(k, nonce, padded(u8 id length ‖ group id ‖ invitation), AD)
 *   k  = HKDF-SHA256(0³², X25519(e, recipient DH key), label ‖ e ‖ recipient identity key ‖ recipient DH key)
 *   AD = version ‖ type ‖ e ‖ recipient identity key
 */
import { type Rng } from '../../crypto/index.js';
import type { Identity } from '../identity.js';
import { type Invitation } from '../invitation.js';
import { type GroupState, type Member } from './state.js';
export declare const GROUP_INTRODUCTION_TYPE = 4;
export interface Introduction {
    readonly groupId: Buffer;
    readonly invitation: Invitation;
}
/** Which invitation wins when two members without a session invite each other at once: the lower identity key's. */
export declare function introductionRole(self: Uint8Array, peer: Uint8Array): 'invite' | 'accept';
/** Seals our `invitation` for member `recipient` of `state`; only to a current member (SECURITY-TESTS #14). */
export declare function sealIntroduction(state: GroupState, identity: Identity, recipient: Uint8Array, invitation: Invitation, deps: {
    rng: Rng;
}): Buffer;
/** Opens an introduction sealed to us; the invitation's own signature is verified here. */
export declare function openIntroduction(identity: Identity, bytes: Uint8Array): Introduction;
/**
 * The inviting member, if the introduction is acceptable in `state`: for this group, from
 * another current member, to us as a current member.
 */
export declare function checkIntroduction(state: GroupState, self: Uint8Array, intro: Introduction): Member;
