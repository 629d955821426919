/** Randomness as a dependency (src/crypto/random.ts): the deterministic RNG used by tests and vectors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCipheriv } from 'node:crypto';
import { deterministicRng, InvalidKeyError, systemRng } from '../../src/crypto/index.js';
test('deterministicRng: the same seed gives the same stream; another seed another stream', () => {
    const seed = Buffer.alloc(32, 5);
    const a = deterministicRng(seed);
    const b = deterministicRng(Buffer.from(seed));
    const c = deterministicRng(Buffer.alloc(32, 6));
    for (const n of [32, 1, 64, 0, 1216, 24]) {
        const x = a(n);
        assert.deepEqual(b(n), x);
        assert.equal(x.length, n);
        if (n >= 16)
            assert.notDeepEqual(c(n), x);
        else
            c(n);
    }
});
test('deterministicRng: successive draws differ and the seed buffer is copied', () => {
    const seed = Buffer.alloc(32, 1);
    const rng = deterministicRng(seed);
    const first = rng(32);
    seed.fill(2);
    const second = rng(32);
    assert.notDeepEqual(first, second);
    assert.deepEqual(deterministicRng(Buffer.alloc(32, 1))(32), first);
});
test('deterministicRng: draw i is the ChaCha20 keystream under the seed with nonce i (checked with node:crypto)', () => {
    const seed = Buffer.from(Array.from({ length: 32 }, (_, i) => i));
    const rng = deterministicRng(seed);
    for (let i = 0; i < 4; i++) {
        const n = 40 + i * 30;
        // Original ChaCha20 (64-bit counter ‖ 64-bit nonce) is node's IETF variant with IV = 0^8 ‖ nonce.
        const iv = Buffer.alloc(16);
        iv.writeBigUInt64LE(BigInt(i), 8);
        const cipher = createCipheriv('chacha20', seed, iv);
        assert.deepEqual(rng(n), cipher.update(Buffer.alloc(n)), `draw ${i}`);
    }
});
test('deterministicRng refuses seeds that are not 32 bytes', () => {
    for (const n of [0, 16, 31, 33])
        assert.throws(() => deterministicRng(Buffer.alloc(n)), InvalidKeyError);
});
test('systemRng returns fresh bytes of the requested length', () => {
    assert.equal(systemRng(0).length, 0);
    assert.notDeepEqual(systemRng(32), systemRng(32));
});
//# sourceMappingURL=random.test.js.map