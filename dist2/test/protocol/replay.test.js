/** SECURITY-TESTS #1: replayed ciphertexts are rejected, and the session carries on. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecryptError, ReplayError } from '../../src/protocol/index.js';
import { connect, expectPartyRejects } from '../helpers/harness.js';
test('#1 a replayed message is rejected with ReplayError and the next genuine message still decrypts', async () => {
    const { alice, bob } = await connect('#1 replay');
    const m1 = alice.send('one');
    assert.equal(bob.receiveText(m1), 'one');
    expectPartyRejects(bob, m1, ReplayError);
    expectPartyRejects(bob, m1, ReplayError);
    assert.equal(bob.receiveText(alice.send('two')), 'two');
    expectPartyRejects(bob, m1, ReplayError);
});
test('#1 a duplicate of a skipped (out-of-order) message is rejected after it was used', async () => {
    const { alice, bob } = await connect('#1 skipped duplicate');
    const m1 = alice.send('one');
    const m2 = alice.send('two');
    const m3 = alice.send('three');
    assert.equal(bob.receiveText(m3), 'three');
    assert.equal(bob.receiveText(m1), 'one');
    expectPartyRejects(bob, m1, ReplayError);
    expectPartyRejects(bob, m3, ReplayError);
    assert.equal(bob.receiveText(m2), 'two');
    expectPartyRejects(bob, m2, ReplayError);
    expectPartyRejects(bob, m1, ReplayError);
    assert.equal(bob.receiveText(alice.send('four')), 'four');
});
test('#1 a duplicate of a skipped message from an earlier chain is rejected once used', async () => {
    const { alice, bob } = await connect('#1 old chain skipped duplicate');
    const early = alice.send('early');
    const late = alice.send('late');
    assert.equal(bob.receiveText(late), 'late');
    // A DH round trip: Bob's receiving chain moves on, the early key stays stored.
    assert.equal(alice.receiveText(bob.send('turn')), 'turn');
    const next = alice.send('next');
    assert.equal(bob.receiveText(next), 'next');
    assert.equal(bob.receiveText(early), 'early');
    // The old chain's last stored key is gone with its header key: the duplicate no longer matches
    // any chain, which is a DecryptError rather than a ReplayError; either way it is refused.
    expectPartyRejects(bob, early, [ReplayError, DecryptError]);
    expectPartyRejects(bob, next, ReplayError);
    assert.equal(bob.receiveText(alice.send('after')), 'after');
});
test('#1 duplicates of every message are refused after a long two-way exchange', async () => {
    const { alice, bob } = await connect('#1 exchange');
    const toBob = [];
    const toAlice = [];
    for (let i = 0; i < 6; i++) {
        const a = alice.send(`a${i}`);
        toBob.push(a);
        assert.equal(bob.receiveText(a), `a${i}`);
        const b = bob.send(`b${i}`);
        toAlice.push(b);
        assert.equal(alice.receiveText(b), `b${i}`);
    }
    for (const e of toBob)
        expectPartyRejects(bob, e, [ReplayError, DecryptError]);
    for (const e of toAlice)
        expectPartyRejects(alice, e, [ReplayError, DecryptError]);
    // The latest chain's duplicates are recognised as replays, not as garbage.
    expectPartyRejects(bob, toBob.at(-1), ReplayError);
    expectPartyRejects(alice, toAlice.at(-1), ReplayError);
});
test('#1 the handshake message replayed to the established responder is rejected', async () => {
    const { alice, bob, first } = await connect('#1 handshake replay', { reply: false });
    expectPartyRejects(alice, first, ReplayError);
    assert.equal(alice.receiveText(bob.send('second')), 'second');
    expectPartyRejects(alice, first, ReplayError);
});
//# sourceMappingURL=replay.test.js.map