/**
 * Two-party harness for protocol tests (issue 2, Tests): deterministic identities, the invitation
 * handshake, and a `Party` that holds a session the way an app does — replaced on success, kept
 * as it was on error — plus helpers to prove that a rejected input changed no state.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { cryptoReady, deterministicRng, SaltlineError } from '../../src/crypto/index.js';
import { acceptInvitation, createIdentity, createInvitation, decryptMessage, deserializeSession, encryptMessage, respondToInvitation, serializeSession, } from '../../src/protocol/index.js';
/** A deterministic RNG named by a label, so each test has its own reproducible stream. */
export function seededRng(label) {
    return deterministicRng(createHash('sha256').update(label).digest());
}
export function sha256Hex(bytes) {
    return createHash('sha256').update(bytes).digest('hex');
}
export const text = (s) => Buffer.from(s, 'utf8');
/** A copy that shares no secret with the original (what a store round trip gives). */
export function cloneSession(s) {
    return deserializeSession(serializeSession(s));
}
/** One side of a conversation; the session is replaced only when an operation succeeds. */
export class Party {
    session;
    rng;
    constructor(session, rng) {
        this.session = session;
        this.rng = rng;
    }
    send(content) {
        const { state, envelope } = encryptMessage(this.session, typeof content === 'string' ? text(content) : content, { rng: this.rng });
        this.session = state;
        return envelope;
    }
    receive(envelope) {
        const { state, plaintext } = decryptMessage(this.session, envelope, { rng: this.rng });
        this.session = state;
        return plaintext;
    }
    receiveText(envelope) {
        return this.receive(envelope).toString('utf8');
    }
    snapshot() {
        return serializeSession(this.session);
    }
    /** An independent copy of this party (own secrets, and the RNG given). */
    clone(rng = this.rng) {
        return new Party(cloneSession(this.session), rng);
    }
}
/** Alice invites, Bob accepts; nothing has been sent yet. */
export async function invite(label, rng = seededRng(label)) {
    await cryptoReady();
    const aliceId = createIdentity(rng);
    const bobId = createIdentity(rng);
    const { invitation, secrets } = createInvitation(aliceId, { address: text('alice@relay'), rng });
    const bob = new Party(acceptInvitation(bobId, invitation, { address: text('bob@relay'), rng }), rng);
    return { rng, aliceId, bobId, invitation, secrets, bob };
}
/**
 * A full handshake: Bob sends "hello" (a prekey envelope) and Alice responds. With `reply`
 * (the default) Alice answers "hi" and Bob reads it, so both sides are past the handshake.
 */
export async function connect(label, opts = {}) {
    const inv = await invite(label);
    const first = inv.bob.send('hello');
    const responded = respondToInvitation(inv.aliceId, inv.secrets, first, { rng: inv.rng });
    assert.equal(responded.plaintext.toString(), 'hello');
    const alice = new Party(responded.state, inv.rng);
    if (opts.reply ?? true)
        assert.equal(inv.bob.receiveText(alice.send('hi')), 'hi');
    return { rng: inv.rng, aliceId: inv.aliceId, bobId: inv.bobId, invitation: inv.invitation, alice, bob: inv.bob, first };
}
/**
 * Asserts `fn` throws one of `expected` (all SaltlineErrors) and that `state()` serializes to the
 * same bytes before and after: a rejected input changes nothing. Returns the error.
 */
export function expectRejected(state, fn, expected) {
    const classes = typeof expected === 'function' ? [expected] : expected;
    const before = Buffer.from(state());
    let caught;
    try {
        fn();
    }
    catch (e) {
        caught = e;
    }
    assert.ok(caught !== undefined, 'expected a rejection, but the call succeeded');
    assert.ok(caught instanceof SaltlineError, `expected a SaltlineError, got ${inspect(caught)}`);
    const error = caught;
    assert.ok(classes.some((c) => error instanceof c), `expected ${classes.map((c) => c.name).join(' or ')}, got ${error.name}: ${error.message}`);
    assert.deepEqual(Buffer.from(state()), before, 'state changed although the input was rejected');
    return error;
}
/** `expectRejected` for a party's session. */
export function expectPartyRejects(party, envelope, expected) {
    return expectRejected(() => party.snapshot(), () => party.receive(envelope), expected);
}
//# sourceMappingURL=harness.js.map