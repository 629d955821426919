import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AEAD_TAG_BYTES,
  aeadDecrypt,
  aeadDecryptInto,
  aeadEncrypt,
  aeadEncryptInto,
  aeadOpen,
  aeadSeal,
  aeadTryDecryptInto,
  DecryptError,
  InvalidKeyError,
  symmetricKey,
  systemRng,
} from '../../src/crypto/index.js';

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

test('AEAD into caller buffers: in-place encryption matches aeadEncrypt; failed decryptions zero the output', () => {
  const key = symmetricKey(systemRng(32));
  const nonce = systemRng(24);
  const ad = Buffer.from('ad');
  const plain = Buffer.from('in place, please');
  const frame = Buffer.alloc(plain.length + AEAD_TAG_BYTES);
  plain.copy(frame);
  aeadEncryptInto(frame, key, nonce, frame.subarray(0, plain.length), ad);
  assert.deepEqual(frame, aeadEncrypt(key, nonce, plain, ad));
  assert.throws(() => aeadEncryptInto(Buffer.alloc(plain.length), key, nonce, plain, ad), RangeError);

  const out = Buffer.alloc(plain.length, 0x55);
  aeadDecryptInto(out, key, nonce, frame, ad);
  assert.deepEqual(out, plain);
  assert.equal(aeadTryDecryptInto(out, key, nonce, frame, ad), true);
  assert.deepEqual(out, plain);

  const tampered = Buffer.from(frame);
  tampered[0]! ^= 1;
  out.fill(0x55);
  assert.throws(() => aeadDecryptInto(out, key, nonce, tampered, ad), DecryptError);
  assert.ok(out.every((b) => b === 0));
  out.fill(0x55);
  assert.equal(aeadTryDecryptInto(out, key, nonce, tampered, ad), false);
  assert.ok(out.every((b) => b === 0));
  assert.equal(aeadTryDecryptInto(out, symmetricKey(systemRng(32)), nonce, frame, ad), false);
  assert.equal(aeadTryDecryptInto(Buffer.alloc(3), key, nonce, frame, ad), false, 'wrong output size is a miss, not a crash');
  assert.throws(() => aeadDecryptInto(out, key, nonce, frame.subarray(0, 10), ad), DecryptError);
});
