/**
 * Header trial decryption order (Saltline protocol §3): the receiver tries the next header key
 * first once it has sent on its current chain, the current one first otherwise. The order is only
 * a speed choice: every case must decrypt whichever key the header is under, and a header under
 * neither key must change no state.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DecryptError } from '../../src/protocol/index.js';
import { connect, expectPartyRejects } from '../helpers/harness.js';
test('a message on the current chain decrypts after the receiver has sent (next header key tried first, fails)', async () => {
    const { alice, bob } = await connect('trial order: current chain after sending');
    const early = alice.send('sent before bob answered');
    const late = alice.send('also before bob answered');
    assert.equal(bob.receiveText(early), 'sent before bob answered');
    bob.send('bob answers'); // bob's Ns > 0: his next-header-key trial comes first
    assert.ok(bob.session.ratchet.ns > 0);
    assert.equal(bob.receiveText(late), 'also before bob answered');
});
test('a DH step decrypts whether the receiver has sent on its current chain (next key first) or not (current key first)', async () => {
    const { alice, bob } = await connect('trial order: DH step');
    // Bob has just taken a DH step on alice's "hi": nothing sent on his new chain yet.
    assert.equal(bob.session.ratchet.ns, 0);
    const restoredBob = bob.clone(); // e.g. a backup taken now and restored later
    assert.equal(alice.receiveText(bob.send('bob talks')), 'bob talks');
    const answer = alice.send('alice answers'); // a DH step for bob
    assert.ok(bob.session.ratchet.ns > 0);
    assert.equal(bob.receiveText(answer), 'alice answers');
    assert.equal(restoredBob.session.ratchet.ns, 0);
    assert.equal(restoredBob.receiveText(answer), 'alice answers');
    for (let i = 0; i < 3; i++)
        assert.equal(alice.receiveText(bob.send(`ping ${i}`)), `ping ${i}`);
});
test('a header under neither key is refused in both trial orders and changes no state', async () => {
    const { alice, bob } = await connect('trial order: neither key');
    const stranger = await connect('trial order: stranger');
    const foreign = stranger.alice.send('not for bob');
    expectPartyRejects(bob, foreign, DecryptError);
    bob.send('bob has now sent');
    expectPartyRejects(bob, foreign, DecryptError);
    assert.equal(bob.receiveText(alice.send('real')), 'real');
});
//# sourceMappingURL=trialOrder.test.js.map