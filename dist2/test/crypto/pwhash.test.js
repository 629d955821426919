/** Argon2id wrapper (issue 3 §1): deterministic per salt and limits, different per passphrase, hostile limits refused. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidKeyError } from '../../src/crypto/errors.js';
import { derivePassphraseKey, PWHASH_LIMITS, PWHASH_SALT_BYTES, pwhashLimitsAreSane } from '../../src/crypto/pwhash.js';
test('Argon2id keys depend on passphrase, salt and limits', async () => {
    const salt = Buffer.alloc(PWHASH_SALT_BYTES, 7);
    const a = await derivePassphraseKey('K', 'pass', salt, PWHASH_LIMITS.min);
    const b = await derivePassphraseKey('K', 'pass', salt, PWHASH_LIMITS.min);
    const c = await derivePassphraseKey('K', 'Pass', salt, PWHASH_LIMITS.min);
    const d = await derivePassphraseKey('K', 'pass', Buffer.alloc(PWHASH_SALT_BYTES, 8), PWHASH_LIMITS.min);
    assert.ok(a.expose().equals(b.expose()));
    assert.ok(!a.expose().equals(c.expose()));
    assert.ok(!a.expose().equals(d.expose()));
    assert.equal(String(a), '[K: redacted]');
});
test('out-of-range limits and salts are refused before any work', async () => {
    assert.equal(pwhashLimitsAreSane(PWHASH_LIMITS.moderate), true);
    assert.equal(pwhashLimitsAreSane({ opslimit: 1, memlimit: 1 }), false);
    assert.equal(pwhashLimitsAreSane({ opslimit: 3, memlimit: 2 ** 40 }), false);
    await assert.rejects(derivePassphraseKey('K', 'p', Buffer.alloc(3), PWHASH_LIMITS.min), InvalidKeyError);
    await assert.rejects(derivePassphraseKey('K', 'p', Buffer.alloc(PWHASH_SALT_BYTES), { opslimit: 3, memlimit: 2 ** 40 }), InvalidKeyError);
});
//# sourceMappingURL=pwhash.test.js.map