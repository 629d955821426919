/**
 * A one-to-one session: the ratchet plus what the handshake bound it to (both identities as
 * associated data, the peer's identity, and the prekey part the initiator repeats until the
 * inviter replies). Versioned binary serialization for the store.
 */
import { adoptDhPublicKey, adoptIdentityPublicKey, adoptSignature, dhPublicKey, kemCiphertext, XWING_CIPHERTEXT_BYTES } from '../crypto/index.js';
import { Reader } from './codec/reader.js';
import { Slab } from './codec/slab.js';
import { Writer } from './codec/writer.js';
import { InvalidFrameError } from './errors.js';
import { MAX_SEALED_IDENTITY_BYTES, type PrekeyPart } from './envelope.js';
import { PUBLIC_IDENTITY_BYTES, type PublicIdentity } from './identity.js';
import { INVITATION_ID_BYTES } from './invitation.js';
import { deserializeRatchet, serializedRatchetBytes, serializeRatchet, wipeRatchet, type RatchetState } from './ratchet/state.js';

export const SESSION_ROLE = { initiator: 1, responder: 2 } as const;
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

const SESSION_FORMAT = 1;

function presence(r: Reader): boolean {
  const flag = r.u8();
  if (flag > 1) throw new InvalidFrameError('session: bad presence flag');
  return flag === 1;
}

function prekeyPartBytes(p: PrekeyPart | null): number {
  return p ? INVITATION_ID_BYTES + 32 + XWING_CIPHERTEXT_BYTES + 2 + p.sealedIdentity.length : 0;
}

const stateSlab = new Slab();

/** The session as bytes for the store (a view into a slab shared only with other saved sessions). */
export function serializeSession(s: Session): Buffer {
  const size = 2 + 32 + PUBLIC_IDENTITY_BYTES + 1 + prekeyPartBytes(s.pendingPrekey) + 1 + (s.handshakeTag ? 32 : 0) + serializedRatchetBytes(s.ratchet);
  const w = new Writer(stateSlab.take(size)).u8(SESSION_FORMAT).u8(s.role).raw(s.ad).raw(s.peer.identityKey).raw(s.peer.dhKey).raw(s.peer.dhSignature);
  if (s.pendingPrekey) {
    const p = s.pendingPrekey;
    w.u8(1).raw(p.invitationId).raw(p.ephemeral).raw(p.kemCiphertext).bytes16(p.sealedIdentity);
  } else w.u8(0);
  if (s.handshakeTag) w.u8(1).raw(s.handshakeTag);
  else w.u8(0);
  serializeRatchet(s.ratchet, w);
  return w.finish();
}

/**
 * Restores a session saved by `serializeSession`. The bytes come from our own store, which
 * authenticates them, so the peer identity's signature is not verified again here. Every field
 * is copied out of `bytes`; on a parse error the keys read so far are wiped.
 */
export function deserializeSession(bytes: Uint8Array): Session {
  return readSession(new Reader(bytes, 'session'));
}

function readSession(r: Reader): Session {
  if (r.u8() !== SESSION_FORMAT) throw new InvalidFrameError('session: unknown format');
  const role = r.u8();
  if (role !== SESSION_ROLE.initiator && role !== SESSION_ROLE.responder) throw new InvalidFrameError('session: bad role');
  const ad = r.copy(32);
  const peer = { identityKey: adoptIdentityPublicKey(r.copy(32)), dhKey: adoptDhPublicKey(r.copy(32)), dhSignature: adoptSignature(r.copy(64)) };
  let pendingPrekey: PrekeyPart | null = null;
  if (presence(r)) {
    pendingPrekey = {
      invitationId: r.copy(INVITATION_ID_BYTES),
      ephemeral: dhPublicKey(r.raw(32)),
      kemCiphertext: kemCiphertext(r.raw(XWING_CIPHERTEXT_BYTES)),
      sealedIdentity: Buffer.from(r.bytes16(MAX_SEALED_IDENTITY_BYTES)),
    };
  }
  const handshakeTag = presence(r) ? r.copy(32) : null;
  const ratchet = deserializeRatchet(r);
  try {
    r.end();
  } catch (e) {
    wipeRatchet(ratchet);
    throw e;
  }
  return { role, ad, peer, pendingPrekey, handshakeTag, ratchet };
}

/** Wipes every secret the session holds; use when a session is discarded. */
export function wipeSession(s: Session): void {
  wipeRatchet(s.ratchet);
}
