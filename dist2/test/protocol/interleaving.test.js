/**
 * SECURITY-TESTS #2 and #3 (libsignal's `interaction.rs` fuzz target, as a property): two parties,
 * random interleavings of send (either side), deliver, drop, duplicate and reorder (deliver any
 * pending message), with occasional store round trips of either session. Every delivered message
 * decrypts exactly once to what was sent; duplicates are refused without changing state; a
 * dropped message never blocks later ones.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cryptoReady, deterministicRng, SaltlineError } from '../../src/crypto/index.js';
import { acceptInvitation, createIdentity, createInvitation, DecryptError, decryptMessage, encryptMessage, ReplayError, respondToInvitation, serializeSession, wipeSession, } from '../../src/protocol/index.js';
import { cloneSession, text } from '../helpers/harness.js';
const side = fc.constantFrom('alice', 'bob');
const op = fc.oneof({ weight: 4, arbitrary: fc.record({ kind: fc.constant('send'), from: side, length: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 3000 })) }) }, { weight: 4, arbitrary: fc.record({ kind: fc.constant('deliver'), pick: fc.nat() }) }, { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop'), pick: fc.nat() }) }, { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate'), pick: fc.nat() }) }, { weight: 1, arbitrary: fc.record({ kind: fc.constant('roundtrip'), who: side }) });
function contentFor(seq, length) {
    const out = Buffer.alloc(Math.max(length, 4), seq & 0xff);
    out.writeUInt32BE(seq);
    return out.subarray(0, Math.max(length, 4));
}
async function run(seed, ops, finalFlush, stats) {
    await cryptoReady();
    const rng = deterministicRng(seed);
    const aliceId = createIdentity(rng);
    const bobId = createIdentity(rng);
    const { invitation, secrets } = createInvitation(aliceId, { address: text('a'), rng });
    const sessions = { alice: null, bob: acceptInvitation(bobId, invitation, { address: text('b'), rng }) };
    const flight = [];
    let seq = 0;
    const deliver = (m) => {
        const to = m.from === 'alice' ? 'bob' : 'alice';
        const session = sessions[to];
        if (m.state === 'delivered') {
            assert.ok(session, 'a duplicate always goes to a party that has a session');
            const before = serializeSession(session);
            let error;
            try {
                decryptMessage(session, m.envelope, { rng });
            }
            catch (e) {
                error = e;
            }
            assert.ok(error instanceof ReplayError || error instanceof DecryptError, `duplicate not refused: ${String(error)}`);
            assert.deepEqual(serializeSession(session), before, 'a refused duplicate changed the state');
            stats.duplicates++;
            if (error instanceof ReplayError)
                stats.replayErrors++;
            return;
        }
        const out = session ? decryptMessage(session, m.envelope, { rng }) : respondToInvitation(aliceId, secrets, m.envelope, { rng });
        assert.deepEqual(out.plaintext, m.content);
        sessions[to] = out.state;
        m.state = 'delivered';
        stats.delivered++;
    };
    for (const o of ops) {
        switch (o.kind) {
            case 'send': {
                const session = sessions[o.from];
                if (!session)
                    break; // Alice has nobody to talk to until Bob's first message arrives.
                const content = contentFor(seq++, o.length);
                const { state, envelope } = encryptMessage(session, content, { rng });
                sessions[o.from] = state;
                flight.push({ from: o.from, envelope, content, state: 'pending' });
                break;
            }
            case 'deliver':
            case 'drop': {
                const pending = flight.filter((m) => m.state === 'pending');
                const m = pending[o.pick % Math.max(pending.length, 1)];
                if (!m)
                    break;
                if (o.kind === 'drop') {
                    m.state = 'dropped';
                    stats.dropped++;
                }
                else
                    deliver(m);
                break;
            }
            case 'duplicate': {
                const done = flight.filter((m) => m.state === 'delivered');
                const m = done[o.pick % Math.max(done.length, 1)];
                if (m)
                    deliver(m);
                break;
            }
            case 'roundtrip': {
                const session = sessions[o.who];
                if (!session)
                    break;
                // The restored copy must not depend on the old object: wipe the original.
                sessions[o.who] = cloneSession(session);
                wipeSession(session);
                break;
            }
        }
    }
    if (finalFlush)
        for (const m of flight.filter((x) => x.state === 'pending').reverse())
            deliver(m);
}
test('#2 #3 random interleavings of send, deliver, drop, duplicate, reorder and store round trips', async () => {
    await cryptoReady();
    const stats = { delivered: 0, duplicates: 0, replayErrors: 0, dropped: 0 };
    await fc.assert(fc.asyncProperty(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.array(op, { minLength: 10, maxLength: 60, size: 'max' }), fc.boolean(), async (seed, ops, flush) => {
        try {
            await run(seed, ops, flush, stats);
        }
        catch (e) {
            // Only assertion failures are expected here; anything else must at least be typed.
            if (!(e instanceof assert.AssertionError))
                assert.ok(e instanceof SaltlineError, `untyped error: ${String(e)}`);
            throw e;
        }
    }), { numRuns: 100 });
    // The generator must actually exercise the interesting paths.
    assert.ok(stats.delivered > 500 && stats.duplicates > 20 && stats.replayErrors > 10 && stats.dropped > 20, JSON.stringify(stats));
});
test('#3 a long run of dropped messages does not block the next one, in either direction', async () => {
    await cryptoReady();
    const stats = { delivered: 0, duplicates: 0, replayErrors: 0, dropped: 0 };
    const ops = [{ kind: 'send', from: 'bob', length: 3 }, { kind: 'deliver', pick: 0 }];
    for (let round = 0; round < 3; round++) {
        for (const from of ['alice', 'bob']) {
            for (let i = 0; i < 50; i++)
                ops.push({ kind: 'send', from, length: 5 }, { kind: 'drop', pick: 0 });
            ops.push({ kind: 'send', from, length: 5 }, { kind: 'deliver', pick: 0 });
        }
    }
    await run(Buffer.alloc(32, 3), ops, false, stats);
    assert.equal(stats.dropped, 300);
    assert.equal(stats.delivered, 7);
});
//# sourceMappingURL=interleaving.test.js.map