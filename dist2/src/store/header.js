/**
 * The profile header `profile.json` (issue 3 §1, §7): format version, Argon2id salt and limits,
 * and the random master key wrapped (XChaCha20-Poly1305) by the passphrase key. The KDF
 * parameters are bound as associated data, so editing them makes unwrapping fail.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { aeadOpen, aeadSeal } from '../crypto/aead.js';
import { fromBase64Url, toBase64Url } from '../crypto/bytes.js';
import { DecryptError } from '../crypto/errors.js';
import { derivePassphraseKey, PWHASH_LIMITS, PWHASH_SALT_BYTES, pwhashLimitsAreSane } from '../crypto/pwhash.js';
import { Secret } from '../crypto/secret.js';
import { writeFileAtomic } from './atomicFile.js';
import { ProfileNotFoundError, ProfileVersionError, StoreCorruptError, WrongPassphraseError } from './errors.js';
export const HEADER_FILE = 'profile.json';
/** 2: hashed message ids, slot/sequence order key, batch-keyed posting lists (migrate.ts upgrades 1). */
export const PROFILE_FORMAT_VERSION = 2;
export const DEFAULT_PWHASH_LIMITS = PWHASH_LIMITS.moderate;
function wrapAd(salt, limits) {
    const ad = Buffer.alloc(16);
    ad.writeBigUInt64LE(BigInt(limits.opslimit), 0);
    ad.writeBigUInt64LE(BigInt(limits.memlimit), 8);
    return Buffer.concat([Buffer.from('saltline/profile-key/v1'), salt, ad]);
}
export async function makeHeader(masterKey, passphrase, limits, rng, version = PROFILE_FORMAT_VERSION) {
    const salt = rng(PWHASH_SALT_BYTES);
    const kek = await derivePassphraseKey('StoreKeyEncryptionKey', passphrase, salt, limits);
    try {
        const wrapped = aeadSeal(kek, masterKey.expose(), wrapAd(salt, limits), rng);
        return {
            format: 'saltline-profile',
            version,
            kdf: { alg: 'argon2id13', opslimit: limits.opslimit, memlimit: limits.memlimit, salt: toBase64Url(salt) },
            wrappedKey: toBase64Url(wrapped),
        };
    }
    finally {
        kek.wipe();
    }
}
/** Parses and checks the header shape; versions newer than ours are refused here, before any KDF work (older ones are migrated on open). */
export function parseHeader(text) {
    let raw;
    try {
        raw = JSON.parse(text);
    }
    catch {
        throw new StoreCorruptError('profile header is not JSON');
    }
    const h = raw;
    if (!h || h.format !== 'saltline-profile' || typeof h.version !== 'number' || !Number.isSafeInteger(h.version) || h.version < 1) {
        throw new StoreCorruptError('not a Saltline profile header');
    }
    if (h.version > PROFILE_FORMAT_VERSION)
        throw new ProfileVersionError(h.version, PROFILE_FORMAT_VERSION);
    const kdf = h.kdf;
    if (!kdf || kdf.alg !== 'argon2id13' || typeof h.wrappedKey !== 'string' || typeof kdf.salt !== 'string')
        throw new StoreCorruptError('profile header fields');
    if (!pwhashLimitsAreSane({ opslimit: kdf.opslimit, memlimit: kdf.memlimit }))
        throw new StoreCorruptError('profile header KDF limits');
    const salt = fromBase64Url(kdf.salt);
    if (!salt || salt.length !== PWHASH_SALT_BYTES || !fromBase64Url(h.wrappedKey))
        throw new StoreCorruptError('profile header encoding');
    return h;
}
export async function readHeader(dir) {
    let text;
    try {
        text = await readFile(join(dir, HEADER_FILE), 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            throw new ProfileNotFoundError();
        throw error;
    }
    return parseHeader(text);
}
export async function writeHeader(dir, header) {
    await writeFileAtomic(join(dir, HEADER_FILE), Buffer.from(JSON.stringify(header, null, 2)));
}
/** Throws `WrongPassphraseError` (and changes nothing) unless the passphrase unwraps the master key. */
export async function unwrapMasterKey(header, passphrase) {
    const salt = fromBase64Url(header.kdf.salt);
    const limits = { opslimit: header.kdf.opslimit, memlimit: header.kdf.memlimit };
    const kek = await derivePassphraseKey('StoreKeyEncryptionKey', passphrase, salt, limits);
    try {
        return Secret.adopt('StoreMasterKey', 32, aeadOpen(kek, fromBase64Url(header.wrappedKey), wrapAd(salt, limits)));
    }
    catch (error) {
        if (error instanceof DecryptError)
            throw new WrongPassphraseError();
        throw error;
    }
    finally {
        kek.wipe();
    }
}
//# sourceMappingURL=header.js.map