import { aeadDecryptInto, aeadEncryptInto, AEAD_NONCE_BYTES, AEAD_TAG_BYTES, assertStrongDhPublicKey, bytesEqual, dh, generateDhKeyPair, } from '../../crypto/index.js';
import { CounterExhaustedError, DecryptError, ReplayError, SessionStateError, TooFarAheadError } from '../errors.js';
import { MAX_SKIP_PER_CHAIN, MAX_STORED_SKIPPED_KEYS } from '../limits.js';
import { ENCRYPTED_HEADER_BYTES, encryptHeaderInto, headerNonce, tryDecryptHeader } from './header.js';
import { kdfChain, kdfRoot } from './kdf.js';
import { countSkipped, secretsOf, wipeAllBut } from './state.js';
const MAX_COUNTER = 0xffffffff;
/** The party that sends first (the handshake's initiator): spec RatchetInitAlice. */
export function initSender(sk, peerRatchetKey, sharedHka, sharedNhkb, rng) {
    assertStrongDhPublicKey(peerRatchetKey);
    const dhs = generateDhKeyPair(rng);
    const shared = dh(dhs.secretKey, peerRatchetKey);
    const step = kdfRoot(sk, shared);
    shared.wipe();
    sk.wipe();
    return {
        dhs,
        dhr: peerRatchetKey,
        rk: step.rootKey,
        cks: step.chainKey,
        ckr: null,
        ns: 0,
        nr: 0,
        pn: 0,
        hks: sharedHka,
        hkr: null,
        nhks: step.nextHeaderKey,
        nhkr: sharedNhkb,
        skipped: [],
    };
}
/** The party that receives first (the inviter): spec RatchetInitBob. */
export function initReceiver(sk, ownRatchetKey, sharedHka, sharedNhkb) {
    return { dhs: ownRatchetKey, dhr: null, rk: sk, cks: null, ckr: null, ns: 0, nr: 0, pn: 0, hks: null, hkr: null, nhks: sharedNhkb, nhkr: sharedHka, skipped: [] };
}
// Associated data of a body, AD ‖ encrypted header: public bytes, rebuilt in place right before
// each use (no callback, not even the RNG, runs between building and using it).
let fullAdScratch = Buffer.alloc(32 + ENCRYPTED_HEADER_BYTES);
function bodyAd(ad, encHeader) {
    const length = ad.length + encHeader.length;
    if (fullAdScratch.length !== length)
        fullAdScratch = Buffer.alloc(length);
    fullAdScratch.set(ad, 0);
    fullAdScratch.set(encHeader, ad.length);
    return fullAdScratch;
}
/**
 * Opens a message body into a pooled buffer (`Buffer.allocUnsafe`): buffers over 64 bytes are
 * otherwise a separate native allocation each, a large share of a small message's cost. The
 * buffer is fully written on success and zeroed on failure, so no stale pool bytes escape.
 */
function decryptBody(messageKey, nonce, ciphertext, ad) {
    if (ciphertext.length < AEAD_TAG_BYTES)
        throw new DecryptError('ciphertext shorter than its tag');
    const out = Buffer.allocUnsafe(ciphertext.length - AEAD_TAG_BYTES);
    aeadDecryptInto(out, messageKey, nonce, ciphertext, ad);
    return out;
}
/**
 * RatchetEncryptHE into an envelope being built: seals the header into `header`
 * (ENCRYPTED_HEADER_BYTES) and encrypts `body` in place — on entry it holds the padded plaintext
 * followed by AEAD_TAG_BYTES of room for the tag. Returns the next state; the input state's
 * spent chain key is wiped. On any error the input state is untouched.
 */
export function ratchetEncryptInto(state, header, body, ad, rng) {
    if (!state.cks || !state.hks)
        throw new SessionStateError('cannot send before the first message is received');
    if (state.ns >= MAX_COUNTER)
        throw new CounterExhaustedError();
    if (body.length < AEAD_TAG_BYTES)
        throw new RangeError('body has no room for the tag');
    const { chainKey, messageKey } = kdfChain(state.cks);
    try {
        const nonce = rng(AEAD_NONCE_BYTES);
        encryptHeaderInto(header, state.hks, { dh: state.dhs.publicKey, pn: state.pn, n: state.ns }, nonce);
        // The body uses the header's random nonce under its own single-use message key: even if an old
        // state were restored and a message key reused, the nonce would differ.
        aeadEncryptInto(body, messageKey, nonce, body.subarray(0, body.length - AEAD_TAG_BYTES), bodyAd(ad, header));
    }
    catch (e) {
        chainKey.wipe();
        throw e;
    }
    finally {
        messageKey.wipe();
    }
    // The next state differs from the input only in its sending chain key: that one is spent.
    const next = { ...state, cks: chainKey, ns: state.ns + 1 };
    state.cks.wipe();
    return next;
}
/**
 * Decrypts one message. `accept` may inspect the plaintext and throw to refuse it (e.g. bad
 * padding); the state is then left untouched, exactly as for a failed authentication.
 */
export function ratchetDecrypt(state, encHeader, ciphertext, ad, rng, accept = () => undefined) {
    const nonce = headerNonce(encHeader);
    if (state.skipped.length > 0) {
        const skippedHit = trySkipped(state, encHeader, ciphertext, ad, nonce, accept);
        if (skippedHit)
            return skippedHit;
    }
    const opened = openHeader(state, encHeader);
    if (!opened)
        throw new DecryptError('no header key opens this message');
    const { header, dhStep } = opened;
    checkWindow(state, header, dhStep);
    const draft = { ...state };
    const created = [];
    try {
        if (dhStep) {
            skipMessageKeys(draft, header.pn, created);
            draft.pn = draft.ns;
            draft.ns = 0;
            draft.nr = 0;
            draft.hks = draft.nhks;
            draft.hkr = draft.nhkr;
            draft.dhr = header.dh;
            const recvShared = dh(draft.dhs.secretKey, header.dh);
            const recv = kdfRoot(draft.rk, recvShared);
            recvShared.wipe();
            created.push(recv.rootKey, recv.chainKey, recv.nextHeaderKey);
            draft.ckr = recv.chainKey;
            draft.nhkr = recv.nextHeaderKey;
            draft.dhs = generateDhKeyPair(rng);
            created.push(draft.dhs.secretKey);
            const sendShared = dh(draft.dhs.secretKey, header.dh);
            const send = kdfRoot(recv.rootKey, sendShared);
            sendShared.wipe();
            created.push(send.rootKey, send.chainKey, send.nextHeaderKey);
            draft.rk = send.rootKey;
            draft.cks = send.chainKey;
            draft.nhks = send.nextHeaderKey;
        }
        skipMessageKeys(draft, header.n, created);
        if (!draft.ckr)
            throw new SessionStateError('no receiving chain');
        const { chainKey, messageKey } = kdfChain(draft.ckr);
        created.push(chainKey, messageKey);
        draft.ckr = chainKey;
        draft.nr = header.n + 1;
        const plaintext = decryptBody(messageKey, nonce, ciphertext, bodyAd(ad, encHeader));
        accept(plaintext);
        messageKey.wipe();
        const next = { ...draft, skipped: capSkipped(draft.skipped) };
        // What the input state held and the new one does not is spent, and so are
        // the intermediate chain and root keys made on the way.
        const withSkipped = next.skipped !== state.skipped;
        const kept = secretsOf(next, withSkipped);
        wipeAllBut(secretsOf(state, withSkipped), kept);
        wipeAllBut(created, kept);
        if (next.skipped !== draft.skipped)
            wipeEvicted(draft.skipped, next.skipped);
        return { state: next, plaintext };
    }
    catch (e) {
        for (const s of created)
            s.wipe();
        throw e;
    }
}
/**
 * Trial-decrypts the header with the current receiving header key and the next one (a DH step).
 * Both are tried whenever needed; the order only saves a failed trial in the common case: the
 * peer can start a new DH step only after receiving from our current sending chain (Ns > 0),
 * and in a conversation it usually has.
 */
function openHeader(state, encHeader) {
    const dhStepFirst = state.ns > 0;
    const first = tryDecryptHeader(dhStepFirst ? state.nhkr : state.hkr, encHeader);
    if (first)
        return { header: first, dhStep: dhStepFirst };
    const second = tryDecryptHeader(dhStepFirst ? state.hkr : state.nhkr, encHeader);
    return second ? { header: second, dhStep: !dhStepFirst } : undefined;
}
/** Refuses counter jumps beyond the window before any key is derived (libsignal MAX_FORWARD_JUMPS). */
function checkWindow(state, header, dhStep) {
    // An honest sender stops at 2^32 - 2; accepting 2^32 - 1 would push Nr past 32 bits.
    if (header.n >= MAX_COUNTER)
        throw new TooFarAheadError('message counter out of range');
    if (dhStep) {
        if (state.ckr && header.pn > state.nr && header.pn - state.nr > MAX_SKIP_PER_CHAIN)
            throw new TooFarAheadError();
        if (header.n > MAX_SKIP_PER_CHAIN)
            throw new TooFarAheadError();
        assertStrongDhPublicKey(header.dh);
    }
    else {
        if (header.n < state.nr)
            throw new ReplayError();
        if (header.n - state.nr > MAX_SKIP_PER_CHAIN)
            throw new TooFarAheadError();
    }
}
function skipMessageKeys(draft, until, created) {
    if (!draft.ckr || draft.nr >= until)
        return;
    const hkr = draft.hkr;
    if (!hkr)
        throw new SessionStateError('receiving chain without header key');
    const chains = draft.skipped.slice();
    const last = chains[chains.length - 1];
    let keys;
    if (last && bytesEqual(last.headerKey.expose(), hkr.expose())) {
        keys = new Map(last.keys);
        chains[chains.length - 1] = { headerKey: last.headerKey, keys };
    }
    else {
        keys = new Map();
        const headerKey = hkr.clone();
        created.push(headerKey);
        chains.push({ headerKey, keys });
    }
    let ck = draft.ckr;
    while (draft.nr < until) {
        const step = kdfChain(ck);
        created.push(step.chainKey, step.messageKey);
        keys.set(draft.nr, step.messageKey);
        ck = step.chainKey;
        draft.nr += 1;
    }
    draft.ckr = ck;
    draft.skipped = chains;
}
function trySkipped(state, encHeader, ciphertext, ad, nonce, accept) {
    for (let i = 0; i < state.skipped.length; i++) {
        const chain = state.skipped[i];
        const header = tryDecryptHeader(chain.headerKey, encHeader);
        if (!header)
            continue;
        const mk = chain.keys.get(header.n);
        if (!mk) {
            // The current receiving chain also has skipped keys: a newer number there is normal flow.
            if (state.hkr && bytesEqual(chain.headerKey.expose(), state.hkr.expose()) && header.n >= state.nr)
                return undefined;
            throw new ReplayError();
        }
        const plaintext = decryptBody(mk, nonce, ciphertext, bodyAd(ad, encHeader));
        accept(plaintext);
        const keys = new Map(chain.keys);
        keys.delete(header.n);
        const skipped = state.skipped.slice();
        if (keys.size === 0) {
            skipped.splice(i, 1);
            chain.headerKey.wipe();
        }
        else
            skipped[i] = { headerKey: chain.headerKey, keys };
        mk.wipe();
        return { state: { ...state, skipped }, plaintext };
    }
    return undefined;
}
/** Keeps at most MAX_STORED_SKIPPED_KEYS, dropping the oldest chains' lowest numbers first. */
function capSkipped(skipped) {
    let excess = countSkipped(skipped) - MAX_STORED_SKIPPED_KEYS;
    if (excess <= 0)
        return skipped;
    const out = [];
    for (const chain of skipped) {
        if (excess >= chain.keys.size) {
            excess -= chain.keys.size;
            continue;
        }
        if (excess > 0) {
            const keys = new Map([...chain.keys].sort((a, b) => a[0] - b[0]).slice(excess));
            excess = 0;
            out.push({ headerKey: chain.headerKey, keys });
        }
        else
            out.push(chain);
    }
    return out;
}
function wipeEvicted(before, after) {
    const kept = new Set();
    for (const c of after) {
        kept.add(c.headerKey);
        for (const mk of c.keys.values())
            kept.add(mk);
    }
    for (const c of before) {
        if (!kept.has(c.headerKey))
            c.headerKey.wipe();
        for (const mk of c.keys.values())
            if (!kept.has(mk))
                mk.wipe();
    }
}
//# sourceMappingURL=ratchet.js.map