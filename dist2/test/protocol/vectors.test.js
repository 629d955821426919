/**
 * SECURITY-TESTS #9 (Trail of Bits 2022: SimpleX's X3DH had no KDF): the handshake secret is
 * HKDF over every DH output and the X-Wing secret under its own label, pinned by known-answer
 * fixtures and recomputed here independently — X25519 with raw sodium-native, X-Wing and the
 * ratchet's keyed BLAKE2b with the WASM libsodium, HKDF and SHA-256 with node:crypto. The ratchet
 * fixture pins exact wire bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, hkdfSync } from 'node:crypto';
import { cryptoReady, Secret } from '../../src/crypto/index.js';
import { sodium } from '../../src/crypto/sodium.js';
import { deriveHandshakeKeys } from '../../src/protocol/index.js';
import { HANDSHAKE_SEEDS, RATCHET_SEEDS, readFixture, runHandshakeVector, runRatchetVector, } from '../helpers/vectors.js';
import { wasmSodium } from '../helpers/wasmSodium.js';
const h = (s) => Buffer.from(s, 'hex');
const handshakeFixtures = readFixture('handshake-vectors.json');
const ratchetFixtures = readFixture('ratchet-vectors.json');
function x25519(secret, pub) {
    const out = Buffer.alloc(32);
    sodium.crypto_scalarmult(out, secret, pub);
    return out;
}
function x25519Base(secret) {
    const out = Buffer.alloc(32);
    sodium.crypto_scalarmult_base(out, secret);
    return out;
}
function ed25519Public(seed) {
    const pk = Buffer.alloc(32);
    sodium.crypto_sign_seed_keypair(pk, Buffer.alloc(64), seed);
    return pk;
}
const nodeHkdf = (salt, ikm, info, n) => Buffer.from(hkdfSync('sha256', ikm, salt, info, n));
const sha256 = (...parts) => parts.reduce((hash, p) => hash.update(p), createHash('sha256')).digest();
/** Everything the independent computation needs, parsed by hand from the fixture's bytes. */
function parseFixture(v) {
    const aliceIdentity = h(v.aliceIdentity); // format ‖ Ed25519 seed ‖ X25519 secret ‖ signature
    const bobIdentity = h(v.bobIdentity);
    const publicIdentity = (serialized) => Buffer.concat([ed25519Public(serialized.subarray(1, 33)), x25519Base(serialized.subarray(33, 65)), serialized.subarray(65, 129)]);
    const invitation = h(v.invitation); // version ‖ id ‖ inviter (128) ‖ prekey ‖ X-Wing key ‖ u16 address ‖ signature
    const secrets = h(v.invitationSecrets); // format ‖ id ‖ prekey secret ‖ X-Wing seed
    return {
        aliceDhSecret: aliceIdentity.subarray(33, 65),
        bobDhSecret: bobIdentity.subarray(33, 65),
        alicePublic: publicIdentity(aliceIdentity),
        bobPublic: publicIdentity(bobIdentity),
        invitationId: invitation.subarray(1, 17),
        inviterInInvitation: invitation.subarray(17, 145),
        prekey: invitation.subarray(145, 177),
        kemKey: invitation.subarray(177, 177 + 1216),
        prekeySecret: secrets.subarray(17, 49),
        kemSeed: secrets.subarray(49, 81),
        ephemeralSecret: h(v.acceptDraws[0]),
        encapsulationSeed: h(v.acceptDraws[1]),
    };
}
test('#9 handshake-vectors.json is reproduced exactly by the current code', async () => {
    await cryptoReady();
    assert.equal(handshakeFixtures.length, HANDSHAKE_SEEDS.length);
    for (const [i, seed] of HANDSHAKE_SEEDS.entries())
        assert.deepEqual(runHandshakeVector(seed).vector, handshakeFixtures[i]);
});
test('#9 handshake root key recomputed independently: raw X25519, WASM X-Wing, node:crypto HKDF over DH1‖DH2‖DH3‖ss, WASM BLAKE2b root step', async () => {
    await cryptoReady();
    const wasm = await wasmSodium();
    for (const v of handshakeFixtures) {
        const f = parseFixture(v);
        assert.deepEqual(f.inviterInInvitation, f.alicePublic);
        assert.deepEqual(x25519Base(f.prekeySecret), f.prekey);
        assert.equal(x25519Base(f.ephemeralSecret).toString('hex'), v.ephemeral, 'first draw is the ephemeral secret');
        const dh1 = x25519(f.bobDhSecret, f.prekey); // DH(IK_B, OPK_A)
        const dh2 = x25519(f.ephemeralSecret, f.alicePublic.subarray(32, 64)); // DH(EK_B, IK_A)
        const dh3 = x25519(f.ephemeralSecret, f.prekey); // DH(EK_B, OPK_A)
        // The responder's view agrees: DH(OPK_A, IK_B), DH(IK_A, EK_B), DH(OPK_A, EK_B).
        assert.deepEqual(x25519(f.prekeySecret, f.bobPublic.subarray(32, 64)), dh1);
        assert.deepEqual(x25519(f.aliceDhSecret, x25519Base(f.ephemeralSecret)), dh2);
        assert.deepEqual(x25519(f.prekeySecret, x25519Base(f.ephemeralSecret)), dh3);
        const kem = wasm.crypto_kem_xwing_seed_keypair(f.kemSeed);
        assert.deepEqual(Buffer.from(kem.publicKey), f.kemKey);
        const enc = wasm.crypto_kem_xwing_enc_deterministic(f.kemKey, f.encapsulationSeed);
        assert.equal(Buffer.from(enc.ciphertext).toString('hex'), v.kemCiphertext);
        const ss = Buffer.from(enc.sharedSecret);
        assert.deepEqual(Buffer.from(wasm.crypto_kem_xwing_dec(enc.ciphertext, f.kemSeed)), ss);
        const transcript = sha256(f.invitationId, f.alicePublic, f.prekey, f.kemKey, f.bobPublic, x25519Base(f.ephemeralSecret), enc.ciphertext);
        const okm = nodeHkdf(Buffer.alloc(32), Buffer.concat([Buffer.alloc(32, 0xff), dh1, dh2, dh3, ss]), Buffer.concat([Buffer.from('Saltline/v1/x3dh-xwing'), transcript]), 96);
        assert.equal(okm.subarray(0, 32).toString('hex'), v.rootKey, 'root key');
        assert.equal(okm.subarray(32, 64).toString('hex'), v.headerKeyInitiator, 'initiator header key');
        assert.equal(okm.subarray(64, 96).toString('hex'), v.nextHeaderKeyResponder, 'responder next header key');
        assert.equal(sha256(Buffer.from('Saltline/v1/session-ad'), f.bobPublic, f.alicePublic).toString('hex'), v.ad);
        // deriveHandshakeKeys itself, fed the independently computed values.
        const identity = (b) => ({ identityKey: b.subarray(0, 32), dhKey: b.subarray(32, 64), dhSignature: b.subarray(64) });
        const s = (b) => Secret.copyOf('SharedSecret', 32, b);
        const keys = deriveHandshakeKeys(s(dh1), s(dh2), s(dh3), s(ss), {
            invitationId: f.invitationId,
            inviter: identity(f.alicePublic),
            prekey: f.prekey,
            kemKey: f.kemKey,
            initiator: identity(f.bobPublic),
            ephemeral: x25519Base(f.ephemeralSecret),
            kemCiphertext: Buffer.from(enc.ciphertext),
        });
        assert.deepEqual(Buffer.concat([keys.rootKey.expose(), keys.headerKeyInitiator.expose(), keys.nextHeaderKeyResponder.expose()]), okm);
        assert.equal(keys.ad.toString('hex'), v.ad);
        // The initiator's first ratchet state (RatchetInitAlice) uses exactly these keys.
        const r = v.initiatorRatchet;
        assert.equal(r.hks, v.headerKeyInitiator);
        assert.equal(r.nhkr, v.nextHeaderKeyResponder);
        // Its first root step (KDF_RK_HE, keyed BLAKE2b) computed with the WASM libsodium.
        const rootInput = (block) => Buffer.concat([Buffer.from('Saltline/v1/root-ratchet'), Buffer.of(block), x25519(h(r.dhs), f.prekey)]);
        const firstStep = Buffer.concat([wasm.crypto_generichash(64, rootInput(1), okm.subarray(0, 32)), wasm.crypto_generichash(32, rootInput(2), okm.subarray(0, 32))]);
        assert.equal(firstStep.toString('hex'), r.rk + r.cks + r.nhks);
    }
});
test('#9 every handshake input changes the root key (all DH outputs and the KEM secret are in the KDF)', () => {
    const identity = (fill) => ({ identityKey: Buffer.alloc(32, fill), dhKey: Buffer.alloc(32, fill + 1), dhSignature: Buffer.alloc(64, fill + 2) });
    const base = { dh1: 1, dh2: 2, dh3: 3, ss: 4 };
    const transcript = {
        invitationId: Buffer.alloc(16, 5),
        inviter: identity(6),
        prekey: Buffer.alloc(32, 9),
        kemKey: Buffer.alloc(1216, 10),
        initiator: identity(11),
        ephemeral: Buffer.alloc(32, 14),
        kemCiphertext: Buffer.alloc(1120, 15),
    };
    const root = (v, t = transcript) => {
        const s = (n) => Secret.copyOf('SharedSecret', 32, Buffer.alloc(32, n));
        return deriveHandshakeKeys(s(v.dh1), s(v.dh2), s(v.dh3), s(v.ss), t).rootKey.expose().toString('hex');
    };
    const seen = new Set([root(base)]);
    for (const k of Object.keys(base))
        seen.add(root({ ...base, [k]: 99 }));
    for (const k of Object.keys(transcript)) {
        const changed = k === 'inviter' || k === 'initiator' ? identity(77) : Buffer.alloc(transcript[k].length, 77);
        seen.add(root(base, { ...transcript, [k]: changed }));
    }
    assert.equal(seen.size, 1 + 4 + 7);
});
test('#9 ratchet-vectors.json: a fixed script both ways gives the same envelopes and final states', async () => {
    await cryptoReady();
    assert.equal(ratchetFixtures.length, RATCHET_SEEDS.length);
    for (const [i, seed] of RATCHET_SEEDS.entries()) {
        const fresh = runRatchetVector(seed);
        const fixture = ratchetFixtures[i];
        assert.deepEqual(fresh.envelopes, fixture.envelopes);
        assert.equal(fresh.aliceSessionSha256, fixture.aliceSessionSha256);
        assert.equal(fresh.bobSessionSha256, fixture.bobSessionSha256);
        assert.deepEqual(fresh, fixture);
    }
});
//# sourceMappingURL=vectors.test.js.map