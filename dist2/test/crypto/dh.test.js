/** X25519 (src/crypto/dh.ts): weak public keys (SECURITY-TESTS #10) and ordinary agreement. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { deterministicRng, dh, dhPublicKey, dhSecretKey, generateDhKeyPair, InvalidKeyError, isWeakDhPublicKey, systemRng, WeakKeyError, } from '../../src/crypto/index.js';
import { sodium } from '../../src/crypto/sodium.js';
import { WEAK_X25519_KEYS } from '../helpers/weakKeys.js';
test('#10 X25519: the 7 blocklisted u-coordinates and their top-bit variants are rejected with WeakKeyError', () => {
    assert.equal(WEAK_X25519_KEYS.length, 14);
    const ours = generateDhKeyPair(systemRng);
    for (const { name, bytes } of WEAK_X25519_KEYS) {
        assert.equal(isWeakDhPublicKey(bytes), true, name);
        assert.throws(() => dh(ours.secretKey, dhPublicKey(bytes)), WeakKeyError, name);
    }
});
test('#10 X25519: the blocklist is really weak (raw libsodium finds an all-zero shared secret for each)', () => {
    // Guards the list itself: if an entry were a normal point this would succeed.
    const scalar = systemRng(32);
    for (const { name, bytes } of WEAK_X25519_KEYS) {
        assert.throws(() => sodium.crypto_scalarmult(Buffer.alloc(32), scalar, bytes), Error, name);
    }
});
test('#10 X25519: public keys of the wrong length are refused', () => {
    for (const n of [0, 31, 33, 64]) {
        assert.throws(() => dhPublicKey(Buffer.alloc(n, 9)), InvalidKeyError);
        assert.equal(isWeakDhPublicKey(Buffer.alloc(n, 9)), true);
    }
});
test('X25519: honest key pairs agree and are never flagged weak', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (seed) => {
        const rng = deterministicRng(seed);
        const a = generateDhKeyPair(rng);
        const b = generateDhKeyPair(rng);
        assert.equal(isWeakDhPublicKey(a.publicKey), false);
        const ab = dh(a.secretKey, b.publicKey);
        const ba = dh(b.secretKey, a.publicKey);
        assert.deepEqual(ab.expose(), ba.expose());
    }), { numRuns: 50 });
});
test('X25519: a wiped secret key is reported as such, not as a weak peer key', () => {
    const peer = generateDhKeyPair(systemRng);
    const wiped = dhSecretKey(systemRng(32));
    wiped.wipe();
    // BUG (src/crypto/dh.ts, dh()): the try/catch around crypto_scalarmult also catches the
    // InvalidKeyError from expose() and rethrows it as WeakKeyError ("public key is weak").
    assert.throws(() => dh(wiped, peer.publicKey), InvalidKeyError);
});
//# sourceMappingURL=dh.test.js.map