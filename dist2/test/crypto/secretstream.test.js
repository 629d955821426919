/** crypto_secretstream wrapper (issue 3 §8): round trip, and reordering, truncation, tampering and data after FINAL are rejected. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DecryptError } from '../../src/crypto/errors.js';
import { systemRng } from '../../src/crypto/random.js';
import { Secret } from '../../src/crypto/secret.js';
import { SecretStreamReader, SecretStreamWriter } from '../../src/crypto/secretstream.js';
const key = () => Secret.adopt('K', 32, systemRng(32));
test('secretstream round-trips chunks and reports the final one', () => {
    const k = key();
    const w = new SecretStreamWriter(k);
    const c = [w.push(Buffer.from('one')), w.push(Buffer.from('two'), false, Buffer.from('ad')), w.push(Buffer.from(''), true)];
    const r = new SecretStreamReader(k, w.header);
    assert.equal(r.pull(c[0]).chunk.toString(), 'one');
    assert.equal(r.pull(c[1], Buffer.from('ad')).chunk.toString(), 'two');
    assert.deepEqual(r.pull(c[2]), { chunk: Buffer.alloc(0), final: true });
    assert.throws(() => r.pull(c[2]), DecryptError);
    assert.throws(() => w.push(Buffer.from('late')));
});
test('#6 secretstream rejects reordered, tampered, wrong-AD and wrong-key chunks', () => {
    const k = key();
    const w = new SecretStreamWriter(k);
    const a = w.push(Buffer.from('a'));
    const b = w.push(Buffer.from('b'), true);
    assert.throws(() => new SecretStreamReader(k, w.header).pull(b), DecryptError);
    const flipped = Buffer.from(a);
    flipped[flipped.length - 1] ^= 1;
    assert.throws(() => new SecretStreamReader(k, w.header).pull(flipped), DecryptError);
    assert.throws(() => new SecretStreamReader(k, w.header).pull(a, Buffer.from('x')), DecryptError);
    assert.throws(() => new SecretStreamReader(key(), w.header).pull(a), DecryptError);
});
//# sourceMappingURL=secretstream.test.js.map