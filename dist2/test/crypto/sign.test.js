/** Ed25519 (src/crypto/sign.ts): malleable and small-order cases (SECURITY-TESTS #11). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { assertSignature, assertValidSigningPublicKey, deterministicRng, generateSigningKeyPair, isValidSigningPublicKey, sign, SignatureError, signingKeyPairFromSeed, verify, WeakKeyError, } from '../../src/crypto/index.js';
import { SMALL_ORDER_ED25519_KEYS } from '../helpers/weakKeys.js';
/** The order of Ed25519's prime-order subgroup. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;
const toLe = (n) => {
    const out = Buffer.alloc(32);
    for (let i = 0; i < 32; i++)
        out[i] = Number((n >> BigInt(8 * i)) & 0xffn);
    return out;
};
const fromLe = (b) => b.reduceRight((acc, byte) => (acc << 8n) | BigInt(byte), 0n);
const pair = signingKeyPairFromSeed(Buffer.alloc(32, 11));
const message = Buffer.from('Saltline/v1/invitation test message');
test('#11 Ed25519: a signature with S + L (same value mod L, non-canonical) is rejected', () => {
    const sig = sign(pair.secretKey, message);
    assert.equal(verify(pair.publicKey, message, sig), true);
    const s = fromLe(sig.subarray(32));
    assert.ok(s < L);
    const malleated = Buffer.concat([sig.subarray(0, 32), toLe(s + L)]);
    assert.equal(verify(pair.publicKey, message, malleated), false);
    assert.throws(() => assertSignature(pair.publicKey, message, malleated), SignatureError);
});
test('#11 Ed25519: S = L and S with the top bits set are rejected', () => {
    const sig = sign(pair.secretKey, message);
    for (const s of [toLe(L), toLe(2n ** 256n - 1n), toLe(fromLe(sig.subarray(32)) + 2n ** 255n)]) {
        assert.equal(verify(pair.publicKey, message, Buffer.concat([sig.subarray(0, 32), s])), false);
    }
});
test('#11 Ed25519: small-order public keys are refused, including the "signs everything" forgery', () => {
    const identityPoint = Buffer.from(SMALL_ORDER_ED25519_KEYS[0].bytes);
    for (const { name, bytes } of SMALL_ORDER_ED25519_KEYS) {
        assert.equal(isValidSigningPublicKey(bytes), false, name);
        assert.throws(() => assertValidSigningPublicKey(bytes), WeakKeyError, name);
        // With A and R of small order and S = 0, a cofactorless check [S]B = R + [k]A holds for any
        // message when A = R = identity; libsodium must refuse it.
        const forged = Buffer.concat([identityPoint, Buffer.alloc(32)]);
        assert.equal(verify(bytes, message, forged), false, name);
        assert.throws(() => assertSignature(bytes, message, forged), SignatureError, name);
    }
});
test('#11 Ed25519: a small-order R in an otherwise well-formed signature is rejected', () => {
    const sig = sign(pair.secretKey, message);
    for (const { name, bytes } of SMALL_ORDER_ED25519_KEYS) {
        assert.equal(verify(pair.publicKey, message, Buffer.concat([bytes, sig.subarray(32)])), false, name);
    }
});
test('#11 Ed25519: genuine signatures verify; any flipped bit in message, signature or key does not', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ maxLength: 100 }), fc.nat(), (seed, msg, flip) => {
        const kp = generateSigningKeyPair(deterministicRng(seed));
        const sig = sign(kp.secretKey, msg);
        assert.equal(verify(kp.publicKey, msg, sig), true);
        const badSig = Buffer.from(sig);
        badSig[(flip >> 3) % 64] ^= 1 << (flip & 7);
        assert.equal(verify(kp.publicKey, msg, badSig), false);
        const badKey = Buffer.from(kp.publicKey);
        badKey[(flip >> 3) % 32] ^= 1 << (flip & 7);
        assert.equal(verify(badKey, msg, sig), false);
        if (msg.length > 0) {
            const badMsg = Buffer.from(msg);
            badMsg[(flip >> 3) % msg.length] ^= 1 << (flip & 7);
            assert.equal(verify(kp.publicKey, badMsg, sig), false);
        }
    }), { numRuns: 100 });
});
test('#11 Ed25519: wrong-length signatures and keys are rejected without throwing', () => {
    const sig = sign(pair.secretKey, message);
    assert.equal(verify(pair.publicKey, message, sig.subarray(0, 63)), false);
    assert.equal(verify(pair.publicKey, message, Buffer.concat([sig, Buffer.of(0)])), false);
    assert.equal(verify(pair.publicKey.subarray(0, 31), message, sig), false);
});
//# sourceMappingURL=sign.test.js.map