/**
 * Known-answer vectors (SECURITY-TESTS #9, issue 2 Tests): the computations behind
 * test/fixtures/*.json. `test/fixtures/generate.ts` runs them once and writes the JSON; the tests
 * run them again and compare, so any change to the KDFs, the handshake or the ratchet's wire
 * output shows up as a failing test. Independent re-computations live in the tests themselves.
 */
import { readFileSync } from 'node:fs';
import { deterministicRng, dh, dhPublicFromSecret, dhSecretKey, hkdf, hmacSha256, kemDecapsulate, Secret, toHex, } from '../../src/crypto/index.js';
import { acceptInvitation, createIdentity, createInvitation, decryptMessage, deriveHandshakeKeys, encodeInvitation, encryptMessage, respondToInvitation, safetyNumber, serializeIdentity, serializeInvitationSecrets, serializeSession, } from '../../src/protocol/index.js';
import { kdfChain, kdfRoot } from '../../src/protocol/ratchet/kdf.js';
import { sha256Hex, text } from './harness.js';
export const FIXTURES_DIR = new URL('../../../test/fixtures/', import.meta.url);
export function readFixture(name) {
    return JSON.parse(readFileSync(new URL(name, FIXTURES_DIR), 'utf8'));
}
/** Seed bytes (each seed is 32 copies of the byte) of the checked-in vectors. */
export const HANDSHAKE_SEEDS = [1, 2];
export const RATCHET_SEEDS = [3];
const hex = (b) => toHex(b);
const seedOf = (n) => Buffer.alloc(32, n);
/** An RNG that also records every output, to recover secrets a protocol function wiped. */
export function recordingRng(inner) {
    const draws = [];
    return {
        draws,
        rng: (length) => {
            const out = inner(length);
            draws.push(Buffer.from(out));
            return out;
        },
    };
}
const range = (from, to) => Buffer.from(Array.from({ length: to - from + 1 }, (_, i) => from + i));
/** RFC 5869 appendix A, test cases 1–3 (SHA-256): inputs and the RFC's own output. */
export const RFC5869 = [
    {
        name: 'RFC 5869 A.1',
        ikm: '0b'.repeat(22),
        salt: hex(range(0x00, 0x0c)),
        info: hex(range(0xf0, 0xf9)),
        length: 42,
        okm: '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865',
    },
    {
        name: 'RFC 5869 A.2',
        ikm: hex(range(0x00, 0x4f)),
        salt: hex(range(0x60, 0xaf)),
        info: hex(range(0xb0, 0xff)),
        length: 82,
        okm: 'b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c' +
            '59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71' +
            'cc30c58179ec3e87c14c01d5c1f3434f1d87',
    },
    {
        name: 'RFC 5869 A.3',
        ikm: '0b'.repeat(22),
        salt: '',
        info: '',
        length: 42,
        okm: '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8',
    },
];
function byteLength(rng, max) {
    return rng(2).readUInt16BE() % (max + 1);
}
export function computeKdfVectors() {
    const rng = deterministicRng(seedOf(9));
    const hkdfCases = RFC5869.map((c) => ({
        ...c,
        okm: hex(hkdf(Buffer.from(c.salt, 'hex'), Buffer.from(c.ikm, 'hex'), Buffer.from(c.info, 'hex'), c.length)),
    }));
    for (let i = 0; i < 6; i++) {
        const salt = rng(byteLength(rng, 100));
        const ikm = rng(byteLength(rng, 150));
        const info = rng(byteLength(rng, 80));
        const length = 1 + byteLength(rng, 300);
        hkdfCases.push({ name: `random ${i}`, salt: hex(salt), ikm: hex(ikm), info: hex(info), length, okm: hex(hkdf(salt, ikm, info, length)) });
    }
    // Key lengths around the 64-byte block, where HMAC switches to hashing the key.
    const hmacCases = [0, 1, 32, 63, 64, 65, 131].map((keyLength) => {
        const key = rng(keyLength);
        const data = rng(byteLength(rng, 200));
        return { key: hex(key), data: hex(data), mac: hex(hmacSha256(key, data)) };
    });
    const rootKdf = [];
    const chainKdf = [];
    for (let i = 0; i < 3; i++) {
        const rk = rng(32);
        const dhOut = rng(32);
        const step = kdfRoot(Secret.copyOf('RootKey', 32, rk), Secret.copyOf('SharedSecret', 32, dhOut));
        rootKdf.push({
            rootKey: hex(rk),
            dhOutput: hex(dhOut),
            nextRootKey: hex(step.rootKey.expose()),
            chainKey: hex(step.chainKey.expose()),
            nextHeaderKey: hex(step.nextHeaderKey.expose()),
        });
        const ck = rng(32);
        const chain = kdfChain(Secret.copyOf('ChainKey', 32, ck));
        chainKdf.push({ chainKey: hex(ck), messageKey: hex(chain.messageKey.expose()), nextChainKey: hex(chain.chainKey.expose()) });
    }
    const handshakeKdf = [];
    for (let i = 0; i < 2; i++) {
        const inviter = createIdentity(rng).publicIdentity;
        const initiator = createIdentity(rng).publicIdentity;
        const [dh1, dh2, dh3, kemSecret] = [rng(32), rng(32), rng(32), rng(32)];
        const t = {
            invitationId: rng(16),
            inviter,
            prekey: rng(32),
            kemKey: rng(1216),
            initiator,
            ephemeral: rng(32),
            kemCiphertext: rng(1120),
        };
        const s = (b) => Secret.copyOf('SharedSecret', 32, b);
        const keys = deriveHandshakeKeys(s(dh1), s(dh2), s(dh3), s(kemSecret), t);
        const pub = (p) => hex(Buffer.concat([p.identityKey, p.dhKey, p.dhSignature]));
        handshakeKdf.push({
            dh1: hex(dh1),
            dh2: hex(dh2),
            dh3: hex(dh3),
            kemSecret: hex(kemSecret),
            invitationId: hex(t.invitationId),
            inviter: pub(inviter),
            prekey: hex(t.prekey),
            kemKey: hex(t.kemKey),
            initiator: pub(initiator),
            ephemeral: hex(t.ephemeral),
            kemCiphertext: hex(t.kemCiphertext),
            rootKey: hex(keys.rootKey.expose()),
            headerKeyInitiator: hex(keys.headerKeyInitiator.expose()),
            nextHeaderKeyResponder: hex(keys.nextHeaderKeyResponder.expose()),
            ad: hex(keys.ad),
        });
    }
    return { hkdf: hkdfCases, hmac: hmacCases, rootKdf, chainKdf, handshakeKdf };
}
/**
 * A complete handshake from one seed. Returns the vector and the live sessions (for tests that
 * check them against an independent computation).
 */
export function runHandshakeVector(seedByte) {
    const seed = seedOf(seedByte);
    const { rng, draws } = recordingRng(deterministicRng(seed));
    const aliceId = createIdentity(rng);
    const bobId = createIdentity(rng);
    const { invitation, secrets } = createInvitation(aliceId, { address: text('alice@relay'), rng });
    const invitationSecrets = hex(serializeInvitationSecrets(secrets));
    const mark = draws.length;
    let bob = acceptInvitation(bobId, invitation, { address: text('bob@relay'), rng });
    const acceptDraws = draws.slice(mark).map(hex);
    const pending = bob.pendingPrekey;
    if (!pending || !bob.ratchet.cks || !bob.ratchet.hks)
        throw new Error('acceptInvitation did not produce a sending session');
    const initiatorRatchet = {
        dhs: hex(bob.ratchet.dhs.secretKey.expose()),
        rk: hex(bob.ratchet.rk.expose()),
        cks: hex(bob.ratchet.cks.expose()),
        hks: hex(bob.ratchet.hks.expose()),
        nhks: hex(bob.ratchet.nhks.expose()),
        nhkr: hex(bob.ratchet.nhkr.expose()),
    };
    // The handshake keys are wiped inside the protocol: rebuild them with deriveHandshakeKeys from
    // the same inputs (the ephemeral secret is the recorded draw whose public key was sent).
    const ephemeralDraw = draws.slice(mark).find((d) => d.length === 32 && dhPublicFromSecret(dhSecretKey(d)).equals(pending.ephemeral));
    if (!ephemeralDraw)
        throw new Error('ephemeral secret not found among the RNG draws');
    const ephemeral = dhSecretKey(ephemeralDraw);
    const keys = deriveHandshakeKeys(dh(bobId.dh.secretKey, invitation.prekey), dh(ephemeral, aliceId.publicIdentity.dhKey), dh(ephemeral, invitation.prekey), kemDecapsulate(secrets.kem.secretKey, pending.kemCiphertext), {
        invitationId: invitation.invitationId,
        inviter: invitation.inviter,
        prekey: invitation.prekey,
        kemKey: invitation.kemKey,
        initiator: bobId.publicIdentity,
        ephemeral: pending.ephemeral,
        kemCiphertext: pending.kemCiphertext,
    });
    const sent = encryptMessage(bob, text('hello alice'), { rng });
    bob = sent.state;
    const responded = respondToInvitation(aliceId, secrets, sent.envelope, { rng });
    let alice = responded.state;
    const reply = encryptMessage(alice, text('hello bob'), { rng });
    alice = reply.state;
    bob = decryptMessage(bob, reply.envelope, { rng }).state;
    const vector = {
        seed: hex(seed),
        aliceIdentity: hex(serializeIdentity(aliceId)),
        bobIdentity: hex(serializeIdentity(bobId)),
        invitation: hex(encodeInvitation(invitation)),
        invitationSecrets,
        acceptDraws,
        ephemeral: hex(pending.ephemeral),
        kemCiphertext: hex(pending.kemCiphertext),
        rootKey: hex(keys.rootKey.expose()),
        headerKeyInitiator: hex(keys.headerKeyInitiator.expose()),
        nextHeaderKeyResponder: hex(keys.nextHeaderKeyResponder.expose()),
        ad: hex(keys.ad),
        initiatorRatchet,
        firstEnvelopeSha256: sha256Hex(sent.envelope),
        firstEnvelopeLength: sent.envelope.length,
        aliceSessionSha256: sha256Hex(serializeSession(alice)),
        bobSessionSha256: sha256Hex(serializeSession(bob)),
        safetyNumber: safetyNumber(aliceId.publicIdentity.identityKey, bobId.publicIdentity.identityKey).digits,
    };
    return { vector, alice, bob };
}
/** Both directions, a DH step on every turn, out-of-order delivery in both chains, two buckets. */
export const RATCHET_SCRIPT = [
    { send: 'bob', text: 'b0' }, // 0
    { send: 'bob', text: 'b1' }, // 1
    { deliver: 1 },
    { deliver: 0 },
    { send: 'alice', text: 'a0' }, // 2
    { send: 'alice', text: 'a1' }, // 3
    { send: 'alice', text: 'a2' }, // 4
    { deliver: 4 },
    { deliver: 2 },
    { send: 'bob', text: 'b2' }, // 5
    { deliver: 5 },
    { deliver: 3 },
    { send: 'alice', text: 'x'.repeat(1000) }, // 6
    { send: 'bob', text: '' }, // 7
    { deliver: 7 },
    { deliver: 6 },
    { send: 'alice', text: 'a4' }, // 8
    { deliver: 8 },
];
/** Runs RATCHET_SCRIPT from one seed; every delivery must decrypt to what was sent. */
export function runRatchetVector(seedByte) {
    const seed = seedOf(seedByte);
    const rng = deterministicRng(seed);
    const aliceId = createIdentity(rng);
    const bobId = createIdentity(rng);
    const { invitation, secrets } = createInvitation(aliceId, { address: text('alice@relay'), rng });
    let bob = acceptInvitation(bobId, invitation, { address: text('bob@relay'), rng });
    let alice = null;
    const sent = [];
    for (const step of RATCHET_SCRIPT) {
        if ('send' in step) {
            const from = step.send === 'bob' ? bob : alice;
            if (!from)
                throw new Error('alice cannot send before the handshake');
            const out = encryptMessage(from, text(step.text), { rng });
            if (step.send === 'bob')
                bob = out.state;
            else
                alice = out.state;
            sent.push({ from: step.send, text: step.text, envelope: out.envelope });
            continue;
        }
        const m = sent[step.deliver];
        if (!m)
            throw new Error(`script delivers unknown message ${step.deliver}`);
        let plaintext;
        if (m.from === 'bob') {
            if (alice)
                ({ state: alice, plaintext } = decryptMessage(alice, m.envelope, { rng }));
            else
                ({ state: alice, plaintext } = respondToInvitation(aliceId, secrets, m.envelope, { rng }));
        }
        else
            ({ state: bob, plaintext } = decryptMessage(bob, m.envelope, { rng }));
        if (plaintext.toString('utf8') !== m.text)
            throw new Error(`message ${step.deliver} decrypted to something else`);
    }
    if (!alice)
        throw new Error('script never completed the handshake');
    return {
        seed: hex(seed),
        script: RATCHET_SCRIPT,
        envelopes: sent.map((m) => ({ from: m.from, length: m.envelope.length, sha256: sha256Hex(m.envelope) })),
        aliceSessionSha256: sha256Hex(serializeSession(alice)),
        bobSessionSha256: sha256Hex(serializeSession(bob)),
    };
}
//# sourceMappingURL=vectors.js.map