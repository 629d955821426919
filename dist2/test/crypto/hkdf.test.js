/**
 * HMAC-SHA256 and HKDF-SHA256 (src/crypto/hkdf.ts) against RFC 5869 and node:crypto, and the
 * KDF known-answer fixture test/fixtures/kdf-vectors.json (SECURITY-TESTS #9), whose ratchet KDFs
 * (keyed BLAKE2b) are recomputed with the WASM libsodium.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { hkdf, hkdfExpand, hkdfExtract, hmacSha256 } from '../../src/crypto/index.js';
import { computeKdfVectors, readFixture, RFC5869 } from '../helpers/vectors.js';
import { wasmSodium } from '../helpers/wasmSodium.js';
const h = (s) => Buffer.from(s, 'hex');
const nodeHkdf = (salt, ikm, info, length) => Buffer.from(hkdfSync('sha256', ikm, salt, info, length));
const nodeHmac = (key, data) => createHmac('sha256', key).update(data).digest();
test('#9 HKDF-SHA256 reproduces RFC 5869 A.1–A.3 (and so does node:crypto)', () => {
    for (const c of RFC5869) {
        const ours = hkdf(h(c.salt), h(c.ikm), h(c.info), c.length);
        assert.equal(ours.toString('hex'), c.okm, c.name);
        assert.equal(nodeHkdf(h(c.salt), h(c.ikm), h(c.info), c.length).toString('hex'), c.okm, `${c.name} (node:crypto)`);
    }
    // A.1's PRK, so extract and expand are each pinned, not only their composition.
    const prk = hkdfExtract(h(RFC5869[0].salt), h(RFC5869[0].ikm));
    assert.equal(prk.toString('hex'), '077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5');
    assert.equal(hkdfExpand(prk, h(RFC5869[0].info), 42).toString('hex'), RFC5869[0].okm);
});
test('#9 HMAC-SHA256 equals node:crypto for random keys (around the block size) and split inputs', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 4 }), (key, parts) => {
        const expected = nodeHmac(key, Buffer.concat(parts));
        assert.deepEqual(hmacSha256(key, ...parts), expected);
    }), { numRuns: 300 });
    for (const keyLength of [0, 63, 64, 65, 128]) {
        const key = Buffer.alloc(keyLength, 0xab);
        assert.deepEqual(hmacSha256(key, Buffer.from('data')), nodeHmac(key, Buffer.from('data')), `key of ${keyLength} bytes`);
    }
});
test('#9 HKDF-SHA256 equals node:crypto hkdfSync on random inputs and lengths', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), fc.uint8Array({ maxLength: 100 }), fc.integer({ min: 1, max: 255 * 32 }), (salt, ikm, info, length) => {
        assert.deepEqual(hkdf(salt, ikm, info, length), nodeHkdf(salt, ikm, info, length));
    }), { numRuns: 200 });
});
test('#9 HKDF refuses an output longer than 255 blocks', () => {
    assert.throws(() => hkdf(Buffer.alloc(32), Buffer.alloc(32), Buffer.alloc(0), 255 * 32 + 1), RangeError);
});
test('#9 kdf-vectors.json is reproduced exactly by the current code', () => {
    assert.deepEqual(computeKdfVectors(), readFixture('kdf-vectors.json'));
});
test('#9 kdf-vectors.json verified independently (node:crypto HKDF/HMAC, WASM libsodium BLAKE2b)', async () => {
    const wasm = await wasmSodium();
    const v = readFixture('kdf-vectors.json');
    assert.ok(v.hkdf.length >= 9 && v.hmac.length >= 7 && v.rootKdf.length >= 3 && v.chainKdf.length >= 3 && v.handshakeKdf.length >= 2);
    for (const c of v.hkdf)
        assert.equal(nodeHkdf(h(c.salt), h(c.ikm), h(c.info), c.length).toString('hex'), c.okm, c.name);
    for (const c of v.hmac)
        assert.equal(nodeHmac(h(c.key), h(c.data)).toString('hex'), c.mac);
    // KDF_RK_HE: RK' ‖ CK = BLAKE2b-512(key = RK, label ‖ 0x01 ‖ DH), NHK = BLAKE2b-256(key = RK, label ‖ 0x02 ‖ DH).
    const label = Buffer.from('Saltline/v1/root-ratchet');
    for (const c of v.rootKdf) {
        const rootInput = (block) => Buffer.concat([label, Buffer.of(block), h(c.dhOutput)]);
        const rootAndChain = Buffer.from(wasm.crypto_generichash(64, rootInput(1), h(c.rootKey))).toString('hex');
        const nextHeaderKey = Buffer.from(wasm.crypto_generichash(32, rootInput(2), h(c.rootKey))).toString('hex');
        assert.equal(rootAndChain + nextHeaderKey, c.nextRootKey + c.chainKey + c.nextHeaderKey);
    }
    // KDF_CK: MK ‖ CK' = BLAKE2b-512(key = CK, 0x01).
    for (const c of v.chainKdf) {
        assert.equal(Buffer.from(wasm.crypto_generichash(64, Buffer.of(1), h(c.chainKey))).toString('hex'), c.messageKey + c.nextChainKey);
    }
    // Handshake: HKDF(salt = 0^32, ikm = 0xFF^32 ‖ DH1 ‖ DH2 ‖ DH3 ‖ ss, info = label ‖ SHA-256(transcript)).
    for (const c of v.handshakeKdf) {
        const transcript = createHash('sha256')
            .update(Buffer.concat([c.invitationId, c.inviter, c.prekey, c.kemKey, c.initiator, c.ephemeral, c.kemCiphertext].map(h)))
            .digest();
        const ikm = Buffer.concat([Buffer.alloc(32, 0xff), h(c.dh1), h(c.dh2), h(c.dh3), h(c.kemSecret)]);
        const info = Buffer.concat([Buffer.from('Saltline/v1/x3dh-xwing'), transcript]);
        const out = nodeHkdf(Buffer.alloc(32), ikm, info, 96).toString('hex');
        assert.equal(out, c.rootKey + c.headerKeyInitiator + c.nextHeaderKeyResponder);
        const ad = createHash('sha256').update(Buffer.from('Saltline/v1/session-ad')).update(h(c.initiator)).update(h(c.inviter)).digest('hex');
        assert.equal(ad, c.ad);
    }
});
//# sourceMappingURL=hkdf.test.js.map