/**
 * SECURITY-TESTS #10 (vodozemac 2026 identity-point bug, Wycheproof x25519): low-order, identity
 * or all-zero public keys anywhere a peer supplies one — invitation prekey, inviter identity,
 * handshake ephemeral key, sealed initiator identity, ratchet key in a header — abort with a
 * typed error and change no state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dhPublicKey, identityPublicKey, sign, WeakKeyError } from '../../src/crypto/index.js';
import { acceptInvitation, decodeInvitation, decodePublicIdentity, encodePublicIdentity, invitationFromLink, INVITATION_LINK_PREFIX, respondToInvitation, serializeIdentity, serializeInvitationSecrets, } from '../../src/protocol/index.js';
import { LABELS } from '../../src/protocol/labels.js';
import { envelopeWithHeader, identityWithDhKey, signedInvitation } from '../helpers/craft.js';
import { connect, expectPartyRejects, expectRejected, invite, Party, text } from '../helpers/harness.js';
import { trackSecrets } from '../helpers/secrets.js';
import { SMALL_ORDER_ED25519_KEYS, WEAK_X25519_KEYS } from '../helpers/weakKeys.js';
test('#10 a weak one-time prekey in a (properly signed) invitation is rejected by decodeInvitation and invitationFromLink', async () => {
    const { aliceId, invitation } = await invite('#10 weak prekey decode');
    for (const { name, bytes } of WEAK_X25519_KEYS) {
        const encoded = signedInvitation(aliceId, { ...invitation, prekey: dhPublicKey(bytes) });
        assert.throws(() => decodeInvitation(encoded), WeakKeyError, name);
        assert.throws(() => invitationFromLink(INVITATION_LINK_PREFIX + encoded.toString('base64url')), WeakKeyError, name);
    }
});
test('#10 acceptInvitation refuses a weak prekey even when handed an unchecked invitation object', async () => {
    const { bobId, invitation, rng } = await invite('#10 weak prekey accept');
    for (const { bytes } of WEAK_X25519_KEYS) {
        const bad = { ...invitation, prekey: dhPublicKey(bytes) };
        expectRejected(() => serializeIdentity(bobId), () => acceptInvitation(bobId, bad, { address: text('b'), rng }), WeakKeyError);
    }
    // And a weak identity DH key of the inviter.
    for (const { bytes } of WEAK_X25519_KEYS) {
        const bad = { ...invitation, inviter: { ...invitation.inviter, dhKey: dhPublicKey(bytes) } };
        expectRejected(() => serializeIdentity(bobId), () => acceptInvitation(bobId, bad, { address: text('b'), rng }), WeakKeyError);
    }
});
test('#10 an invitation whose inviter identity has a weak (validly signed) DH key or a small-order identity key is rejected', async () => {
    const { aliceId, invitation } = await invite('#10 weak inviter identity');
    for (const { name, bytes } of WEAK_X25519_KEYS) {
        const weakAlice = identityWithDhKey(aliceId, bytes);
        const encoded = signedInvitation(aliceId, { ...invitation, inviter: weakAlice.publicIdentity });
        assert.throws(() => decodeInvitation(encoded), WeakKeyError, name);
    }
    for (const { name, bytes } of SMALL_ORDER_ED25519_KEYS) {
        const inviter = { ...invitation.inviter, identityKey: identityPublicKey(bytes) };
        const encoded = signedInvitation(aliceId, { ...invitation, inviter });
        assert.throws(() => decodeInvitation(encoded), WeakKeyError, name);
    }
});
test('#10 decodePublicIdentity rejects weak DH keys and small-order identity keys', async () => {
    const { aliceId } = await invite('#10 public identity');
    for (const { name, bytes } of WEAK_X25519_KEYS) {
        assert.throws(() => decodePublicIdentity(encodePublicIdentity(identityWithDhKey(aliceId, bytes).publicIdentity)), WeakKeyError, name);
    }
    for (const { name, bytes } of SMALL_ORDER_ED25519_KEYS) {
        const forged = { ...aliceId.publicIdentity, identityKey: identityPublicKey(bytes) };
        assert.throws(() => decodePublicIdentity(encodePublicIdentity(forged)), WeakKeyError, name);
    }
});
test('#10 a weak ephemeral key in the handshake envelope is rejected by respondToInvitation; secrets untouched', async () => {
    const { aliceId, secrets, bob, rng } = await invite('#10 weak ephemeral');
    const genuine = bob.send('hello');
    for (const { name, bytes } of WEAK_X25519_KEYS) {
        const bad = Buffer.from(genuine);
        bytes.copy(bad, 2 + 16); // version ‖ type ‖ invitation id ‖ ephemeral key
        const err = expectRejected(() => serializeInvitationSecrets(secrets), () => respondToInvitation(aliceId, secrets, bad, { rng }), WeakKeyError);
        assert.ok(err, name);
    }
    assert.equal(respondToInvitation(aliceId, secrets, genuine, { rng }).plaintext.toString(), 'hello');
});
test('#10 a weak DH key or a small-order identity key inside the sealed initiator identity is rejected', async () => {
    for (const { name, bytes } of WEAK_X25519_KEYS.slice(0, 4)) {
        const { aliceId, bobId, invitation, secrets, rng } = await invite(`#10 sealed weak ${name}`);
        // Bob's DH1 still uses his real secret key; only the identity he presents is weak.
        const weakBob = identityWithDhKey(bobId, bytes);
        const bob = new Party(acceptInvitation(weakBob, invitation, { address: text('b'), rng }), rng);
        const envelope = bob.send('hello');
        expectRejected(() => serializeInvitationSecrets(secrets), () => respondToInvitation(aliceId, secrets, envelope, { rng }), WeakKeyError);
    }
    const { aliceId, bobId, invitation, secrets, rng } = await invite('#10 sealed small-order identity');
    const smallOrder = identityPublicKey(SMALL_ORDER_ED25519_KEYS[0].bytes);
    const forged = { ...bobId, publicIdentity: { ...bobId.publicIdentity, identityKey: smallOrder } };
    const bob = new Party(acceptInvitation(forged, invitation, { address: text('b'), rng }), rng);
    expectRejected(() => serializeInvitationSecrets(secrets), () => respondToInvitation(aliceId, secrets, bob.send('hello'), { rng }), WeakKeyError);
});
test('#10 a weak ratchet key in a message header is rejected before any key is derived; state unchanged', async () => {
    const { alice, bob, rng } = await connect('#10 weak ratchet key');
    // A new ratchet key is only read on a DH step: seal the header with Bob's next header key.
    const nhks = alice.session.ratchet.nhks;
    for (const { name, bytes } of WEAK_X25519_KEYS) {
        const envelope = envelopeWithHeader(nhks, { dh: dhPublicKey(bytes), pn: 0, n: 0 }, rng);
        const { created } = trackSecrets(() => expectPartyRejects(bob, envelope, WeakKeyError));
        assert.deepEqual(created.map((s) => s.role), [], name);
    }
    assert.equal(bob.receiveText(alice.send('still fine')), 'still fine');
    assert.equal(alice.receiveText(bob.send('and back')), 'and back');
});
test('#10 signing a weak key does not make it acceptable (signature checked after the key)', async () => {
    const { aliceId } = await invite('#10 signed weak');
    const zero = Buffer.alloc(32);
    const sig = sign(aliceId.signing.secretKey, Buffer.concat([LABELS.identityDh, zero]));
    const bytes = Buffer.concat([aliceId.publicIdentity.identityKey, zero, sig]);
    assert.throws(() => decodePublicIdentity(bytes), WeakKeyError);
});
//# sourceMappingURL=weakKeys.test.js.map