/**
 * Sending and receiving on an established session (Saltline protocol §3 and §5): padding, the
 * header-encrypted ratchet, and the envelope format. Both functions consume the input session on
 * success (its spent secrets are wiped) and leave it untouched on any error.
 */
import { bytesEqual } from '../crypto/index.js';
import { InvitationUsedError, InvalidFrameError } from './errors.js';
import { envelopeFrame, envelopeOverhead, parseEnvelope, prekeyTag } from './envelope.js';
import { maxContentBytes, paddedLength, padInto, unpad } from './padding.js';
import { ratchetDecrypt, ratchetEncryptInto } from './ratchet/ratchet.js';
import { SESSION_ROLE } from './session.js';
/** The largest plaintext `encryptMessage` accepts on this session right now. */
export function maxPlaintextBytes(session) {
    return maxContentBytes(envelopeOverhead(session.pendingPrekey));
}
/** Builds the envelope in one buffer: the plaintext is padded into its body and encrypted in place. */
export function encryptMessage(session, plaintext, deps) {
    const overhead = envelopeOverhead(session.pendingPrekey);
    const padded = paddedLength(plaintext.length, overhead);
    const frame = envelopeFrame(session.pendingPrekey, padded + overhead);
    padInto(frame.body.subarray(0, padded), plaintext);
    const ratchet = ratchetEncryptInto(session.ratchet, frame.header, frame.body, session.ad, deps.rng);
    return { state: { ...session, ratchet }, envelope: frame.bytes };
}
/** Decrypts an already parsed envelope; shared with the handshake's first message. */
export function decryptEnvelope(session, envelope, deps) {
    let content;
    const { state: ratchet } = ratchetDecrypt(session.ratchet, envelope.header, envelope.body, session.ad, deps.rng, (p) => {
        content = unpad(p);
    });
    if (!content)
        throw new InvalidFrameError('empty message');
    // A reply from the inviter proves it holds the session: stop repeating the prekey part.
    return { state: { ...session, ratchet, pendingPrekey: null }, plaintext: content };
}
export function decryptMessage(session, envelopeBytes, deps) {
    const envelope = parseEnvelope(envelopeBytes);
    if (envelope.prekey) {
        if (session.role !== SESSION_ROLE.responder || !session.handshakeTag || !bytesEqual(prekeyTag(envelope.prekey), session.handshakeTag)) {
            throw new InvitationUsedError('prekey message does not belong to this session');
        }
    }
    return decryptEnvelope(session, envelope, deps);
}
//# sourceMappingURL=messages.js.map