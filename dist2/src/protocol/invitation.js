/**
 * Invitations (Saltline protocol §2): how a contact is made with no directory server. The
 * inviter shares a link (or its QR code) carrying its public identity, a one-time X25519 prekey,
 * a one-time X-Wing public key and its opaque delivery address, all signed by its identity key.
 * The one-time secrets stay with the inviter and are deleted when the invitation is used.
 */
import { assertSignature, assertStrongDhPublicKey, dhPublicFromSecret, dhSecretKey, fromBase64Url, generateDhKeyPair, generateKemKeyPair, kemKeyPairFromSecret, kemPublicKey, kemSecretKey, sign, signature, toBase64Url, dhPublicKey, XWING_PUBLIC_BYTES, } from '../crypto/index.js';
import { Reader } from './codec/reader.js';
import { Writer } from './codec/writer.js';
import { InvalidFrameError } from './errors.js';
import { decodePublicIdentity, encodePublicIdentity, PUBLIC_IDENTITY_BYTES } from './identity.js';
import { LABELS } from './labels.js';
import { MAX_ADDRESS_BYTES } from './limits.js';
export const INVITATION_VERSION = 1;
export const INVITATION_ID_BYTES = 16;
export const INVITATION_LINK_PREFIX = 'saltline:';
const SECRETS_FORMAT = 1;
const MAX_LINK_CHARS = 4096;
function signedPart(i) {
    return new Writer()
        .u8(INVITATION_VERSION)
        .raw(i.invitationId)
        .raw(encodePublicIdentity(i.inviter))
        .raw(i.prekey)
        .raw(i.kemKey)
        .bytes16(i.address)
        .finish();
}
export function createInvitation(identity, deps) {
    if (deps.address.length > MAX_ADDRESS_BYTES)
        throw new InvalidFrameError('address too long');
    const invitationId = deps.rng(INVITATION_ID_BYTES);
    const prekey = generateDhKeyPair(deps.rng);
    const kem = generateKemKeyPair(deps.rng);
    const unsigned = { invitationId, inviter: identity.publicIdentity, prekey: prekey.publicKey, kemKey: kem.publicKey, address: Buffer.from(deps.address) };
    const sig = sign(identity.signing.secretKey, Buffer.concat([LABELS.invitation, signedPart(unsigned)]));
    return { invitation: { ...unsigned, signature: sig }, secrets: { invitationId, prekey, kem } };
}
export function encodeInvitation(i) {
    return Buffer.concat([signedPart(i), i.signature]);
}
/** Parses and verifies an invitation; any defect is an `InvalidFrameError` or a signature/key error. */
export function decodeInvitation(bytes) {
    const r = new Reader(bytes, 'invitation');
    if (r.u8() !== INVITATION_VERSION)
        throw new InvalidFrameError('invitation: unsupported version');
    const invitationId = Buffer.from(r.raw(INVITATION_ID_BYTES));
    const inviter = decodePublicIdentity(r.raw(PUBLIC_IDENTITY_BYTES));
    const prekey = dhPublicKey(r.raw(32));
    const kemKey = kemPublicKey(r.raw(XWING_PUBLIC_BYTES));
    const address = Buffer.from(r.bytes16(MAX_ADDRESS_BYTES));
    const sig = signature(r.raw(64));
    r.end();
    assertStrongDhPublicKey(prekey);
    const invitation = { invitationId, inviter, prekey, kemKey, address, signature: sig };
    assertSignature(inviter.identityKey, Buffer.concat([LABELS.invitation, signedPart(invitation)]), sig, 'invitation signature');
    return invitation;
}
export function invitationToLink(i) {
    return INVITATION_LINK_PREFIX + toBase64Url(encodeInvitation(i));
}
export function invitationFromLink(link) {
    const trimmed = link.trim();
    if (trimmed.length > MAX_LINK_CHARS || !trimmed.startsWith(INVITATION_LINK_PREFIX)) {
        throw new InvalidFrameError('not a Saltline invitation link');
    }
    const bytes = fromBase64Url(trimmed.slice(INVITATION_LINK_PREFIX.length));
    if (!bytes)
        throw new InvalidFrameError('invitation link is not valid base64url');
    return decodeInvitation(bytes);
}
export function serializeInvitationSecrets(s) {
    return new Writer().u8(SECRETS_FORMAT).raw(s.invitationId).raw(s.prekey.secretKey.expose()).raw(s.kem.secretKey.expose()).finish();
}
export function deserializeInvitationSecrets(bytes) {
    const r = new Reader(bytes, 'invitation secrets');
    if (r.u8() !== SECRETS_FORMAT)
        throw new InvalidFrameError('invitation secrets: unknown format');
    const invitationId = Buffer.from(r.raw(INVITATION_ID_BYTES));
    const prekeySecret = dhSecretKey(r.raw(32));
    const kemSecret = kemSecretKey(r.raw(32));
    r.end();
    return {
        invitationId,
        prekey: { publicKey: dhPublicFromSecret(prekeySecret), secretKey: prekeySecret },
        kem: kemKeyPairFromSecret(kemSecret),
    };
}
export function wipeInvitationSecrets(s) {
    s.prekey.secretKey.wipe();
    s.kem.secretKey.wipe();
}
//# sourceMappingURL=invitation.js.map