/**
 * Sending and receiving on an established session (Saltline protocol §3 and §5): padding, the
 * header-encrypted ratchet, and the envelope format. Both functions consume the input session on
 * success (its spent secrets are wiped) and leave it untouched on any error.
 */
import { bytesEqual, type Rng } from '../crypto/index.js';
import { InvitationUsedError, InvalidFrameError } from './errors.js';
import { envelopeFrame, envelopeOverhead, parseEnvelope, prekeyTag, type Envelope } from './envelope.js';
import { maxContentBytes, paddedLength, padInto, unpad } from './padding.js';
import { ratchetDecrypt, ratchetEncryptInto } from './ratchet/ratchet.js';
import { SESSION_ROLE, type Session } from './session.js';

export interface Deps {
  readonly rng: Rng;
}

/** The largest plaintext `encryptMessage` accepts on this session right now. */
export function maxPlaintextBytes(session: Session): number {
  return maxContentBytes(envelopeOverhead(session.pendingPrekey));
}

/** Builds the envelope in one buffer: the plaintext is padded into its body and encrypted in place. */
export function encryptMessage(session: Session, plaintext: Uint8Array, deps: Deps): { state: Session; envelope: Buffer } {
  const overhead = envelopeOverhead(session.pendingPrekey);
  const padded = paddedLength(plaintext.length, overhead);
  const frame = envelopeFrame(session.pendingPrekey, padded + overhead);
  padInto(frame.body.subarray(0, padded), plaintext);
  const ratchet = ratchetEncryptInto(session.ratchet, frame.header, frame.body, session.ad, deps.rng);
  return { state: { ...session, ratchet }, envelope: frame.bytes };
}

/** Decrypts an already parsed envelope; shared with the handshake's first message. */
export function decryptEnvelope(session: Session, envelope: Envelope, deps: Deps): { state: Session; plaintext: Buffer } {
  let content: Buffer | undefined;
  const { state: ratchet } = ratchetDecrypt(session.ratchet, envelope.header, envelope.body, session.ad, deps.rng, (p) => {
    content = unpad(p);
  });
  if (!content) throw new InvalidFrameError('empty message');
  // A reply from the inviter proves it holds the session: stop repeating the prekey part.
  return { state: { ...session, ratchet, pendingPrekey: null }, plaintext: content };
}

export function decryptMessage(session: Session, envelopeBytes: Uint8Array, deps: Deps): { state: Session; plaintext: Buffer } {
  const envelope = parseEnvelope(envelopeBytes);
  if (envelope.prekey) {
    if (session.role !== SESSION_ROLE.responder || !session.handshakeTag || !bytesEqual(prekeyTag(envelope.prekey), session.handshakeTag)) {
      throw new InvitationUsedError('prekey message does not belong to this session');
    }
  }
  return decryptEnvelope(session, envelope, deps);
}
