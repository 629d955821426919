/**
 * SECURITY-TESTS #11 (Wycheproof ed25519) and the invitation rules of issue 2: forged or
 * malleated invitation signatures, strict link parsing, and single use.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SaltlineError, SignatureError } from '../../src/crypto/index.js';
import { acceptInvitation, createInvitation, decodeInvitation, deserializeInvitationSecrets, encodeInvitation, ENVELOPE_TYPE, InvalidFrameError, invitationFromLink, INVITATION_LINK_PREFIX, invitationToLink, InvitationUsedError, MAX_ADDRESS_BYTES, respondToInvitation, serializeIdentity, serializeInvitationSecrets, SessionStateError, } from '../../src/protocol/index.js';
import { signedInvitation } from '../helpers/craft.js';
import { connect, expectPartyRejects, expectRejected, invite, Party, text } from '../helpers/harness.js';
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
/** The signature with S replaced by S + L: same value mod L, non-canonical encoding. */
function malleate(sig) {
    const s = sig.subarray(32).reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n) + L;
    const out = Buffer.from(sig);
    for (let i = 0; i < 32; i++)
        out[32 + i] = Number((s >> BigInt(8 * i)) & 0xffn);
    return out;
}
test('#11 an invitation signature with a non-canonical S (S + L) is rejected', async () => {
    const { invitation } = await invite('#11 malleated invitation');
    const encoded = encodeInvitation(invitation);
    assert.doesNotThrow(() => decodeInvitation(encoded));
    const bad = Buffer.concat([encoded.subarray(0, -64), malleate(encoded.subarray(-64))]);
    assert.throws(() => decodeInvitation(bad), SignatureError);
    assert.throws(() => invitationFromLink(INVITATION_LINK_PREFIX + bad.toString('base64url')), SignatureError);
});
test('#11 an invitation signed by someone other than the inviter it names is rejected', async () => {
    const { bobId, invitation } = await invite('#11 forged invitation');
    assert.throws(() => decodeInvitation(signedInvitation(bobId, invitation)), SignatureError);
});
test('#11 an inviter identity whose DH-key signature is malleated (S + L) is rejected', async () => {
    const { aliceId, invitation } = await invite('#11 malleated identity');
    const inviter = { ...invitation.inviter, dhSignature: malleate(invitation.inviter.dhSignature) };
    assert.throws(() => decodeInvitation(signedInvitation(aliceId, { ...invitation, inviter })), SignatureError);
});
test('#11 any flipped bit in an invitation is rejected with a typed error', async () => {
    const { invitation } = await invite('#11 invitation bit flips');
    const encoded = encodeInvitation(invitation);
    fc.assert(fc.property(fc.nat({ max: encoded.length * 8 - 1 }), (bit) => {
        const bad = Buffer.from(encoded);
        bad[bit >> 3] ^= 1 << (bit & 7);
        assert.throws(() => decodeInvitation(bad), SaltlineError);
    }), { numRuns: 200 });
});
test('#11 invitation links: wrong prefix is an InvalidFrameError', async () => {
    const { invitation } = await invite('#11 link prefix');
    const payload = invitationToLink(invitation).slice(INVITATION_LINK_PREFIX.length);
    for (const prefix of ['', 'saltline', 'saltline;', 'Saltline:', 'SALTLINE:', 'saltlin:', 'https://saltline/', 'xsaltline:']) {
        assert.throws(() => invitationFromLink(prefix + payload), InvalidFrameError, JSON.stringify(prefix));
    }
    // Surrounding whitespace (a pasted link) is tolerated; inner whitespace is not.
    assert.doesNotThrow(() => invitationFromLink(`  ${INVITATION_LINK_PREFIX}${payload}\n`));
    assert.throws(() => invitationFromLink(`${INVITATION_LINK_PREFIX}${payload.slice(0, 100)} ${payload.slice(100)}`), InvalidFrameError);
});
test('#11 invitation links: bad base64url is an InvalidFrameError', async () => {
    const { invitation } = await invite('#11 link base64');
    const link = invitationToLink(invitation);
    const payload = link.slice(INVITATION_LINK_PREFIX.length);
    const variants = [
        INVITATION_LINK_PREFIX + Buffer.from(payload, 'base64url').toString('base64'), // standard alphabet and padding
        `${link}=`,
        `${link}==`,
        `${link.slice(0, 200)}+${link.slice(201)}`,
        `${link.slice(0, 200)}/${link.slice(201)}`,
        `${link.slice(0, 200)}%${link.slice(201)}`,
        `${link.slice(0, 200)}é${link.slice(201)}`,
    ];
    for (const v of variants)
        if (v !== link)
            assert.throws(() => invitationFromLink(v), InvalidFrameError, v.slice(0, 40));
    // A non-canonical last character (same bytes, different unused bits).
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(link.at(-1));
    const spare = payload.length % 4 === 2 ? 0b1111 : payload.length % 4 === 3 ? 0b11 : 0;
    if (spare)
        assert.throws(() => invitationFromLink(link.slice(0, -1) + alphabet[last ^ 1]), InvalidFrameError);
});
test('#11 invitation links: every truncation is an InvalidFrameError', async () => {
    const { invitation } = await invite('#11 link truncation');
    const link = invitationToLink(invitation);
    for (let n = INVITATION_LINK_PREFIX.length; n < link.length; n++) {
        assert.throws(() => invitationFromLink(link.slice(0, n)), InvalidFrameError, `truncated to ${n} characters`);
    }
    const bytes = encodeInvitation(invitation);
    for (let n = 0; n < bytes.length; n += 7)
        assert.throws(() => decodeInvitation(bytes.subarray(0, n)), InvalidFrameError, `${n} bytes`);
});
test('#11 invitation links: oversized links, trailing bytes and oversized addresses are InvalidFrameErrors', async () => {
    const { aliceId, invitation, rng } = await invite('#11 link oversized');
    const link = invitationToLink(invitation);
    assert.throws(() => invitationFromLink(link + 'A'.repeat(4096)), InvalidFrameError);
    assert.throws(() => invitationFromLink(INVITATION_LINK_PREFIX + 'A'.repeat(1_000_000)), InvalidFrameError);
    const trailing = Buffer.concat([encodeInvitation(invitation), Buffer.of(0)]);
    assert.throws(() => decodeInvitation(trailing), InvalidFrameError);
    assert.throws(() => invitationFromLink(INVITATION_LINK_PREFIX + trailing.toString('base64url')), InvalidFrameError);
    // The largest allowed address still makes a link that parses; one byte more is refused.
    const big = createInvitation(aliceId, { address: Buffer.alloc(MAX_ADDRESS_BYTES, 0x61), rng });
    assert.equal(invitationFromLink(invitationToLink(big.invitation)).address.length, MAX_ADDRESS_BYTES);
    assert.throws(() => createInvitation(aliceId, { address: Buffer.alloc(MAX_ADDRESS_BYTES + 1), rng }), InvalidFrameError);
    const tooLong = signedInvitation(aliceId, { ...invitation, address: Buffer.alloc(MAX_ADDRESS_BYTES + 1, 0x61) });
    assert.throws(() => decodeInvitation(tooLong), InvalidFrameError);
});
test('#11 single use: a second, different prekey envelope for the consumed invitation is refused by the session', async () => {
    const { alice, invitation, rng } = await connect('#11 second invitee');
    const carol = await invite('#11 carol'); // just for an identity
    const carolSession = new Party(acceptInvitation(carol.bobId, invitation, { address: text('carol'), rng }), rng);
    expectPartyRejects(alice, carolSession.send('me too'), InvitationUsedError);
});
test('#11 single use: the same invitee accepting twice (a new handshake) is refused by the session', async () => {
    const { alice, bob, bobId, invitation, rng } = await connect('#11 accept twice');
    const again = new Party(acceptInvitation(bobId, invitation, { address: text('bob'), rng }), rng);
    expectPartyRejects(alice, again.send('hello again'), InvitationUsedError);
    assert.equal(bob.receiveText(alice.send('still the one session')), 'still the one session');
});
test('#11 single use: respondToInvitation with consumed invitation secrets throws InvitationUsedError', async () => {
    const { aliceId, secrets, bob, invitation, rng } = await invite('#11 consumed secrets');
    const stored = serializeInvitationSecrets(secrets);
    respondToInvitation(aliceId, secrets, bob.send('first'), { rng });
    const carol = await invite('#11 consumed secrets carol');
    const other = new Party(acceptInvitation(carol.bobId, invitation, { address: text('carol'), rng }), rng);
    // BUG (src/crypto/dh.ts, dh(): the catch around crypto_scalarmult swallows the "already wiped"
    // InvalidKeyError from expose()): a consumed invitation is reported as a WeakKeyError — a
    // claim about the peer's key — instead of InvitationUsedError.
    assert.throws(() => respondToInvitation(aliceId, secrets, other.send('second'), { rng }), InvitationUsedError);
    // The secrets as stored before use still open a handshake: deleting them is the store's job.
    assert.doesNotThrow(() => deserializeInvitationSecrets(stored));
});
test('#11 repeated prekey envelopes from the same initiator session still decrypt on the responder', async () => {
    const { aliceId, secrets, bob, rng } = await invite('#11 repeated prekey');
    const sent = ['one', 'two', 'three', 'four'].map((t) => bob.send(t));
    for (const e of sent)
        assert.equal(e[1], ENVELOPE_TYPE.prekey);
    const alice = new Party(respondToInvitation(aliceId, secrets, sent[1], { rng }).state, rng);
    assert.equal(alice.receiveText(sent[3]), 'four');
    assert.equal(alice.receiveText(sent[0]), 'one');
    assert.equal(alice.receiveText(sent[2]), 'three');
    assert.equal(bob.receiveText(alice.send('reply')), 'reply');
    const after = bob.send('after the reply');
    assert.equal(after[1], ENVELOPE_TYPE.message, 'the prekey part stops once the inviter has replied');
    assert.equal(alice.receiveText(after), 'after the reply');
});
test('#11 handshake misuse: wrong invitation, a plain message, a prekey envelope to the initiator, accepting your own invitation', async () => {
    const one = await invite('#11 misuse one');
    const two = await invite('#11 misuse two');
    const forTwo = two.bob.send('for two');
    expectRejected(() => serializeInvitationSecrets(one.secrets), () => respondToInvitation(one.aliceId, one.secrets, forTwo, { rng: one.rng }), InvitationUsedError);
    const { alice, bob, rng } = await connect('#11 misuse established');
    expectRejected(() => serializeInvitationSecrets(one.secrets), () => respondToInvitation(one.aliceId, one.secrets, alice.send('plain'), { rng }), SessionStateError);
    expectPartyRejects(bob, one.bob.send('prekey to an initiator'), InvitationUsedError);
    expectRejected(() => serializeIdentity(one.aliceId), () => acceptInvitation(one.aliceId, one.invitation, { address: text('me'), rng }), SessionStateError);
});
//# sourceMappingURL=invitation.test.js.map