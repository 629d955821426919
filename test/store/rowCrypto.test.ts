/**
 * Message sealing into shared buffers (rowCrypto.ts) and the journal's op encoding
 * (journalOps.ts): property tests of the batch save path's buffer reuse.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import fc from 'fast-check';
import { systemRng } from '../../src/crypto/random.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import { decodeOps, encodeOps, type Op } from '../../src/store/journalOps.js';
import { asKey, openMessage, sealedMessageLength, sealMessage, sealMessageInto, type MessageBody } from '../../src/store/rowCrypto.js';
import { DeliveryState } from '../../src/store/types.js';

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,128}$/);
const messageBody = fc.record({
  id,
  sender: fc.string({ maxLength: 128, unit: 'grapheme' }),
  timestamp: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  // At least 12 random bytes, so finding one in the ciphertext is not a coincidence.
  body: fc.uint8Array({ minLength: 12, maxLength: 400 }),
  delivery: fc.constantFrom(...Object.values(DeliveryState)),
});

test('messages sealed side by side into one buffer each open at their own place only, and leave no plaintext behind', () => {
  fc.assert(
    fc.property(fc.array(fc.record({ m: messageBody, conv: id, seq: fc.nat(2 ** 32 - 1), g: fc.integer({ min: 1, max: 2 ** 50 }), gen: fc.integer({ min: 1, max: 2 ** 32 - 1 }) }), { minLength: 1, maxLength: 20 }), (items) => {
      const key = asKey(randomBytes(32));
      const lengths = items.map(({ m }) => sealedMessageLength(m));
      const shared = Buffer.alloc(lengths.reduce((a, b) => a + b, 0));
      let at = 0;
      const cts = items.map(({ m, conv, seq, g, gen }, i) => {
        const ct = shared.subarray(at, (at += lengths[i]!));
        sealMessageInto(ct, key, gen, conv, seq, g, m, systemRng);
        return ct;
      });
      items.forEach(({ m, conv, seq, g }, i) => {
        assert.deepEqual(openMessage(key, conv, seq, g, cts[i]!), { ...m, body: new Uint8Array(m.body) });
        assert.equal(cts[i]!.length, sealMessage(key, 1, conv, seq, g, m, systemRng).length);
        assert.throws(() => openMessage(key, conv, seq + 1, g, cts[i]!), StoreCorruptError);
        assert.throws(() => openMessage(key, `${conv}x`, seq, g, cts[i]!), StoreCorruptError);
        assert.equal(shared.includes(Buffer.from(m.body)), false);
      });
    }),
    { numRuns: 100 },
  );
});

test('a buffer of the wrong length is refused and left without plaintext', () => {
  const m: MessageBody = { id: 'x', sender: 'me', timestamp: 1, body: new Uint8Array(40).fill(7), delivery: 'sent' };
  for (const extra of [1, -1, -20]) {
    const out = Buffer.alloc(sealedMessageLength(m) + extra);
    assert.throws(() => sealMessageInto(out, asKey(randomBytes(32)), 1, 'c', 1, 1, m, systemRng), RangeError);
    assert.ok(out.every((b) => b === 0));
  }
});

test('journal records: every mix of message and other ops decodes to what was encoded', () => {
  const msgOp = fc.record({ id, conv: id, slot: fc.nat(2 ** 20), seq: fc.nat(2 ** 32 - 1), g: fc.integer({ min: 1, max: 2 ** 50 }), ct: fc.uint8Array({ maxLength: 300 }), update: fc.boolean() }).map((row): Op => ({ t: 'msg', row: { ...row, terms: [] } }));
  const otherOp = fc.oneof(
    fc.record({ conv: id, key: fc.uint8Array({ minLength: 32, maxLength: 32 }), slot: fc.nat(2 ** 20) }).map((o): Op => ({ t: 'ckey', ...o })),
    id.map((i): Op => ({ t: 'invdel', id: i })),
    fc.record({ rid: id }).map((o): Op => ({ t: 'recdel', ...o })),
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(msgOp, otherOp), { minLength: 1, maxLength: 30 }), (ops) => {
      const decoded = decodeOps(encodeOps(ops));
      // Index terms are not journaled (replay recomputes them).
      const expected: unknown[] = ops.map((op) => (op.t === 'msg' ? { t: 'msg', row: { id: op.row.id, conv: op.row.conv, slot: op.row.slot, seq: op.row.seq, g: op.row.g, ct: new Uint8Array(op.row.ct), update: op.row.update } } : op));
      assert.deepEqual(decoded, expected);
    }),
    { numRuns: 200 },
  );
});
