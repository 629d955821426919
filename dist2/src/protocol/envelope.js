/**
 * The envelope wire format (Saltline protocol §5). Versioned, strictly parsed, one of a few fixed
 * sizes. Layout (big-endian):
 *
 *   u8 version = 1 ‖ u8 type
 *   type 2 (prekey) only: invitation id (16) ‖ ephemeral X25519 key (32) ‖ X-Wing ciphertext (1120)
 *                         ‖ u16 length ‖ sealed initiator identity and address
 *   encrypted header (80) ‖ body ciphertext (padded plaintext + 16-byte tag)
 *
 * The initiator keeps sending type 2 until it has received a reply, so the inviter can finish the
 * handshake from whichever of those messages arrives first.
 */
import { AEAD_TAG_BYTES, dhPublicKey, sha256, kemCiphertext, XWING_CIPHERTEXT_BYTES } from '../crypto/index.js';
import { Reader } from './codec/reader.js';
import { Writer } from './codec/writer.js';
import { InvalidFrameError } from './errors.js';
import { INVITATION_ID_BYTES } from './invitation.js';
import { ENVELOPE_BUCKETS, MAX_ENVELOPE_BYTES } from './limits.js';
import { ENCRYPTED_HEADER_BYTES } from './ratchet/header.js';
export const ENVELOPE_VERSION = 1;
export const ENVELOPE_TYPE = { message: 1, prekey: 2 };
/** Sealed identity: nonce (24) + public identity (128) + u16 address length + address + tag (16). */
export const MAX_SEALED_IDENTITY_BYTES = 24 + 128 + 2 + 1024 + 16;
/** Identifies one handshake: a hash over the whole prekey part, so no byte of a repeat can change. */
export function prekeyTag(p) {
    return sha256(p.invitationId, p.ephemeral, p.kemCiphertext, p.sealedIdentity);
}
function prekeyBytes(p) {
    return p ? INVITATION_ID_BYTES + 32 + XWING_CIPHERTEXT_BYTES + 2 + p.sealedIdentity.length : 0;
}
/** Bytes the envelope adds around the padded plaintext. */
export function envelopeOverhead(prekey) {
    return 2 + prekeyBytes(prekey) + ENCRYPTED_HEADER_BYTES + AEAD_TAG_BYTES;
}
export function envelopeFrame(prekey, size) {
    if (!ENVELOPE_BUCKETS.includes(size))
        throw new InvalidFrameError('envelope is not padded to a bucket size');
    const bodyStart = 2 + prekeyBytes(prekey) + ENCRYPTED_HEADER_BYTES;
    if (size < bodyStart + AEAD_TAG_BYTES + 1)
        throw new InvalidFrameError('envelope: body too short');
    // Pooled (a separate native allocation per envelope would cost more than its header
    // encryption) and zeroed here, so no stale pool bytes can reach the wire.
    const bytes = Buffer.allocUnsafe(size).fill(0);
    bytes[0] = ENVELOPE_VERSION;
    bytes[1] = prekey ? ENVELOPE_TYPE.prekey : ENVELOPE_TYPE.message;
    if (prekey) {
        const part = new Writer(prekeyBytes(prekey)).raw(prekey.invitationId).raw(prekey.ephemeral).raw(prekey.kemCiphertext).bytes16(prekey.sealedIdentity);
        part.finish().copy(bytes, 2);
    }
    return { bytes, header: bytes.subarray(bodyStart - ENCRYPTED_HEADER_BYTES, bodyStart), body: bytes.subarray(bodyStart) };
}
export function encodeEnvelope(e) {
    if ((e.type === ENVELOPE_TYPE.prekey) !== (e.prekey !== null))
        throw new InvalidFrameError('envelope: type does not match the prekey part');
    if (e.header.length !== ENCRYPTED_HEADER_BYTES)
        throw new InvalidFrameError('envelope: header must be 80 bytes');
    const frame = envelopeFrame(e.prekey, envelopeOverhead(e.prekey) - AEAD_TAG_BYTES + e.body.length);
    frame.header.set(e.header);
    frame.body.set(e.body);
    return frame.bytes;
}
export function parseEnvelope(bytes) {
    if (bytes.length > MAX_ENVELOPE_BYTES)
        throw new InvalidFrameError('envelope larger than the maximum');
    if (!ENVELOPE_BUCKETS.includes(bytes.length))
        throw new InvalidFrameError('envelope size is not a bucket size');
    const r = new Reader(bytes, 'envelope');
    if (r.u8() !== ENVELOPE_VERSION)
        throw new InvalidFrameError('envelope: unsupported version');
    const type = r.u8();
    let prekey = null;
    if (type === ENVELOPE_TYPE.prekey) {
        prekey = {
            invitationId: Buffer.from(r.raw(INVITATION_ID_BYTES)),
            ephemeral: dhPublicKey(r.raw(32)),
            kemCiphertext: kemCiphertext(r.raw(XWING_CIPHERTEXT_BYTES)),
            sealedIdentity: Buffer.from(r.bytes16(MAX_SEALED_IDENTITY_BYTES)),
        };
    }
    else if (type !== ENVELOPE_TYPE.message) {
        throw new InvalidFrameError('envelope: unknown type');
    }
    const header = r.raw(ENCRYPTED_HEADER_BYTES);
    const body = r.rest();
    if (body.length < AEAD_TAG_BYTES + 1)
        throw new InvalidFrameError('envelope: body too short');
    return { type, prekey, header, body };
}
//# sourceMappingURL=envelope.js.map