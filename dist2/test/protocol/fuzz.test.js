/**
 * SECURITY-TESTS #18 (OpenMLS and vodozemac fuzzing): random and mutated bytes into every parser
 * and receiving function. Only SaltlineError subclasses may be thrown (never TypeError or
 * RangeError), nothing is ever accepted that was not sent, and no state changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { SaltlineError } from '../../src/crypto/index.js';
import { acceptInvitation, decodeInvitation, decodePublicIdentity, decryptMessage, deserializeIdentity, deserializeInvitationSecrets, deserializeSession, encodeInvitation, encryptMessage, ENVELOPE_BUCKETS, INVITATION_LINK_PREFIX, InvalidFrameError, invitationFromLink, invitationToLink, MAX_ENVELOPE_BYTES, parseEnvelope, respondToInvitation, serializeIdentity, serializeInvitationSecrets, serializeSession, } from '../../src/protocol/index.js';
import { signedInvitation } from '../helpers/craft.js';
import { cloneSession, connect, invite, text } from '../helpers/harness.js';
/** Error names seen per target, to check the fuzzing reaches past the first length check. */
const seen = new Map();
/** Runs `fn`; a throw must be a SaltlineError. Returns whether it succeeded. */
function typedOrOk(fn, what) {
    const names = seen.get(what) ?? new Set();
    seen.set(what, names);
    try {
        fn();
        names.add('ok');
        return true;
    }
    catch (e) {
        assert.ok(e instanceof SaltlineError, `${what} threw an untyped ${e instanceof Error ? e.name : typeof e}: ${String(e)}`);
        names.add(e.name);
        return false;
    }
}
function reached(what, ...names) {
    const got = seen.get(what) ?? new Set();
    for (const n of names)
        assert.ok(got.has(n), `${what} never produced ${n} (saw ${[...got].join(', ')})`);
}
/** Mutations of a genuine input: bit flips, overwrites, truncation, extension, splices. */
function mutated(base) {
    const pos = fc.nat({ max: base.length - 1 });
    return fc.oneof(fc.array(fc.tuple(pos, fc.nat({ max: 7 })), { minLength: 1, maxLength: 4 }).map((flips) => {
        const out = Buffer.from(base);
        for (const [p, b] of flips)
            out[p] ^= 1 << b;
        return out;
    }), fc.tuple(pos, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([p, bytes]) => {
        const out = Buffer.from(base);
        out.set(bytes.subarray(0, out.length - p), p);
        return out;
    }), pos.map((n) => base.subarray(0, n)), fc.uint8Array({ minLength: 1, maxLength: 300 }).map((extra) => Buffer.concat([base, extra])), fc.tuple(pos, pos).map(([a, b]) => Buffer.concat([base.subarray(0, Math.min(a, b)), base.subarray(Math.max(a, b))]))).filter((m) => !m.equals(base));
}
/** A frame of a real envelope size with version 1 and a type byte, so parsing goes deep. */
const plausibleFrame = fc
    .tuple(fc.constantFrom(...ENVELOPE_BUCKETS.slice(0, 2)), fc.constantFrom(1, 2, 3), fc.uint8Array({ minLength: 64, maxLength: 64 }))
    .map(([size, type, seed]) => {
    const out = Buffer.alloc(size);
    for (let i = 0; i < size; i++)
        out[i] = seed[i % 64] ^ (i * 31);
    out[0] = 1;
    out[1] = type;
    // A plausible sealed-identity length for a prekey frame.
    if (type === 2 && size >= 2048)
        out.writeUInt16BE(170 + (seed[0] % 20), 1170);
    return out;
});
/** Random bytes, mostly of a valid envelope size with a plausible version and type byte. */
const randomFrames = fc.oneof({ weight: 1, arbitrary: fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.from(b)) }, { weight: 3, arbitrary: plausibleFrame });
test('#18 oversized frames are refused with InvalidFrameError before any work', async () => {
    const { alice, bob } = await connect('#18 oversized');
    for (const size of [MAX_ENVELOPE_BYTES + 1, MAX_ENVELOPE_BYTES * 2, 1 << 20, 16 << 20]) {
        const big = Buffer.alloc(size, 1);
        assert.throws(() => parseEnvelope(big), InvalidFrameError);
        const before = serializeSession(bob.session);
        assert.throws(() => decryptMessage(bob.session, big, { rng: bob.rng }), InvalidFrameError);
        assert.deepEqual(serializeSession(bob.session), before);
    }
    // Each bucket size parses; one byte more or less does not.
    const genuine = alice.send('x');
    assert.throws(() => parseEnvelope(genuine.subarray(0, -1)), InvalidFrameError);
    assert.throws(() => parseEnvelope(Buffer.concat([genuine, Buffer.of(0)])), InvalidFrameError);
    assert.equal(bob.receiveText(genuine), 'x');
});
test('#18 parseEnvelope: random and mutated frames throw only typed errors', async () => {
    const { alice } = await connect('#18 parse');
    const genuine = [alice.send('short'), alice.send('y'.repeat(3000))];
    fc.assert(fc.property(fc.oneof(randomFrames, mutated(genuine[0]), mutated(genuine[1])), (frame) => {
        typedOrOk(() => parseEnvelope(frame), 'parseEnvelope');
    }), { numRuns: 500 });
    reached('parseEnvelope', 'ok', 'InvalidFrameError');
});
test('#18 decryptMessage: random and mutated envelopes are never accepted, throw only typed errors, change no state', async () => {
    const { alice, bob } = await connect('#18 decrypt');
    const pending = [alice.send('one'), alice.send('two')];
    assert.equal(alice.receiveText(bob.send('turn')), 'turn');
    const dhStep = alice.send('three'); // a DH step for Bob
    const before = serializeSession(bob.session);
    fc.assert(fc.property(fc.oneof(randomFrames, mutated(pending[0]), mutated(pending[1]), mutated(dhStep)), (frame) => {
        const ok = typedOrOk(() => decryptMessage(bob.session, frame, { rng: bob.rng }), 'decryptMessage');
        assert.equal(ok, false, 'a frame that was never sent was accepted');
        assert.deepEqual(serializeSession(bob.session), before);
    }), { numRuns: 400 });
    reached('decryptMessage', 'InvalidFrameError', 'DecryptError', 'InvitationUsedError');
    assert.equal(bob.receiveText(pending[1]), 'two');
    assert.equal(bob.receiveText(dhStep), 'three');
    assert.equal(bob.receiveText(pending[0]), 'one');
});
test('#18 respondToInvitation: random and mutated handshakes are never accepted, throw only typed errors, secrets intact', async () => {
    const { aliceId, secrets, bob, rng } = await invite('#18 respond');
    const genuine = bob.send('hello');
    const before = serializeInvitationSecrets(secrets);
    fc.assert(fc.property(fc.oneof(randomFrames, mutated(genuine)), (frame) => {
        const ok = typedOrOk(() => respondToInvitation(aliceId, secrets, frame, { rng }), 'respondToInvitation');
        assert.equal(ok, false, 'a handshake that was never sent was accepted');
        assert.deepEqual(serializeInvitationSecrets(secrets), before);
    }), { numRuns: 300 });
    reached('respondToInvitation', 'InvalidFrameError', 'DecryptError', 'InvitationUsedError');
    assert.equal(respondToInvitation(aliceId, secrets, genuine, { rng }).plaintext.toString(), 'hello');
});
test('#18 decodeInvitation and invitationFromLink: random and mutated input throws only typed errors', async () => {
    const { invitation } = await invite('#18 invitation');
    const encoded = encodeInvitation(invitation);
    const link = invitationToLink(invitation);
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)), mutated(encoded)), (bytes) => {
        assert.equal(typedOrOk(() => decodeInvitation(bytes), 'decodeInvitation'), false);
        assert.equal(typedOrOk(() => invitationFromLink(INVITATION_LINK_PREFIX + bytes.toString('base64url')), 'invitationFromLink'), false);
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }).map((s) => INVITATION_LINK_PREFIX + s), fc.tuple(fc.nat({ max: link.length }), fc.string({ maxLength: 8 })).map(([i, s]) => link.slice(0, i) + s + link.slice(i + 1))), (s) => {
        typedOrOk(() => invitationFromLink(s), 'invitationFromLink');
    }), { numRuns: 500 });
});
test('#18 deserializeSession: random and mutated state bytes throw only typed errors; parsable ones stay typed in use', async () => {
    const { alice, bob } = await connect('#18 session');
    const pendingForBob = alice.send('for bob');
    const states = [serializeSession(alice.session), serializeSession(bob.session)];
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)), mutated(states[0]), mutated(states[1])), (bytes) => {
        let restored;
        typedOrOk(() => (restored = deserializeSession(bytes)), 'deserializeSession');
        if (!restored)
            return;
        const s = restored;
        // A corrupted state that still parses must fail cleanly too, not crash.
        typedOrOk(() => serializeSession(s), 'serializeSession of a restored state');
        typedOrOk(() => decryptMessage(cloneSessionOrSelf(s), pendingForBob, { rng: bob.rng }), 'decryptMessage with a corrupted state');
        typedOrOk(() => encryptMessage(cloneSessionOrSelf(s), text('x'), { rng: bob.rng }), 'encryptMessage with a corrupted state');
    }), { numRuns: 400 });
    reached('deserializeSession', 'ok', 'InvalidFrameError');
    reached('decryptMessage with a corrupted state', 'DecryptError');
    assert.equal(bob.receiveText(pendingForBob), 'for bob');
});
function cloneSessionOrSelf(s) {
    try {
        return cloneSession(s);
    }
    catch {
        return s;
    }
}
test('#18 other stored-state parsers (identity, invitation secrets, public identity) throw only typed errors', async () => {
    const { aliceId, secrets } = await invite('#18 stored parsers');
    const identity = serializeIdentity(aliceId);
    const stored = serializeInvitationSecrets(secrets);
    const pub = Buffer.concat([aliceId.publicIdentity.identityKey, aliceId.publicIdentity.dhKey, aliceId.publicIdentity.dhSignature]);
    fc.assert(fc.property(fc.oneof(mutated(identity), mutated(stored), mutated(pub), fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b))), (bytes) => {
        typedOrOk(() => deserializeIdentity(bytes), 'deserializeIdentity');
        typedOrOk(() => deserializeInvitationSecrets(bytes), 'deserializeInvitationSecrets');
        typedOrOk(() => decodePublicIdentity(bytes), 'decodePublicIdentity');
    }), { numRuns: 300 });
});
test('#18 an invitation carrying a malformed X-Wing public key (signed by its inviter) fails with a typed error', async () => {
    const { aliceId, bobId, invitation, rng } = await invite('#18 malformed KEM key');
    // ML-KEM-768 encapsulation keys must hold coefficients below q = 3329; 0xFF… does not.
    const encoded = signedInvitation(aliceId, { ...invitation, kemKey: Buffer.alloc(invitation.kemKey.length, 0xff) });
    let parsed;
    if (!typedOrOk(() => (parsed = decodeInvitation(encoded)), 'decodeInvitation (malformed KEM key)'))
        return;
    const checked = parsed;
    // BUG (src/protocol/invitation.ts decodeInvitation does not validate the X-Wing key, and
    // src/crypto/kem.ts kemEncapsulate lets libsodium-wrappers' plain `Error: invalid usage`
    // escape): a malicious inviter can make acceptInvitation throw an untyped error.
    typedOrOk(() => acceptInvitation(bobId, checked, { address: text('b'), rng }), 'acceptInvitation (malformed KEM key)');
});
//# sourceMappingURL=fuzz.test.js.map