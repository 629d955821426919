/**
 * SECURITY-TESTS #19 (Trail of Bits 2022, padding findings): padding edges — empty, exactly the
 * maximum, one byte more — round-trip or are refused cleanly, and every envelope is exactly one
 * of ENVELOPE_BUCKETS bytes long.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Secret } from '../../src/crypto/index.js';
import { acceptInvitation, ENVELOPE_BUCKETS, envelopeOverhead, InvalidFrameError, MAX_ADDRESS_BYTES, MAX_ENVELOPE_BYTES, maxPlaintextBytes, MessageTooLargeError, pad, unpad, } from '../../src/protocol/index.js';
import { kdfChain } from '../../src/protocol/ratchet/kdf.js';
import { forgedMessage } from '../helpers/craft.js';
import { connect, expectPartyRejects, expectRejected, invite, Party } from '../helpers/harness.js';
/** Sends `content` from `from` to `to` and checks the round trip and the envelope's size. */
function roundTrip(from, to, content) {
    const envelope = from.send(content);
    assert.ok(ENVELOPE_BUCKETS.includes(envelope.length), `envelope of ${envelope.length} bytes`);
    assert.deepEqual(to.receive(envelope), content);
    return envelope.length;
}
test('#19 empty content round-trips, on the handshake message and on an established session', async () => {
    const { bob, alice } = await connect('#19 empty', { reply: false });
    assert.equal(roundTrip(bob, alice, Buffer.alloc(0)), 2048); // still a prekey envelope
    assert.equal(roundTrip(alice, bob, Buffer.alloc(0)), 512);
    assert.equal(roundTrip(bob, alice, Buffer.alloc(0)), 512);
});
test('#19 exactly the maximum round-trips in a maximum-size envelope; one byte more is MessageTooLargeError and consumes nothing', async () => {
    const { bob, alice } = await connect('#19 max', { reply: false });
    for (const [from, to] of [
        [bob, alice], // prekey envelope: the maximum is smaller
        [alice, bob],
        [bob, alice],
    ]) {
        const max = maxPlaintextBytes(from.session);
        assert.equal(max, MAX_ENVELOPE_BYTES - envelopeOverhead(from.session.pendingPrekey) - 1);
        expectRejected(() => from.snapshot(), () => from.send(Buffer.alloc(max + 1, 0x42)), MessageTooLargeError);
        expectRejected(() => from.snapshot(), () => from.send(Buffer.alloc(MAX_ENVELOPE_BYTES, 0x42)), MessageTooLargeError);
        assert.equal(roundTrip(from, to, Buffer.alloc(max, 0x42)), MAX_ENVELOPE_BYTES);
    }
    assert.ok(maxPlaintextBytes(alice.session) > 65_000);
});
test('#19 every bucket boundary: the largest content for a bucket fills it, one byte more takes the next', async () => {
    const { bob, alice } = await connect('#19 boundaries');
    const overhead = envelopeOverhead(null);
    for (const [i, bucket] of ENVELOPE_BUCKETS.entries()) {
        const fits = bucket - overhead - 1;
        assert.equal(roundTrip(alice, bob, Buffer.alloc(fits, 0x80)), bucket);
        const next = ENVELOPE_BUCKETS[i + 1];
        if (next)
            assert.equal(roundTrip(bob, alice, Buffer.alloc(fits + 1, 0)), next);
    }
});
test('#19 random sizes: every envelope is the smallest bucket that fits, and content survives exactly', async () => {
    const { bob, alice } = await connect('#19 random sizes');
    const overhead = envelopeOverhead(null);
    fc.assert(fc.property(fc.integer({ min: 0, max: maxPlaintextBytes(alice.session) }), fc.constantFrom(0x00, 0x80, 0xff, 0x01), (n, fill) => {
        const length = roundTrip(alice, bob, Buffer.alloc(n, fill));
        assert.equal(length, ENVELOPE_BUCKETS.find((b) => b >= n + 1 + overhead));
    }), { numRuns: 60 });
});
test('#19 content that looks like padding (trailing 0x80 and zero bytes) round-trips unchanged', async () => {
    const { bob, alice } = await connect('#19 padding-like content');
    for (const content of [[0x80], [0x00], [0x80, 0x00, 0x00], [0x00, 0x80], [0x80, 0x80], Array(100).fill(0)]) {
        roundTrip(alice, bob, Buffer.from(content));
    }
});
test('#19 a body with broken padding is refused with InvalidFrameError and changes no state', async () => {
    const { alice, bob, rng } = await connect('#19 broken padding');
    const plainLength = 512 - envelopeOverhead(null);
    for (const broken of [Buffer.alloc(plainLength), Buffer.concat([Buffer.from('text'), Buffer.alloc(plainLength - 5), Buffer.of(1)])]) {
        const { messageKey } = kdfChain(Secret.copyOf('ChainKey', 32, alice.session.ratchet.cks.expose()));
        const forged = forgedMessage(alice.session, { n: alice.session.ratchet.ns }, messageKey, broken, rng, { unpadded: true });
        expectPartyRejects(bob, forged, InvalidFrameError);
    }
    // The genuine message with the same counter still decrypts.
    assert.equal(bob.receiveText(alice.send('genuine')), 'genuine');
});
test('#19 pad and unpad: inverse on any content; unpad refuses input without a marker', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom(0, 98, 1438), (content, overhead) => {
        const padded = pad(content, overhead);
        assert.ok(ENVELOPE_BUCKETS.includes(padded.length + overhead));
        assert.deepEqual(unpad(padded), Buffer.from(content));
    }), { numRuns: 200 });
    for (const bad of [Buffer.alloc(0), Buffer.alloc(10), Buffer.of(1, 0, 0), Buffer.of(0x80, 0x81)])
        assert.throws(() => unpad(bad), InvalidFrameError);
    assert.throws(() => pad(Buffer.alloc(MAX_ENVELOPE_BYTES), 0), MessageTooLargeError);
});
test('#19 the prekey envelope is padded to a bucket too, whatever the address length', async () => {
    const { bobId, invitation, rng } = await invite('#19 prekey');
    for (const addressLength of [0, 1, 500, MAX_ADDRESS_BYTES]) {
        const bob = new Party(acceptInvitation(bobId, invitation, { address: Buffer.alloc(addressLength, 0x61), rng }), rng);
        for (const n of [0, 1, 600, maxPlaintextBytes(bob.session)]) {
            const e = bob.send(Buffer.alloc(n, 7));
            assert.ok(ENVELOPE_BUCKETS.includes(e.length), `address ${addressLength}, content ${n}: ${e.length} bytes`);
        }
        expectRejected(() => bob.snapshot(), () => bob.send(Buffer.alloc(maxPlaintextBytes(bob.session) + 1)), MessageTooLargeError);
    }
    assert.throws(() => acceptInvitation(bobId, invitation, { address: Buffer.alloc(MAX_ADDRESS_BYTES + 1), rng }), InvalidFrameError);
});
//# sourceMappingURL=padding.test.js.map