import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aeadDecrypt, aeadEncrypt, DecryptError, symmetricKey, systemRng } from '../../src/crypto/index.js';

test('AEAD round-trips and rejects a flipped bit', () => {
  const key = symmetricKey(systemRng(32));
  const nonce = systemRng(24);
  const ct = aeadEncrypt(key, nonce, Buffer.from('hello'), Buffer.from('ad'));
  assert.equal(aeadDecrypt(key, nonce, ct, Buffer.from('ad')).toString(), 'hello');
  ct[0]! ^= 1;
  assert.throws(() => aeadDecrypt(key, nonce, ct, Buffer.from('ad')), DecryptError);
});
