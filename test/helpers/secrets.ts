/**
 * Secret-lifetime probes for forward-secrecy tests (SECURITY-TESTS #4, #7): records every
 * `Secret` the crypto layer creates while a function runs, and lists what a session still holds.
 */
import { Secret } from '../../src/crypto/index.js';
import type { Session } from '../../src/protocol/index.js';

type Factory = <R extends string>(role: R, length: number, bytes: Uint8Array) => Secret<R>;

/** Runs `fn` and returns every Secret made (via `Secret.adopt` / `Secret.copyOf`) while it ran. */
export function trackSecrets<T>(fn: () => T): { result: T; created: Secret<string>[] } {
  const created: Secret<string>[] = [];
  const factories = Secret as unknown as { adopt: Factory; copyOf: Factory };
  const adopt = factories.adopt;
  const copyOf = factories.copyOf;
  // The factories do not use `this`, so calling the saved functions directly is safe.
  const recorded =
    (make: Factory): Factory =>
    <R extends string>(role: R, length: number, bytes: Uint8Array): Secret<R> => {
      const s = make(role, length, bytes);
      created.push(s);
      return s;
    };
  factories.adopt = recorded(adopt);
  factories.copyOf = recorded(copyOf);
  try {
    return { result: fn(), created };
  } finally {
    factories.adopt = adopt;
    factories.copyOf = copyOf;
  }
}

/** Every secret object a session's ratchet holds (including skipped keys). */
export function heldSecrets(session: Session): Set<Secret<string>> {
  const r = session.ratchet;
  const out = new Set<Secret<string>>([r.dhs.secretKey, r.rk, r.nhks, r.nhkr]);
  for (const k of [r.cks, r.ckr, r.hks, r.hkr]) if (k) out.add(k);
  for (const chain of r.skipped) {
    out.add(chain.headerKey);
    for (const mk of chain.keys.values()) out.add(mk);
  }
  return out;
}

/** Number of skipped message keys a session stores. */
export function skippedCount(session: Session): number {
  let n = 0;
  for (const chain of session.ratchet.skipped) n += chain.keys.size;
  return n;
}
