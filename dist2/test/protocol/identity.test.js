/**
 * SECURITY-TESTS #12 (libsignal identity store; Matrix CVE-2022-39250): a changed identity key is
 * an error the caller sees, and verification binds the exact keys (safety numbers and QR codes).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { deterministicRng, identityPublicKey, SaltlineError } from '../../src/crypto/index.js';
import { assertSameIdentity, createIdentity, deserializeIdentity, IdentityChangedError, InvalidFrameError, respondToInvitation, safetyNumber, safetyQrMatches, serializeIdentity, } from '../../src/protocol/index.js';
import { invite, seededRng } from '../helpers/harness.js';
const key = (fill) => identityPublicKey(Buffer.alloc(32, fill));
/** Safety number computed by hand from the documented construction, with node:crypto SHA-512. */
function referenceDigits(a, b) {
    const fingerprint = (k) => {
        let d = createHash('sha512').update(Buffer.from('Saltline/v1/safety-number')).update(k).digest();
        for (let i = 0; i < 5200; i++)
            d = createHash('sha512').update(d).update(k).digest();
        return d.subarray(0, 32);
    };
    const digits = (fp) => {
        let out = '';
        for (let i = 0; i < 30; i += 5)
            out += String(fp.readUIntBE(i, 5) % 100000).padStart(5, '0');
        return out;
    };
    const [x, y] = [fingerprint(a), fingerprint(b)].sort((p, q) => Buffer.compare(p, q));
    return digits(x) + digits(y);
}
test('#12 assertSameIdentity accepts the pinned key and throws IdentityChangedError for a swapped one', () => {
    const rng = seededRng('#12 swap');
    const pinned = createIdentity(rng).publicIdentity.identityKey;
    const other = createIdentity(rng).publicIdentity.identityKey;
    assert.doesNotThrow(() => assertSameIdentity(pinned, identityPublicKey(Buffer.from(pinned))));
    assert.throws(() => assertSameIdentity(pinned, other), IdentityChangedError);
    for (let bit = 0; bit < 256; bit += 37) {
        const flipped = Buffer.from(pinned);
        flipped[bit >> 3] ^= 1 << (bit & 7);
        assert.throws(() => assertSameIdentity(pinned, identityPublicKey(flipped)), IdentityChangedError);
    }
});
test('#12 the handshake reports the initiator identity exactly, so a pinned key can be compared', async () => {
    const { aliceId, bobId, secrets, bob, rng } = await invite('#12 handshake identity');
    const responded = respondToInvitation(aliceId, secrets, bob.send('hello'), { rng });
    assert.deepEqual(responded.peer.identityKey, bobId.publicIdentity.identityKey);
    assert.deepEqual(responded.state.peer.identityKey, bobId.publicIdentity.identityKey);
    assert.doesNotThrow(() => assertSameIdentity(bobId.publicIdentity.identityKey, responded.peer.identityKey));
    assert.throws(() => assertSameIdentity(aliceId.publicIdentity.identityKey, responded.peer.identityKey), IdentityChangedError);
    assert.equal(responded.peerAddress.toString(), 'bob@relay');
});
test('#12 safety numbers: 60 digits in 12 groups, the same on both sides, matching the documented construction', () => {
    const rng = seededRng('#12 safety');
    const a = createIdentity(rng).publicIdentity.identityKey;
    const b = createIdentity(rng).publicIdentity.identityKey;
    const ab = safetyNumber(a, b);
    const ba = safetyNumber(b, a);
    assert.match(ab.digits, /^\d{60}$/);
    assert.equal(ab.groups.length, 12);
    assert.equal(ab.groups.join(''), ab.digits);
    assert.equal(ab.digits, ba.digits);
    assert.deepEqual(ab.qrPayload, ba.qrPayload);
    assert.equal(ab.digits, referenceDigits(a, b));
});
test('#12 safety numbers change when either identity key changes (and are order independent)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat({ max: 255 }), fc.boolean(), (seed, bit, changeFirst) => {
        const rng = deterministicRng(seed);
        const a = createIdentity(rng).publicIdentity.identityKey;
        const b = createIdentity(rng).publicIdentity.identityKey;
        const base = safetyNumber(a, b);
        assert.equal(safetyNumber(b, a).digits, base.digits);
        const changed = Buffer.from(changeFirst ? a : b);
        changed[bit >> 3] ^= 1 << (bit & 7);
        const next = changeFirst ? safetyNumber(identityPublicKey(changed), b) : safetyNumber(a, identityPublicKey(changed));
        assert.notEqual(next.digits, base.digits);
        assert.equal(safetyQrMatches(base, next.qrPayload), false);
    }), { numRuns: 15 });
});
test('#12 QR payload: a scan of the peer’s code matches; any other pair, version or truncation does not', () => {
    const mine = safetyNumber(key(1), key(2));
    const theirs = safetyNumber(key(2), key(1));
    assert.equal(safetyQrMatches(mine, theirs.qrPayload), true);
    assert.equal(mine.qrPayload.length, 65);
    assert.equal(safetyQrMatches(mine, safetyNumber(key(1), key(3)).qrPayload), false);
    assert.equal(safetyQrMatches(mine, safetyNumber(key(3), key(2)).qrPayload), false);
    assert.equal(safetyQrMatches(mine, safetyNumber(key(1), key(1)).qrPayload), false);
    const wrongVersion = Buffer.from(theirs.qrPayload);
    wrongVersion[0] ^= 0xff;
    assert.equal(safetyQrMatches(mine, wrongVersion), false);
    assert.equal(safetyQrMatches(mine, theirs.qrPayload.subarray(0, 64)), false);
    assert.equal(safetyQrMatches(mine, Buffer.concat([theirs.qrPayload, Buffer.of(0)])), false);
    assert.equal(safetyQrMatches(mine, Buffer.alloc(0)), false);
});
test('identity private serialization round-trips and rejects tampering with a typed error', () => {
    const id = createIdentity(seededRng('identity serialization'));
    const bytes = serializeIdentity(id);
    const back = deserializeIdentity(bytes);
    assert.deepEqual(back.publicIdentity, id.publicIdentity);
    assert.deepEqual(serializeIdentity(back), bytes);
    assert.throws(() => deserializeIdentity(bytes.subarray(0, -1)), InvalidFrameError);
    assert.throws(() => deserializeIdentity(Buffer.concat([bytes, Buffer.of(0)])), InvalidFrameError);
    const otherFormat = Buffer.from(bytes);
    otherFormat[0] = 2;
    assert.throws(() => deserializeIdentity(otherFormat), InvalidFrameError);
    // A swapped DH secret no longer matches the signed public key.
    const swapped = Buffer.from(bytes);
    swapped[40] ^= 1;
    assert.throws(() => deserializeIdentity(swapped), SaltlineError);
});
//# sourceMappingURL=identity.test.js.map