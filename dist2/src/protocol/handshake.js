/**
 * The invitation handshake (Saltline protocol §2): X3DH adapted to one-time invitations, hybrid
 * with X-Wing. The invitee (initiator) with identity IK_B and ephemeral EK_B, against the
 * inviter's identity DH key IK_A, one-time prekey OPK_A and one-time X-Wing key:
 *
 *   DH1 = DH(IK_B, OPK_A)   DH2 = DH(EK_B, IK_A)   DH3 = DH(EK_B, OPK_A)   (ct, ss) = Encaps(KEM_A)
 *   SK ‖ HK_A ‖ NHK_B = HKDF-SHA256(salt = 0³², ikm = 0xFF³² ‖ DH1 ‖ DH2 ‖ DH3 ‖ ss,
 *                                   info = "Saltline/v1/x3dh-xwing" ‖ SHA-256(transcript), 96)
 *
 * The KDF over every DH output and the KEM secret, with its own label, is what Trail of Bits
 * found missing in SimpleX's X3DH (2022). The initiator's identity and address travel sealed
 * under a key from DH3 and ss only, so the relay never sees who is connecting. The inviter's
 * prekey becomes its first ratchet key (RatchetInitBob), the initiator sends first
 * (RatchetInitAlice), and AD = SHA-256(label ‖ IK_B ‖ IK_A) binds every message to both identities.
 */
import { aeadOpen, aeadSeal, bytesEqual, dh, generateDhKeyPair, hkdf, kemDecapsulate, kemEncapsulate, Secret, sha256, wipe, } from '../crypto/index.js';
import { Reader } from './codec/reader.js';
import { Writer } from './codec/writer.js';
import { InvalidFrameError, InvitationUsedError, SessionStateError } from './errors.js';
import { ENVELOPE_TYPE, parseEnvelope, prekeyTag } from './envelope.js';
import { decodePublicIdentity, encodePublicIdentity, PUBLIC_IDENTITY_BYTES } from './identity.js';
import { LABELS } from './labels.js';
import { MAX_ADDRESS_BYTES } from './limits.js';
import { decryptEnvelope } from './messages.js';
import { initReceiver, initSender } from './ratchet/ratchet.js';
import { SESSION_ROLE } from './session.js';
const ZERO_SALT = Buffer.alloc(32);
const X3DH_PREFIX = Buffer.alloc(32, 0xff);
function transcriptHash(t) {
    return sha256(t.invitationId, encodePublicIdentity(t.inviter), t.prekey, t.kemKey, encodePublicIdentity(t.initiator), t.ephemeral, t.kemCiphertext);
}
export function deriveHandshakeKeys(dh1, dh2, dh3, kemSecret, t) {
    const ikm = Buffer.concat([X3DH_PREFIX, dh1.expose(), dh2.expose(), dh3.expose(), kemSecret.expose()]);
    const out = hkdf(ZERO_SALT, ikm, Buffer.concat([LABELS.handshake, transcriptHash(t)]), 96);
    wipe(ikm);
    const keys = {
        rootKey: Secret.copyOf('RootKey', 32, out.subarray(0, 32)),
        headerKeyInitiator: Secret.copyOf('HeaderKey', 32, out.subarray(32, 64)),
        nextHeaderKeyResponder: Secret.copyOf('HeaderKey', 32, out.subarray(64, 96)),
        ad: sha256(LABELS.sessionAd, encodePublicIdentity(t.initiator), encodePublicIdentity(t.inviter)),
    };
    wipe(out);
    return keys;
}
function sealKey(dh3, kemSecret, invitationId, ephemeral, ct) {
    const ikm = Buffer.concat([dh3.expose(), kemSecret.expose()]);
    const key = hkdf(ZERO_SALT, ikm, Buffer.concat([LABELS.initiatorSeal, invitationId, ephemeral, ct]), 32);
    wipe(ikm);
    return Secret.adopt('SymmetricKey', 32, key);
}
/**
 * The invitee's side: returns a session ready to send. Its first messages carry the prekey part,
 * which includes `deps.address` (where the inviter should reply), sealed.
 */
export function acceptInvitation(identity, invitation, deps) {
    if (deps.address.length > MAX_ADDRESS_BYTES)
        throw new InvalidFrameError('address too long');
    if (bytesEqual(invitation.inviter.identityKey, identity.publicIdentity.identityKey)) {
        throw new SessionStateError('cannot accept your own invitation');
    }
    const ephemeral = generateDhKeyPair(deps.rng);
    const created = [ephemeral.secretKey];
    const track = (s) => {
        created.push(s);
        return s;
    };
    try {
        return initiate(identity, invitation, deps, ephemeral, track);
    }
    catch (e) {
        for (const s of created)
            s.wipe();
        throw e;
    }
}
function initiate(identity, invitation, deps, ephemeral, track) {
    const dh1 = track(dh(identity.dh.secretKey, invitation.prekey));
    const dh2 = track(dh(ephemeral.secretKey, invitation.inviter.dhKey));
    const dh3 = track(dh(ephemeral.secretKey, invitation.prekey));
    const { ciphertext, sharedSecret } = kemEncapsulate(invitation.kemKey, deps.rng);
    track(sharedSecret);
    const seal = track(sealKey(dh3, sharedSecret, invitation.invitationId, ephemeral.publicKey, ciphertext));
    const sealedPlain = new Writer().raw(encodePublicIdentity(identity.publicIdentity)).bytes16(deps.address).finish();
    const sealedIdentity = aeadSeal(seal, sealedPlain, Buffer.concat([invitation.invitationId, ephemeral.publicKey]), deps.rng);
    const keys = deriveHandshakeKeys(dh1, dh2, dh3, sharedSecret, {
        invitationId: invitation.invitationId,
        inviter: invitation.inviter,
        prekey: invitation.prekey,
        kemKey: invitation.kemKey,
        initiator: identity.publicIdentity,
        ephemeral: ephemeral.publicKey,
        kemCiphertext: ciphertext,
    });
    for (const s of [dh1, dh2, dh3, sharedSecret, seal, ephemeral.secretKey])
        s.wipe();
    const ratchet = initSender(keys.rootKey, invitation.prekey, keys.headerKeyInitiator, keys.nextHeaderKeyResponder, deps.rng);
    const pendingPrekey = { invitationId: Buffer.from(invitation.invitationId), ephemeral: ephemeral.publicKey, kemCiphertext: ciphertext, sealedIdentity };
    return { role: SESSION_ROLE.initiator, ad: keys.ad, peer: invitation.inviter, pendingPrekey, handshakeTag: null, ratchet };
}
/**
 * The inviter's side, on the first envelope for one of its invitations. Consumes `secrets` on
 * success (the one-time prekey becomes the first ratchet key and is wiped at the first DH step;
 * the KEM secret is wiped): the caller must then delete the stored invitation, so a second use is
 * refused. On failure nothing is consumed.
 */
export function respondToInvitation(identity, secrets, envelopeBytes, deps) {
    const envelope = parseEnvelope(envelopeBytes);
    const p = envelope.prekey;
    if (envelope.type !== ENVELOPE_TYPE.prekey || !p)
        throw new SessionStateError('not a handshake message');
    if (!bytesEqual(p.invitationId, secrets.invitationId))
        throw new InvitationUsedError('handshake is for another invitation');
    if (secrets.prekey.secretKey.wiped || secrets.kem.secretKey.wiped)
        throw new InvitationUsedError();
    const created = [];
    try {
        const dh3 = dh(secrets.prekey.secretKey, p.ephemeral);
        const kemSecret = kemDecapsulate(secrets.kem.secretKey, p.kemCiphertext);
        created.push(dh3, kemSecret);
        const seal = sealKey(dh3, kemSecret, p.invitationId, p.ephemeral, p.kemCiphertext);
        created.push(seal);
        const opened = aeadOpen(seal, p.sealedIdentity, Buffer.concat([p.invitationId, p.ephemeral]));
        const r = new Reader(opened, 'sealed identity');
        const peer = decodePublicIdentity(r.raw(PUBLIC_IDENTITY_BYTES));
        const peerAddress = Buffer.from(r.bytes16(MAX_ADDRESS_BYTES));
        r.end();
        wipe(opened);
        if (bytesEqual(peer.identityKey, identity.publicIdentity.identityKey))
            throw new SessionStateError('handshake from our own identity');
        const dh1 = dh(secrets.prekey.secretKey, peer.dhKey);
        const dh2 = dh(identity.dh.secretKey, p.ephemeral);
        created.push(dh1, dh2);
        const keys = deriveHandshakeKeys(dh1, dh2, dh3, kemSecret, {
            invitationId: p.invitationId,
            inviter: identity.publicIdentity,
            prekey: secrets.prekey.publicKey,
            kemKey: secrets.kem.publicKey,
            initiator: peer,
            ephemeral: p.ephemeral,
            kemCiphertext: p.kemCiphertext,
        });
        created.push(keys.rootKey, keys.headerKeyInitiator, keys.nextHeaderKeyResponder);
        const ratchet = initReceiver(keys.rootKey, secrets.prekey, keys.headerKeyInitiator, keys.nextHeaderKeyResponder);
        const session = {
            role: SESSION_ROLE.responder,
            ad: keys.ad,
            peer,
            pendingPrekey: null,
            handshakeTag: prekeyTag(p),
            ratchet,
        };
        const { state, plaintext } = decryptEnvelope(session, envelope, deps);
        for (const s of [dh1, dh2, dh3, kemSecret, seal])
            s.wipe();
        secrets.kem.secretKey.wipe();
        return { state, plaintext, peer, peerAddress };
    }
    catch (e) {
        // The prekey secret belongs to `secrets` until success; everything derived here is wiped.
        for (const s of created)
            s.wipe();
        throw e;
    }
}
//# sourceMappingURL=handshake.js.map