/**
 * A one-to-one session: the ratchet plus what the handshake bound it to (both identities as
 * associated data, the peer's identity, and the prekey part the initiator repeats until the
 * inviter replies). Versioned binary serialization for the store.
 */
import { adoptDhPublicKey, adoptIdentityPublicKey, adoptKemCiphertext, adoptSignature, wipe, XWING_CIPHERTEXT_BYTES } from '../crypto/index.js';
import { Reader } from './codec/reader.js';
import { Slab } from './codec/slab.js';
import { Writer } from './codec/writer.js';
import { InvalidFrameError } from './errors.js';
import { MAX_SEALED_IDENTITY_BYTES } from './envelope.js';
import { PUBLIC_IDENTITY_BYTES } from './identity.js';
import { INVITATION_ID_BYTES } from './invitation.js';
import { deserializeRatchet, serializedRatchetBytes, serializeRatchet, wipeRatchet } from './ratchet/state.js';
export const SESSION_ROLE = { initiator: 1, responder: 2 };
const SESSION_FORMAT = 1;
function presence(r) {
    const flag = r.u8();
    if (flag > 1)
        throw new InvalidFrameError('session: bad presence flag');
    return flag === 1;
}
function prekeyPartBytes(p) {
    return p ? INVITATION_ID_BYTES + 32 + XWING_CIPHERTEXT_BYTES + 2 + p.sealedIdentity.length : 0;
}
// Saved states handed to the store, and private copies of loaded ones: two slabs, so the caller's
// buffers never share memory with the keys of a live session.
const savedSlab = new Slab();
const loadedSlab = new Slab();
/** The session as bytes for the store (a view into a slab shared only with other saved sessions). */
export function serializeSession(s) {
    const size = 2 + 32 + PUBLIC_IDENTITY_BYTES + 1 + prekeyPartBytes(s.pendingPrekey) + 1 + (s.handshakeTag ? 32 : 0) + serializedRatchetBytes(s.ratchet);
    const w = new Writer(savedSlab.take(size)).u8(SESSION_FORMAT).u8(s.role).raw(s.ad).raw(s.peer.identityKey).raw(s.peer.dhKey).raw(s.peer.dhSignature);
    if (s.pendingPrekey) {
        const p = s.pendingPrekey;
        w.u8(1).raw(p.invitationId).raw(p.ephemeral).raw(p.kemCiphertext).bytes16(p.sealedIdentity);
    }
    else
        w.u8(0);
    if (s.handshakeTag)
        w.u8(1).raw(s.handshakeTag);
    else
        w.u8(0);
    serializeRatchet(s.ratchet, w);
    return w.finish();
}
/**
 * Restores a session saved by `serializeSession`. The bytes come from our own store, which
 * authenticates them, so the peer identity's signature is not verified again here. The input is
 * copied once into private memory and every field is a view into that copy (one copy instead of
 * one allocation per key); on a parse error the whole copy is wiped and nothing is returned.
 */
export function deserializeSession(bytes) {
    const own = loadedSlab.take(bytes.length);
    own.set(bytes);
    try {
        return readSession(new Reader(own, 'session'));
    }
    catch (e) {
        wipe(own);
        throw e;
    }
}
function readSession(r) {
    if (r.u8() !== SESSION_FORMAT)
        throw new InvalidFrameError('session: unknown format');
    const role = r.u8();
    if (role !== SESSION_ROLE.initiator && role !== SESSION_ROLE.responder)
        throw new InvalidFrameError('session: bad role');
    const ad = r.raw(32);
    const peer = { identityKey: adoptIdentityPublicKey(r.raw(32)), dhKey: adoptDhPublicKey(r.raw(32)), dhSignature: adoptSignature(r.raw(64)) };
    let pendingPrekey = null;
    if (presence(r)) {
        pendingPrekey = {
            invitationId: r.raw(INVITATION_ID_BYTES),
            ephemeral: adoptDhPublicKey(r.raw(32)),
            kemCiphertext: adoptKemCiphertext(r.raw(XWING_CIPHERTEXT_BYTES)),
            sealedIdentity: r.bytes16(MAX_SEALED_IDENTITY_BYTES),
        };
    }
    const handshakeTag = presence(r) ? r.raw(32) : null;
    const ratchet = deserializeRatchet(r);
    r.end();
    return { role, ad, peer, pendingPrekey, handshakeTag, ratchet };
}
/** Wipes every secret the session holds; use when a session is discarded. */
export function wipeSession(s) {
    wipeRatchet(s.ratchet);
}
//# sourceMappingURL=session.js.map