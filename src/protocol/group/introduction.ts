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
import {
  AEAD_NONCE_BYTES,
  AEAD_TAG_BYTES,
  aeadDecrypt,
  aeadEncrypt,
  bytesEqual,
  dh,
  dhPublicKey,
  generateDhKeyPair,
  hkdf,
  Secret,
  type DhPublicKey,
  type IdentityPublicKey,
  type Rng,
  type SharedSecret,
  type SymmetricKey,
} from '../../crypto/index.js';
import { Reader } from '../codec/reader.js';
import { Writer } from '../codec/writer.js';
import { ENVELOPE_VERSION } from '../envelope.js';
import { InvalidFrameError } from '../errors.js';
import type { Identity } from '../identity.js';
import { decodeInvitation, encodeInvitation, type Invitation } from '../invitation.js';
import { ENVELOPE_BUCKETS, MAX_ENVELOPE_BYTES } from '../limits.js';
import { pad, unpad } from '../padding.js';
import { GroupStateError, NotMemberError } from './errors.js';
import { GROUP_LABELS } from './labels.js';
import { memberOf, readGroupId, writeGroupId, type GroupState, type Member } from './state.js';

export const GROUP_INTRODUCTION_TYPE = 4;
const PREFIX_BYTES = 2 + 32 + AEAD_NONCE_BYTES;
const ZERO_SALT = Buffer.alloc(32);

export interface Introduction {
  readonly groupId: Buffer;
  readonly invitation: Invitation;
}

/** Which invitation wins when two members without a session invite each other at once: the lower identity key's. */
export function introductionRole(self: Uint8Array, peer: Uint8Array): 'invite' | 'accept' {
  return Buffer.compare(Buffer.from(self), Buffer.from(peer)) < 0 ? 'invite' : 'accept';
}

function sealKey(shared: SharedSecret, ephemeral: Uint8Array, recipient: IdentityPublicKey, recipientDh: DhPublicKey): SymmetricKey {
  const key = hkdf(ZERO_SALT, shared.expose(), Buffer.concat([GROUP_LABELS.introduction, ephemeral, recipient, recipientDh]), 32);
  shared.wipe();
  return Secret.adopt('SymmetricKey', 32, key);
}

function associatedData(ephemeral: Uint8Array, recipient: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(ENVELOPE_VERSION, GROUP_INTRODUCTION_TYPE), ephemeral, recipient]);
}

/** Seals our `invitation` for member `recipient` of `state`; only to a current member (SECURITY-TESTS #14). */
export function sealIntroduction(state: GroupState, identity: Identity, recipient: Uint8Array, invitation: Invitation, deps: { rng: Rng }): Buffer {
  const self = identity.publicIdentity.identityKey;
  const to = memberOf(state, recipient);
  if (!to) throw new NotMemberError('introduction to a non-member');
  if (!memberOf(state, self)) throw new NotMemberError('we are not a member of this group');
  if (!bytesEqual(invitation.inviter.identityKey, self)) throw new GroupStateError('the invitation is not ours');
  if (bytesEqual(self, recipient)) throw new GroupStateError('an introduction to ourselves');
  const ephemeral = generateDhKeyPair(deps.rng);
  const key = sealKey(dh(ephemeral.secretKey, to.identity.dhKey), ephemeral.publicKey, to.identity.identityKey, to.identity.dhKey);
  ephemeral.secretKey.wipe();
  const content = writeGroupId(new Writer(), state.groupId).raw(encodeInvitation(invitation)).finish();
  const nonce = deps.rng(AEAD_NONCE_BYTES);
  const sealed = aeadEncrypt(key, nonce, pad(content, PREFIX_BYTES + AEAD_TAG_BYTES), associatedData(ephemeral.publicKey, to.identity.identityKey));
  key.wipe();
  return Buffer.concat([Buffer.of(ENVELOPE_VERSION, GROUP_INTRODUCTION_TYPE), ephemeral.publicKey, nonce, sealed]);
}

/** Opens an introduction sealed to us; the invitation's own signature is verified here. */
export function openIntroduction(identity: Identity, bytes: Uint8Array): Introduction {
  if (bytes.length > MAX_ENVELOPE_BYTES || !(ENVELOPE_BUCKETS as readonly number[]).includes(bytes.length)) throw new InvalidFrameError('introduction size is not a bucket size');
  const r = new Reader(bytes, 'introduction');
  if (r.u8() !== ENVELOPE_VERSION) throw new InvalidFrameError('introduction: unsupported version');
  if (r.u8() !== GROUP_INTRODUCTION_TYPE) throw new InvalidFrameError('not a group introduction');
  const ephemeral = dhPublicKey(r.raw(32));
  const nonce = r.raw(AEAD_NONCE_BYTES);
  const self = identity.publicIdentity;
  const key = sealKey(dh(identity.dh.secretKey, ephemeral), ephemeral, self.identityKey, self.dhKey);
  let content: Buffer;
  try {
    content = unpad(aeadDecrypt(key, nonce, r.rest(), associatedData(ephemeral, self.identityKey)));
  } finally {
    key.wipe();
  }
  const c = new Reader(content, 'introduction');
  const groupId = readGroupId(c);
  return { groupId, invitation: decodeInvitation(c.rest()) };
}

/**
 * The inviting member, if the introduction is acceptable in `state`: for this group, from
 * another current member, to us as a current member.
 */
export function checkIntroduction(state: GroupState, self: Uint8Array, intro: Introduction): Member {
  if (!bytesEqual(intro.groupId, state.groupId)) throw new GroupStateError('introduction is for another group');
  if (!memberOf(state, self)) throw new NotMemberError('we are not a member of this group');
  const inviter = memberOf(state, intro.invitation.inviter.identityKey);
  if (!inviter) throw new NotMemberError('introduction from a non-member');
  if (!bytesEqual(inviter.identity.dhKey, intro.invitation.inviter.dhKey)) throw new GroupStateError('introduction does not match the member’s identity');
  if (bytesEqual(inviter.identity.identityKey, self)) throw new GroupStateError('an introduction from ourselves');
  return inviter;
}
