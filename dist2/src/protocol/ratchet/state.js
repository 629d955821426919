/**
 * Double Ratchet state (spec §3.2 with the header-encryption fields of §4.2) and its versioned
 * binary serialization. States are immutable values: a transition returns a new state and wipes
 * the secrets the old one no longer shares with it (`wipeAllBut`).
 */
import { adoptDhPublicKey, Secret, } from '../../crypto/index.js';
import { InvalidFrameError } from '../errors.js';
import { MAX_STORED_SKIPPED_KEYS } from '../limits.js';
const RATCHET_FORMAT = 1;
const F_DHR = 1;
const F_CKS = 2;
const F_CKR = 4;
const F_HKS = 8;
const F_HKR = 16;
export function countSkipped(skipped) {
    let n = 0;
    for (const c of skipped)
        n += c.keys.size;
    return n;
}
/** Every secret a state holds (skipped keys only if asked), for wiping what a transition leaves. */
export function secretsOf(s, withSkipped) {
    const out = [s.dhs.secretKey, s.rk, s.nhks, s.nhkr];
    if (s.cks)
        out.push(s.cks);
    if (s.ckr)
        out.push(s.ckr);
    if (s.hks)
        out.push(s.hks);
    if (s.hkr)
        out.push(s.hkr);
    if (withSkipped) {
        for (const c of s.skipped) {
            out.push(c.headerKey);
            for (const mk of c.keys.values())
                out.push(mk);
        }
    }
    return out;
}
/** Wipes each of `candidates` that is not (by identity) in `keep`. */
export function wipeAllBut(candidates, keep) {
    // States hold about eight secrets; scanning a short array beats building a Set per message.
    if (keep.length <= 16) {
        for (const s of candidates)
            if (!keep.includes(s))
                s.wipe();
        return;
    }
    const kept = new Set(keep);
    for (const s of candidates)
        if (!kept.has(s))
            s.wipe();
}
/** Wipes every secret a state holds, skipped keys included (the state is discarded). */
export function wipeRatchet(s) {
    for (const secret of secretsOf(s, true))
        secret.wipe();
}
/** Bytes `serializeRatchet` writes for `s`. */
export function serializedRatchetBytes(s) {
    let n = 2 + 64 + 32 + 12 + 64 + 2;
    if (s.dhr)
        n += 32;
    if (s.cks)
        n += 32;
    if (s.ckr)
        n += 32;
    if (s.hks)
        n += 32;
    if (s.hkr)
        n += 32;
    for (const c of s.skipped)
        n += 32 + 2 + 36 * c.keys.size;
    return n;
}
export function serializeRatchet(s, w) {
    const flags = (s.dhr ? F_DHR : 0) | (s.cks ? F_CKS : 0) | (s.ckr ? F_CKR : 0) | (s.hks ? F_HKS : 0) | (s.hkr ? F_HKR : 0);
    w.u8(RATCHET_FORMAT).u8(flags).raw(s.dhs.secretKey.expose()).raw(s.dhs.publicKey);
    if (s.dhr)
        w.raw(s.dhr);
    w.raw(s.rk.expose());
    if (s.cks)
        w.raw(s.cks.expose());
    if (s.ckr)
        w.raw(s.ckr.expose());
    w.u32(s.ns).u32(s.nr).u32(s.pn);
    if (s.hks)
        w.raw(s.hks.expose());
    if (s.hkr)
        w.raw(s.hkr.expose());
    w.raw(s.nhks.expose()).raw(s.nhkr.expose());
    w.u16(s.skipped.length);
    for (const c of s.skipped) {
        w.raw(c.headerKey.expose()).u16(c.keys.size);
        for (const [n, mk] of c.keys)
            w.u32(n).raw(mk.expose());
    }
}
/**
 * Reads a state written by `serializeRatchet`. Keys and public keys are views into the reader's
 * bytes, not copies: `r` must read a private copy that nothing else uses or changes, and the
 * caller wipes that copy if reading fails.
 */
export function deserializeRatchet(r) {
    if (r.u8() !== RATCHET_FORMAT)
        throw new InvalidFrameError('ratchet state: unknown format');
    const flags = r.u8();
    if (flags & ~(F_DHR | F_CKS | F_CKR | F_HKS | F_HKR))
        throw new InvalidFrameError('ratchet state: unknown flags');
    const key = (role) => Secret.adopt(role, 32, r.raw(32));
    const dhsSecret = key('DhSecretKey');
    const dhs = { secretKey: dhsSecret, publicKey: adoptDhPublicKey(r.raw(32)) };
    const dhr = flags & F_DHR ? adoptDhPublicKey(r.raw(32)) : null;
    const rk = key('RootKey');
    const cks = flags & F_CKS ? key('ChainKey') : null;
    const ckr = flags & F_CKR ? key('ChainKey') : null;
    const ns = r.u32();
    const nr = r.u32();
    const pn = r.u32();
    const hks = flags & F_HKS ? key('HeaderKey') : null;
    const hkr = flags & F_HKR ? key('HeaderKey') : null;
    const nhks = key('HeaderKey');
    const nhkr = key('HeaderKey');
    const chains = r.u16();
    const skipped = [];
    let total = 0;
    for (let i = 0; i < chains; i++) {
        const headerKey = key('HeaderKey');
        const count = r.u16();
        total += count;
        if (total > MAX_STORED_SKIPPED_KEYS)
            throw new InvalidFrameError('ratchet state: too many skipped keys');
        const keys = new Map();
        for (let j = 0; j < count; j++)
            keys.set(r.u32(), key('MessageKey'));
        skipped.push({ headerKey, keys });
    }
    return { dhs, dhr, rk, cks, ckr, ns, nr, pn, hks, hkr, nhks, nhkr, skipped };
}
//# sourceMappingURL=state.js.map