/**
 * A one-to-one session: the ratchet plus what the handshake bound it to (both identities as
 * associated data, the peer's identity, and the prekey part the initiator repeats until the
 * inviter replies). Versioned binary serialization for the store.
 */
import { dhPublicKey, identityPublicKey, kemCiphertext, signature, XWING_CIPHERTEXT_BYTES } from '../crypto/index.js';
import { Reader } from './codec/reader.js';
import { Writer } from './codec/writer.js';
import { InvalidFrameError } from './errors.js';
import { MAX_SEALED_IDENTITY_BYTES, type PrekeyPart } from './envelope.js';
import { encodePublicIdentity, type PublicIdentity } from './identity.js';
import { INVITATION_ID_BYTES } from './invitation.js';
import { deserializeRatchet, retire, serializeRatchet, type RatchetState } from './ratchet/state.js';

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

export function serializeSession(s: Session): Buffer {
  const w = new Writer().u8(SESSION_FORMAT).u8(s.role).raw(s.ad).raw(encodePublicIdentity(s.peer));
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
 * authenticates them, so the peer identity's signature is not verified again here.
 */
export function deserializeSession(bytes: Uint8Array): Session {
  const r = new Reader(bytes, 'session');
  if (r.u8() !== SESSION_FORMAT) throw new InvalidFrameError('session: unknown format');
  const role = r.u8();
  if (role !== SESSION_ROLE.initiator && role !== SESSION_ROLE.responder) throw new InvalidFrameError('session: bad role');
  const ad = Buffer.from(r.raw(32));
  const peer = { identityKey: identityPublicKey(r.raw(32)), dhKey: dhPublicKey(r.raw(32)), dhSignature: signature(r.raw(64)) };
  let pendingPrekey: PrekeyPart | null = null;
  if (presence(r)) {
    pendingPrekey = {
      invitationId: Buffer.from(r.raw(INVITATION_ID_BYTES)),
      ephemeral: dhPublicKey(r.raw(32)),
      kemCiphertext: kemCiphertext(r.raw(XWING_CIPHERTEXT_BYTES)),
      sealedIdentity: Buffer.from(r.bytes16(MAX_SEALED_IDENTITY_BYTES)),
    };
  }
  const handshakeTag = presence(r) ? Buffer.from(r.raw(32)) : null;
  const ratchet = deserializeRatchet(r);
  r.end();
  return { role, ad, peer, pendingPrekey, handshakeTag, ratchet };
}

/** Wipes every secret the session holds; use when a session is discarded. */
export function wipeSession(s: Session): void {
  retire(s.ratchet, null);
}
