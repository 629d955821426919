/**
 * Secret-lifetime probes for forward-secrecy tests (SECURITY-TESTS #4, #7): records every
 * `Secret` the crypto layer creates while a function runs, and lists what a session still holds.
 */
import { Secret } from '../../src/crypto/index.js';
import type { Session } from '../../src/protocol/index.js';
/** Runs `fn` and returns every Secret made (via `Secret.adopt` / `Secret.copyOf`) while it ran. */
export declare function trackSecrets<T>(fn: () => T): {
    result: T;
    created: Secret<string>[];
};
/** Every secret object a session's ratchet holds (including skipped keys). */
export declare function heldSecrets(session: Session): Set<Secret<string>>;
/** Number of skipped message keys a session stores. */
export declare function skippedCount(session: Session): number;
