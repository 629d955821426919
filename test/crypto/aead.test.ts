import { test } from 'node:test';
import assert from 'node:assert/strict';
import { aeadDecrypt, aeadEncrypt, aeadOpen, aeadSeal, DecryptError, InvalidKeyError, symmetricKey, systemRng } from '../../src/crypto/index.js';

test('AEAD round-trips and rejects a flipped bit', () => {
  const key = symmetricKey(systemRng(32));
  const nonce = systemRng(24);
  const ct = aeadEncrypt(key, nonce, Buffer.from('hello'), Buffer.from('ad'));
  assert.equal(aeadDecrypt(key, nonce, ct, Buffer.from('ad')).toString(), 'hello');
  ct[0]! ^= 1;
  assert.throws(() => aeadDecrypt(key, nonce, ct, Buffer.from('ad')), DecryptError);
});

test('AEAD refuses wrong associated data, wrong key, wrong nonce, short input — always DecryptError', () => {
  const key = symmetricKey(systemRng(32));
  const nonce = systemRng(24);
  const ad = Buffer.from('ad');
  const ct = aeadEncrypt(key, nonce, Buffer.from('hello'), ad);
  assert.throws(() => aeadDecrypt(key, nonce, ct, Buffer.from('ae')), DecryptError);
  assert.throws(() => aeadDecrypt(key, nonce, ct), DecryptError);
  assert.throws(() => aeadDecrypt(symmetricKey(systemRng(32)), nonce, ct, ad), DecryptError);
  assert.throws(() => aeadDecrypt(key, systemRng(24), ct, ad), DecryptError);
  assert.throws(() => aeadDecrypt(key, nonce.subarray(0, 12), ct, ad), DecryptError);
  assert.throws(() => aeadDecrypt(key, nonce, ct.subarray(0, 15), ad), DecryptError);
  assert.throws(() => aeadDecrypt(key, nonce, ct.subarray(0, ct.length - 1), ad), DecryptError);
  assert.throws(() => aeadEncrypt(key, nonce.subarray(0, 12), Buffer.alloc(1)), InvalidKeyError);
});

test('AEAD seal/open round-trip with a fresh nonce each time; a truncated box is DecryptError', () => {
  const key = symmetricKey(systemRng(32));
  const a = aeadSeal(key, Buffer.from('same'), Buffer.alloc(0), systemRng);
  const b = aeadSeal(key, Buffer.from('same'), Buffer.alloc(0), systemRng);
  assert.notDeepEqual(a.subarray(0, 24), b.subarray(0, 24));
  assert.equal(aeadOpen(key, a, Buffer.alloc(0)).toString(), 'same');
  assert.throws(() => aeadOpen(key, a.subarray(0, 39), Buffer.alloc(0)), DecryptError);
});
