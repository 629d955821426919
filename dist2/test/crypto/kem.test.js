/** X-Wing KEM wrapper (src/crypto/kem.ts): readiness, agreement, implicit rejection, determinism. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CryptoNotReadyError, cryptoReady, deterministicRng, generateKemKeyPair, kemCiphertext, kemDecapsulate, kemEncapsulate, kemSecretKey, systemRng, } from '../../src/crypto/index.js';
// Runs first in its own process, before anything awaited cryptoReady().
test('the KEM refuses to run before cryptoReady() with CryptoNotReadyError', () => {
    assert.throws(() => generateKemKeyPair(systemRng), CryptoNotReadyError);
});
test('X-Wing: both sides agree; a changed ciphertext gives an unrelated secret (implicit rejection)', async () => {
    await cryptoReady();
    const kp = generateKemKeyPair(systemRng);
    const { ciphertext, sharedSecret } = kemEncapsulate(kp.publicKey, systemRng);
    assert.deepEqual(kemDecapsulate(kp.secretKey, ciphertext).expose(), sharedSecret.expose());
    const tampered = Buffer.from(ciphertext);
    tampered[100] ^= 1;
    const other = kemDecapsulate(kp.secretKey, kemCiphertext(tampered));
    assert.notDeepEqual(other.expose(), sharedSecret.expose());
    const wrongKey = kemSecretKey(systemRng(32));
    assert.notDeepEqual(kemDecapsulate(wrongKey, ciphertext).expose(), sharedSecret.expose());
});
test('X-Wing: key generation and encapsulation are reproducible from the RNG', async () => {
    await cryptoReady();
    const run = () => {
        const rng = deterministicRng(Buffer.alloc(32, 4));
        const kp = generateKemKeyPair(rng);
        const { ciphertext, sharedSecret } = kemEncapsulate(kp.publicKey, rng);
        return [kp.publicKey, ciphertext, sharedSecret.expose()];
    };
    assert.deepEqual(run(), run());
});
//# sourceMappingURL=kem.test.js.map