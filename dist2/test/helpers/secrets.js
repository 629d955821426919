/**
 * Secret-lifetime probes for forward-secrecy tests (SECURITY-TESTS #4, #7): records every
 * `Secret` the crypto layer creates while a function runs, and lists what a session still holds.
 */
import { Secret } from '../../src/crypto/index.js';
/** Runs `fn` and returns every Secret made (via `Secret.adopt` / `Secret.copyOf`) while it ran. */
export function trackSecrets(fn) {
    const created = [];
    const factories = Secret;
    const adopt = factories.adopt;
    const copyOf = factories.copyOf;
    // The factories do not use `this`, so calling the saved functions directly is safe.
    const recorded = (make) => (role, length, bytes) => {
        const s = make(role, length, bytes);
        created.push(s);
        return s;
    };
    factories.adopt = recorded(adopt);
    factories.copyOf = recorded(copyOf);
    try {
        return { result: fn(), created };
    }
    finally {
        factories.adopt = adopt;
        factories.copyOf = copyOf;
    }
}
/** Every secret object a session's ratchet holds (including skipped keys). */
export function heldSecrets(session) {
    const r = session.ratchet;
    const out = new Set([r.dhs.secretKey, r.rk, r.nhks, r.nhkr]);
    for (const k of [r.cks, r.ckr, r.hks, r.hkr])
        if (k)
            out.add(k);
    for (const chain of r.skipped) {
        out.add(chain.headerKey);
        for (const mk of chain.keys.values())
            out.add(mk);
    }
    return out;
}
/** Number of skipped message keys a session stores. */
export function skippedCount(session) {
    let n = 0;
    for (const chain of session.ratchet.skipped)
        n += chain.keys.size;
    return n;
}
//# sourceMappingURL=secrets.js.map