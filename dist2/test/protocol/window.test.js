/**
 * SECURITY-TESTS #4 (libsignal MAX_FORWARD_JUMPS / MAX_MESSAGE_KEYS, OpenMLS max forward
 * distance): a counter jump past the skipped-key window is refused before any key is derived and
 * changes nothing; the number of stored skipped keys is capped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateDhKeyPair } from '../../src/crypto/index.js';
import { MAX_SKIP_PER_CHAIN, MAX_STORED_SKIPPED_KEYS, ReplayError, TooFarAheadError, } from '../../src/protocol/index.js';
import { envelopeWithHeader } from '../helpers/craft.js';
import { cloneSession, connect, expectPartyRejects } from '../helpers/harness.js';
import { skippedCount, trackSecrets } from '../helpers/secrets.js';
function rejectsWithoutDerivingKeys(receiver, envelope) {
    const { created } = trackSecrets(() => expectPartyRejects(receiver, envelope, TooFarAheadError));
    // Rejected after trial-decrypting the header only: not one chain, message or root key made.
    assert.deepEqual(created.map((s) => s.role), []);
}
test('#4 a crafted header with a huge counter is refused before any key is derived, state unchanged', async () => {
    const { alice, bob, rng } = await connect('#4 huge n');
    const hks = alice.session.ratchet.hks;
    const dh = alice.session.ratchet.dhs.publicKey;
    for (const n of [bob.session.ratchet.nr + MAX_SKIP_PER_CHAIN + 1, 0x7fffffff, 0xfffffffe, 0xffffffff]) {
        rejectsWithoutDerivingKeys(bob, envelopeWithHeader(hks, { dh, pn: 0, n }, rng));
    }
    assert.equal(bob.receiveText(alice.send('still fine')), 'still fine');
});
test('#4 a new ratchet key with a huge counter or a huge previous-chain length is refused up front', async () => {
    const { alice, bob, rng } = await connect('#4 huge n on a DH step');
    // Bob's next receiving header key opens headers of Alice's next chain (a DH step).
    const nhks = alice.session.ratchet.nhks;
    const fresh = generateDhKeyPair(rng).publicKey;
    rejectsWithoutDerivingKeys(bob, envelopeWithHeader(nhks, { dh: fresh, pn: 0, n: MAX_SKIP_PER_CHAIN + 1 }, rng));
    rejectsWithoutDerivingKeys(bob, envelopeWithHeader(nhks, { dh: fresh, pn: bob.session.ratchet.nr + MAX_SKIP_PER_CHAIN + 1, n: 0 }, rng));
    rejectsWithoutDerivingKeys(bob, envelopeWithHeader(nhks, { dh: fresh, pn: 0xffffffff, n: 0xffffffff }, rng));
    assert.equal(bob.receiveText(alice.send('still fine')), 'still fine');
});
test('#4 genuine traffic: a jump of exactly MAX_SKIP_PER_CHAIN is accepted, one more is refused', async () => {
    const { alice, bob } = await connect('#4 boundary');
    const sent = [];
    for (let i = 0; i <= MAX_SKIP_PER_CHAIN + 1; i++)
        sent.push(alice.send(`m${i}`));
    // Skipping MAX_SKIP_PER_CHAIN + 1 keys to reach the last one: refused.
    expectPartyRejects(bob, sent.at(-1), TooFarAheadError);
    // Skipping exactly MAX_SKIP_PER_CHAIN keys: accepted, and every skipped key then works.
    assert.equal(bob.receiveText(sent[MAX_SKIP_PER_CHAIN]), `m${MAX_SKIP_PER_CHAIN}`);
    assert.equal(skippedCount(bob.session), MAX_SKIP_PER_CHAIN);
    assert.equal(bob.receiveText(sent.at(-1)), `m${MAX_SKIP_PER_CHAIN + 1}`);
    assert.equal(bob.receiveText(sent[0]), 'm0');
    assert.equal(bob.receiveText(sent[500]), 'm500');
    assert.equal(skippedCount(bob.session), MAX_SKIP_PER_CHAIN - 2);
});
test('#4 genuine traffic: a previous chain that ran too far ahead is refused on the DH step', async () => {
    const { alice, bob } = await connect('#4 pn jump');
    for (let i = 0; i <= MAX_SKIP_PER_CHAIN; i++)
        alice.send(`lost ${i}`);
    assert.equal(alice.receiveText(bob.send('turn')), 'turn');
    const next = alice.send('next chain');
    expectPartyRejects(bob, next, TooFarAheadError);
});
test('#4 stored skipped keys are capped at MAX_STORED_SKIPPED_KEYS across chains, oldest evicted first', async () => {
    const { alice, bob } = await connect('#4 cap');
    const perChain = 900;
    const chains = [];
    for (let round = 0; round < 3; round++) {
        const chain = [];
        for (let i = 0; i < perChain; i++)
            chain.push(alice.send(`r${round} m${i}`));
        chains.push(chain);
        assert.equal(bob.receiveText(chain.at(-1)), `r${round} m${perChain - 1}`);
        assert.ok(skippedCount(bob.session) <= MAX_STORED_SKIPPED_KEYS, `round ${round}: ${skippedCount(bob.session)} keys stored`);
        assert.equal(alice.receiveText(bob.send(`turn ${round}`)), `turn ${round}`);
    }
    // 3 × 899 keys were skipped; only the newest 2,000 remain, and they survive a store round trip.
    assert.equal(skippedCount(bob.session), MAX_STORED_SKIPPED_KEYS);
    bob.session = cloneSession(bob.session);
    assert.equal(skippedCount(bob.session), MAX_STORED_SKIPPED_KEYS);
    const evicted = 3 * (perChain - 1) - MAX_STORED_SKIPPED_KEYS;
    expectPartyRejects(bob, chains[0][0], ReplayError);
    expectPartyRejects(bob, chains[0][evicted - 1], ReplayError);
    assert.equal(bob.receiveText(chains[0][evicted]), `r0 m${evicted}`);
    assert.equal(bob.receiveText(chains[2][0]), 'r2 m0');
    assert.equal(bob.receiveText(chains[1][perChain - 2]), `r1 m${perChain - 2}`);
    assert.equal(skippedCount(bob.session), MAX_STORED_SKIPPED_KEYS - 3);
});
//# sourceMappingURL=window.test.js.map