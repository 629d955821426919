/**
 * SECURITY-TESTS #20 (libsignal snapshot/restore fuzzing): restoring an old copy of a session
 * never makes the receiver accept a message twice, and never repeats a nonce on the wire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AEAD_NONCE_BYTES } from '../../src/crypto/index.js';
import { DecryptError, deserializeSession, ReplayError } from '../../src/protocol/index.js';
import { connect, expectPartyRejects, Party, seededRng } from '../helpers/harness.js';
const headerNonce = (envelope) => envelope.subarray(2, 2 + AEAD_NONCE_BYTES).toString('hex');
test('#20 a restored old copy of the sender: its messages are refused as replays and no header nonce repeats', async () => {
    const { alice, bob } = await connect('#20 restored sender');
    const saved = alice.snapshot();
    const original = ['one', 'two', 'three'].map((t) => alice.send(t));
    for (const [i, e] of original.entries())
        assert.equal(bob.receiveText(e), ['one', 'two', 'three'][i]);
    // The restored device has fresh randomness but the old counters and chain keys.
    const restored = new Party(deserializeSession(saved), seededRng('#20 restored device'));
    const again = ['one again', 'two again', 'three again'].map((t) => restored.send(t));
    const nonces = new Set(original.map(headerNonce));
    for (const e of again) {
        assert.ok(!nonces.has(headerNonce(e)), 'a header nonce was reused');
        nonces.add(headerNonce(e));
        expectPartyRejects(bob, e, ReplayError);
    }
    assert.equal(bob.receiveText(alice.send('four')), 'four');
});
test('#20 a restored copy of the sender from before a DH step cannot inject into the new chain', async () => {
    const { alice, bob } = await connect('#20 restored before DH step');
    const saved = alice.snapshot();
    const reply = bob.send('reply');
    assert.equal(alice.receiveText(reply), 'reply');
    assert.equal(bob.receiveText(alice.send('on the new chain')), 'on the new chain');
    const restored = new Party(deserializeSession(saved), seededRng('#20 restored device 2'));
    assert.equal(restored.receiveText(reply), 'reply'); // the old copy takes its own, different DH step
    const fromRestored = [restored.send('fork 1'), restored.send('fork 2'), restored.send('fork 3')];
    for (const e of fromRestored)
        expectPartyRejects(bob, e, [ReplayError, DecryptError]);
    assert.equal(bob.receiveText(alice.send('real')), 'real');
});
test('#20 messages sent before a restore are never accepted twice, in any order', async () => {
    const { alice, bob } = await connect('#20 no re-acceptance');
    const saved = alice.snapshot();
    const sent = Array.from({ length: 5 }, (_, i) => alice.send(`m${i}`));
    for (const i of [3, 0, 4, 1, 2])
        assert.equal(bob.receiveText(sent[i]), `m${i}`);
    const restored = new Party(deserializeSession(saved), seededRng('#20 restored device 3'));
    const replays = Array.from({ length: 5 }, (_, i) => restored.send(`m${i}`));
    for (const e of [...replays, ...sent])
        expectPartyRejects(bob, e, ReplayError);
});
//# sourceMappingURL=restore.test.js.map