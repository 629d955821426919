/**
 * Argon2id passphrase hashing (libsodium `crypto_pwhash`, run off the main thread through the
 * async variant) for the profile header and encrypted backups (issue 3 §1, §8). The limits are
 * recorded next to the salt so a profile made with one setting opens with it later.
 */
import { InvalidKeyError } from './errors.js';
import { Secret } from './secret.js';
import { sodium } from './sodium.js';
export const PWHASH_SALT_BYTES = sodium.crypto_pwhash_SALTBYTES;
/** Named limit sets; MODERATE is the production default, MIN exists only for fast tests. */
export const PWHASH_LIMITS = {
    min: { opslimit: sodium.crypto_pwhash_OPSLIMIT_MIN, memlimit: sodium.crypto_pwhash_MEMLIMIT_MIN },
    interactive: { opslimit: sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE, memlimit: sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE },
    moderate: { opslimit: sodium.crypto_pwhash_OPSLIMIT_MODERATE, memlimit: sodium.crypto_pwhash_MEMLIMIT_MODERATE },
    sensitive: { opslimit: sodium.crypto_pwhash_OPSLIMIT_SENSITIVE, memlimit: sodium.crypto_pwhash_MEMLIMIT_SENSITIVE },
};
/** True when the limits are within what libsodium accepts and not above SENSITIVE (a hostile header cannot make us allocate gigabytes). */
export function pwhashLimitsAreSane(limits) {
    const { opslimit, memlimit } = limits;
    return (Number.isSafeInteger(opslimit) &&
        Number.isSafeInteger(memlimit) &&
        opslimit >= PWHASH_LIMITS.min.opslimit &&
        opslimit <= PWHASH_LIMITS.sensitive.opslimit &&
        memlimit >= PWHASH_LIMITS.min.memlimit &&
        memlimit <= PWHASH_LIMITS.sensitive.memlimit);
}
/** Argon2id13(passphrase, salt) → a 32-byte key with the given role. The passphrase copy is wiped. */
export async function derivePassphraseKey(role, passphrase, salt, limits) {
    if (salt.length !== PWHASH_SALT_BYTES)
        throw new InvalidKeyError(`salt must be ${PWHASH_SALT_BYTES} bytes`);
    if (!pwhashLimitsAreSane(limits))
        throw new InvalidKeyError('Argon2id limits out of range');
    const pass = Buffer.from(passphrase.normalize('NFKC'), 'utf8');
    const out = Buffer.alloc(32);
    try {
        await sodium.crypto_pwhash_async(out, pass, salt, limits.opslimit, limits.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    }
    finally {
        sodium.sodium_memzero(pass);
    }
    return Secret.adopt(role, 32, out);
}
//# sourceMappingURL=pwhash.js.map