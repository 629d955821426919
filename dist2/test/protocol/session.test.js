/**
 * Session serialization (issue 2: "state that serializes to bytes (versioned) and restores
 * exactly"): a restored session continues exactly as the original would, byte for byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deterministicRng } from '../../src/crypto/index.js';
import { deserializeSession, InvalidFrameError, serializeSession } from '../../src/protocol/index.js';
import { connect, Party, text } from '../helpers/harness.js';
test('a restored session continues identically to the original (same envelopes, same states)', async () => {
    const base = await connect('session round trip');
    const step = fc.record({ from: fc.constantFrom('alice', 'bob'), length: fc.nat({ max: 700 }), deliver: fc.boolean() });
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.array(step, { maxLength: 25, size: 'max' }), (seed, steps) => {
        // Two worlds from the same starting bytes: one keeps the objects, one round-trips every time.
        const start = { alice: serializeSession(base.alice.session), bob: serializeSession(base.bob.session) };
        const rngA = deterministicRng(seed);
        const rngB = deterministicRng(seed);
        const kept = { alice: new Party(deserializeSession(start.alice), rngA), bob: new Party(deserializeSession(start.bob), rngA) };
        const stored = { ...start };
        const inFlight = [];
        for (const [i, s] of steps.entries()) {
            const to = s.from === 'alice' ? 'bob' : 'alice';
            const content = text(`${i}:`.padEnd(s.length + 2, 'x'));
            const envelope = kept[s.from].send(content);
            const twin = new Party(deserializeSession(stored[s.from]), rngB);
            assert.deepEqual(twin.send(content), envelope, 'restored session sent different bytes');
            stored[s.from] = twin.snapshot();
            assert.deepEqual(stored[s.from], kept[s.from].snapshot());
            inFlight.push(envelope);
            if (s.deliver) {
                const e = inFlight.splice(0, 1)[0];
                // Envelopes may be delivered to the wrong side here; both worlds must then fail alike.
                let keptResult;
                try {
                    keptResult = kept[to].receive(e).toString('hex');
                }
                catch (err) {
                    keptResult = err.name;
                }
                const twinReceiver = new Party(deserializeSession(stored[to]), rngB);
                let twinResult;
                try {
                    twinResult = twinReceiver.receive(e).toString('hex');
                }
                catch (err) {
                    twinResult = err.name;
                }
                assert.equal(twinResult, keptResult);
                stored[to] = twinReceiver.snapshot();
                assert.deepEqual(stored[to], kept[to].snapshot());
            }
        }
    }), { numRuns: 40 });
});
test('serialization is stable: serialize ∘ deserialize is the identity on stored bytes', async () => {
    const { alice, bob } = await connect('session stable', { reply: false });
    alice.send('pending for bob');
    for (const s of [alice.session, bob.session]) {
        const bytes = serializeSession(s);
        assert.deepEqual(serializeSession(deserializeSession(bytes)), bytes);
    }
    assert.ok(bob.session.pendingPrekey, 'the initiator state with a pending prekey part round-trips too');
    assert.ok(alice.session.handshakeTag);
});
test('deserializeSession refuses unknown formats, truncation and trailing bytes with InvalidFrameError', async () => {
    const { alice } = await connect('session strict');
    const bytes = serializeSession(alice.session);
    const badFormat = Buffer.from(bytes);
    badFormat[0] = 99;
    const badRole = Buffer.from(bytes);
    badRole[1] = 3;
    for (const bad of [badFormat, badRole, bytes.subarray(0, bytes.length - 1), bytes.subarray(0, 10), Buffer.concat([bytes, Buffer.of(0)]), Buffer.alloc(0)]) {
        assert.throws(() => deserializeSession(bad), InvalidFrameError);
    }
});
test('a restored session shares no memory with the stored bytes, and saved bytes share none with the live session', async () => {
    const { alice, bob } = await connect('session no aliasing');
    const stored = serializeSession(bob.session);
    const expected = Buffer.from(stored);
    const restored = new Party(deserializeSession(stored), bob.rng);
    stored.fill(0xff); // the store reuses or wipes its buffer
    const saved = restored.snapshot();
    assert.deepEqual(saved, expected);
    saved.fill(0);
    assert.deepEqual(restored.snapshot(), expected);
    assert.equal(restored.receiveText(alice.send('still works')), 'still works');
});
test('saved sessions never overlap one another in memory (slab-carved buffers stay separate)', async () => {
    const { alice, bob } = await connect('session saved separately');
    const saved = Array.from({ length: 200 }, (_, i) => serializeSession(i % 2 ? alice.session : bob.session));
    for (const [i, b] of saved.entries()) {
        assert.deepEqual(serializeSession(deserializeSession(b)), b);
        b.fill(i);
    }
    for (const [i, b] of saved.entries())
        assert.ok(b.every((x) => x === i), `saved buffer ${i} was overwritten by another`);
});
//# sourceMappingURL=session.test.js.map