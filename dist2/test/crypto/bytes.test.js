/** Byte helpers (src/crypto/bytes.ts): strict base64url, constant-time comparison. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesEqual, fromBase64Url, isAllZero, toBase64Url, wipe } from '../../src/crypto/index.js';
test('base64url round-trips any bytes and produces no padding', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const s = toBase64Url(bytes);
        assert.match(s, /^[A-Za-z0-9_-]*$/);
        assert.deepEqual(fromBase64Url(s), Buffer.from(bytes));
    }), { numRuns: 300 });
});
test('base64url strict parse rejects padding', () => {
    assert.equal(fromBase64Url('AA=='), undefined);
    assert.equal(fromBase64Url('AAA='), undefined);
    assert.deepEqual(fromBase64Url('AA'), Buffer.of(0));
});
test('base64url strict parse rejects the standard alphabet and any other character', () => {
    const bytes = Buffer.from([0xfb, 0xff, 0xbf]); // "-_-_" in base64url, "+/+/" in base64
    assert.equal(toBase64Url(bytes), '-_-_');
    for (const s of ['+/+/', '-_-/', '-_+_', ' -_-_', '-_-_ ', '-_\n-_', '-_.-', 'AA%3D', 'ÄÄÄÄ'])
        assert.equal(fromBase64Url(s), undefined, JSON.stringify(s));
});
test('base64url strict parse rejects impossible lengths and non-canonical trailing bits', () => {
    assert.equal(fromBase64Url('A'), undefined);
    assert.equal(fromBase64Url('AAAAA'), undefined);
    // "AB" and "AAB" decode to the same bytes as "AA"/"AAA" with nonzero leftover bits.
    assert.equal(fromBase64Url('AB'), undefined);
    assert.equal(fromBase64Url('AAB'), undefined);
    assert.deepEqual(fromBase64Url('AAA'), Buffer.of(0, 0));
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 40 }).filter((b) => b.length % 3 !== 0), fc.integer({ min: 1, max: 15 }), (bytes, junk) => {
        const s = toBase64Url(bytes);
        const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(s.at(-1));
        const spareBits = bytes.length % 3 === 1 ? 4 : 2;
        const mutated = s.slice(0, -1) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[last ^ (junk & ((1 << spareBits) - 1))];
        if (mutated !== s)
            assert.equal(fromBase64Url(mutated), undefined, `${s} → ${mutated}`);
    }), { numRuns: 200 });
});
test('base64url accepts the empty string as zero bytes', () => {
    assert.deepEqual(fromBase64Url(''), Buffer.alloc(0));
});
test('bytesEqual compares contents and lengths; wipe and isAllZero agree', () => {
    assert.equal(bytesEqual(Buffer.of(1, 2, 3), Buffer.of(1, 2, 3)), true);
    assert.equal(bytesEqual(Buffer.of(1, 2, 3), Buffer.of(1, 2, 4)), false);
    assert.equal(bytesEqual(Buffer.of(1, 2, 3), Buffer.of(1, 2)), false);
    assert.equal(bytesEqual(Buffer.alloc(0), new Uint8Array(0)), true);
    const b = Buffer.from('secret');
    assert.equal(isAllZero(b), false);
    wipe(b, undefined, null, Buffer.alloc(0));
    assert.equal(isAllZero(b), true);
});
//# sourceMappingURL=bytes.test.js.map