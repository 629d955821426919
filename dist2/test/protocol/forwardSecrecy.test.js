/**
 * SECURITY-TESTS #7 (forward secrecy; Trail of Bits 2022 on SimpleX: keys not wiped) and #8
 * (break-in recovery; Double Ratchet spec, RFC 9420): used keys are gone from memory and from
 * the stored state, a stolen current state cannot read earlier captured traffic, and a state
 * copied at time t is useless after one full DH round trip.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dhPublicKey, SaltlineError, Secret } from '../../src/crypto/index.js';
import { acceptInvitation, DecryptError, encryptMessage, ReplayError, respondToInvitation, serializeSession, } from '../../src/protocol/index.js';
import { kdfChain } from '../../src/protocol/ratchet/kdf.js';
import { cloneSession, connect, expectPartyRejects, invite, Party, seededRng, text } from '../helpers/harness.js';
import { heldSecrets, trackSecrets } from '../helpers/secrets.js';
/** Secrets created during `fn` that are neither wiped nor held by the resulting session. */
function leakedBy(fn) {
    const { result, created } = trackSecrets(fn);
    const held = heldSecrets(result);
    return created.filter((s) => !s.wiped && !held.has(s)).map((s) => s.role);
}
function decryptWith(party, envelope) {
    return () => {
        party.receive(envelope);
        return party.session;
    };
}
test('#7 a saved copy of the receiver state cannot decrypt a message it already decrypted', async () => {
    const { alice, bob } = await connect('#7 saved copy');
    const sent = [alice.send('one'), alice.send('two')];
    assert.equal(bob.receiveText(sent[1]), 'two');
    assert.equal(bob.receiveText(sent[0]), 'one'); // via a skipped key
    const stored = serializeSession(bob.session);
    for (const e of sent)
        expectPartyRejects(new Party(cloneSession(bob.session), bob.rng), e, ReplayError);
    assert.deepEqual(serializeSession(bob.session), stored);
});
test('#7 the consumed state object is wiped: old chain key, used message key and old ratchet secrets throw on expose()', async () => {
    const { alice, bob } = await connect('#7 consumed state');
    const m1 = alice.send('one');
    const m2 = alice.send('two');
    // In-order step on a chain: the previous receiving chain key dies.
    let old = bob.session;
    assert.equal(bob.receiveText(m2), 'two');
    assert.throws(() => old.ratchet.ckr.expose());
    // Skipped-key hit: the stored message key dies with its use.
    old = bob.session;
    const storedKey = old.ratchet.skipped[0].keys.get(1);
    assert.equal(bob.receiveText(m1), 'one');
    assert.throws(() => storedKey.expose());
    // DH step: the old ratchet secret, root key and chain keys die.
    old = bob.session;
    const reply = bob.send('turn');
    assert.throws(() => old.ratchet.cks.expose());
    old = alice.session;
    assert.equal(alice.receiveText(reply), 'turn');
    for (const s of [old.ratchet.dhs.secretKey, old.ratchet.rk, old.ratchet.cks])
        assert.throws(() => s.expose(), `${s.role} survived`);
});
test('#7 used message and chain keys are not in the stored state', async () => {
    const { alice, bob } = await connect('#7 not in store');
    const envelope = alice.send('soon gone');
    const ckr = Buffer.from(bob.session.ratchet.ckr.expose());
    const { messageKey, chainKey } = kdfChain(Secret.copyOf('ChainKey', 32, ckr));
    const usedMessageKey = Buffer.from(messageKey.expose());
    assert.equal(bob.receiveText(envelope), 'soon gone');
    const stored = serializeSession(bob.session);
    assert.equal(stored.indexOf(ckr), -1, 'old chain key still stored');
    assert.equal(stored.indexOf(usedMessageKey), -1, 'used message key still stored');
    assert.notEqual(stored.indexOf(chainKey.expose()), -1, 'the next chain key should be what is stored');
});
test('#7 a stolen current state cannot read earlier captured traffic (across DH steps)', async () => {
    const { alice, bob } = await connect('#7 captured traffic');
    const captured = [];
    for (let i = 0; i < 4; i++) {
        for (let j = 0; j < 3; j++) {
            const e = alice.send(`a${i}.${j}`);
            captured.push(e);
            assert.equal(bob.receiveText(e), `a${i}.${j}`);
        }
        assert.equal(alice.receiveText(bob.send(`b${i}`)), `b${i}`);
    }
    const stolen = new Party(cloneSession(bob.session), seededRng('attacker'));
    for (const e of captured)
        expectPartyRejects(stolen, e, [ReplayError, DecryptError]);
});
test('#7 an in-order decrypt and a skipped-key decrypt leave no derived secret behind', async () => {
    const { alice, bob } = await connect('#7 no leak, simple paths');
    const m1 = alice.send('one');
    const m2 = alice.send('two');
    const m3 = alice.send('three');
    assert.deepEqual(leakedBy(decryptWith(bob, m1)), []);
    assert.equal(bob.receiveText(m3), 'three');
    assert.deepEqual(leakedBy(decryptWith(bob, m2)), []);
    assert.deepEqual(leakedBy(() => {
        alice.send('x');
        return alice.session;
    }), []);
});
test('#7 a DH-step decrypt leaves no derived secret behind (intermediate root and chain keys wiped)', async () => {
    const { alice, bob } = await connect('#7 no leak, DH step');
    const turn = bob.send('turn');
    // BUG (src/protocol/ratchet/ratchet.ts, ratchetDecrypt DH step): `recv.rootKey` is never wiped
    // once fed to the second kdfRoot, and `recv.chainKey` is replaced by kdfChain's output without
    // being wiped, so both stay readable in memory after the call.
    assert.deepEqual(leakedBy(decryptWith(alice, turn)), []);
});
test('#7 skipping message keys leaves no intermediate chain key behind', async () => {
    const { alice, bob } = await connect('#7 no leak, skipping');
    alice.send('skipped 1');
    alice.send('skipped 2');
    const third = alice.send('three');
    // BUG (src/protocol/ratchet/ratchet.ts, skipMessageKeys): each intermediate chain key `ck` is
    // replaced by the next without being wiped, and so is the last one when ratchetDecrypt steps
    // past it.
    assert.deepEqual(leakedBy(decryptWith(bob, third)), []);
});
test('#7 the handshake leaves no derived secret behind on either side', async () => {
    const inv = await invite('#7 no leak, handshake');
    const fresh = await invite('#7 no leak, handshake (accept)');
    const leakedOnAccept = leakedBy(() => acceptInvitation(fresh.bobId, fresh.invitation, { address: text('b'), rng: fresh.rng }));
    const first = inv.bob.send('hello');
    const leakedOnRespond = leakedBy(() => respondToInvitation(inv.aliceId, inv.secrets, first, { rng: inv.rng }).state);
    assert.deepEqual({ leakedOnAccept, leakedOnRespond }, { leakedOnAccept: [], leakedOnRespond: [] });
});
/** Runs one full DH round trip after time t and returns what Alice sends afterwards. */
function roundTrip(alice, bob, clone) {
    const sentDuring = [];
    const x = bob.send('x');
    assert.equal(alice.receiveText(x), 'x'); // Alice: new ratchet key
    const y = alice.send('y');
    sentDuring.push(y);
    assert.equal(bob.receiveText(y), 'y'); // Bob: new ratchet key, unknown to the clone
    if (clone)
        assert.equal(clone.receiveText(y), 'y', 'the copy is a real compromise up to here');
    assert.equal(alice.receiveText(bob.send('z')), 'z'); // Alice: keys from Bob's new ratchet key
    return { secret: alice.send('secret'), sentDuring };
}
test('#8 a state copied at time t cannot decrypt after one full DH round trip (copy left alone)', async () => {
    const { alice, bob } = await connect('#8 idle copy');
    const attacker = seededRng('#8 attacker');
    const copy = bob.clone(attacker);
    const early = alice.send('before the round trip');
    assert.equal(copy.clone().receiveText(early), 'before the round trip', 'the copy could read current traffic');
    assert.equal(bob.receiveText(early), 'before the round trip');
    const { secret } = roundTrip(alice, bob, null);
    expectPartyRejects(copy, secret, DecryptError);
    assert.equal(bob.receiveText(secret), 'secret');
});
test('#8 a state copied at time t cannot decrypt after one full DH round trip (copy fed all traffic)', async () => {
    for (const label of ['#8 fed copy 1', '#8 fed copy 2', '#8 fed copy 3']) {
        const { alice, bob } = await connect(label);
        const copy = bob.clone(seededRng(`${label} attacker`));
        const { secret } = roundTrip(alice, bob, copy);
        expectPartyRejects(copy, secret, DecryptError);
        assert.equal(bob.receiveText(secret), 'secret');
        // Nor any later message.
        const later = encryptMessage(alice.session, text('later'), { rng: alice.rng });
        alice.session = later.state;
        expectPartyRejects(copy, later.envelope, DecryptError);
    }
});
test('#8 break-in recovery also holds for a copy of the inviter (responder) side', async () => {
    const { alice, bob } = await connect('#8 responder copy');
    const copy = alice.clone(seededRng('#8 responder attacker'));
    // Mirror image of roundTrip with the roles swapped.
    assert.equal(bob.receiveText(alice.send('x')), 'x');
    const y = bob.send('y');
    assert.equal(alice.receiveText(y), 'y');
    assert.equal(copy.receiveText(y), 'y');
    assert.equal(bob.receiveText(alice.send('z')), 'z');
    const secret = bob.send('secret');
    expectPartyRejects(copy, secret, DecryptError);
    assert.equal(alice.receiveText(secret), 'secret');
});
test('#7 a refused handshake leaves no derived secret behind on either side', async () => {
    const { aliceId, bobId, invitation, secrets, bob, rng } = await invite('#7 no leak, refused handshake');
    const unwiped = (fn) => {
        const { created } = trackSecrets(() => assert.throws(fn, SaltlineError));
        return created.filter((s) => !s.wiped).map((s) => s.role);
    };
    const tampered = bob.send('hello');
    tampered[tampered.length - 1] ^= 1;
    const weakInviter = { ...invitation, inviter: { ...invitation.inviter, dhKey: dhPublicKey(Buffer.alloc(32)) } };
    // BUG (src/protocol/handshake.ts, acceptInvitation): the ephemeral secret and DH1 (and DH2/DH3
    // when the KEM step fails) are wiped only on success; a throw from dh() or kemEncapsulate()
    // leaves them in memory.
    assert.deepEqual({
        respond: unwiped(() => respondToInvitation(aliceId, secrets, tampered, { rng })),
        accept: unwiped(() => acceptInvitation(bobId, weakInviter, { address: text('b'), rng })),
    }, { respond: [], accept: [] });
});
//# sourceMappingURL=forwardSecrecy.test.js.map