/**
 * The control-message content kinds 6–11 (issue 8): edit, delete, reaction, rich text (reply,
 * disappearing timer), timer and typing. Round trips by property, strict refusal of malformed
 * records (SECURITY-TESTS #18).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { SaltlineError } from '../../src/crypto/errors.js';
import { decodeContent, encodeContent, type Content } from '../../src/protocol/content.js';
import { DISAPPEARING_SECONDS, isReactionEmoji } from '../../src/protocol/controlContent.js';

const invalid = (e: unknown): boolean => e instanceof SaltlineError && e.code === 'INVALID_FRAME';
const id16 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b));
const sentAt = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const someText = fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' });
const seconds = fc.constantFrom(...DISAPPEARING_SECONDS);
const emoji = fc.constantFrom('', '👍', '❤️', '😂', '👨‍👩‍👧‍👦', '🇫🇷', '👍🏽');

const control: fc.Arbitrary<Content> = fc.oneof(
  fc.record({ kind: fc.constant('edit' as const), id: id16, sentAt, target: id16, text: someText }),
  fc.record({ kind: fc.constant('delete' as const), id: id16, sentAt, target: id16 }),
  fc.record({ kind: fc.constant('reaction' as const), id: id16, sentAt, target: id16, emoji }),
  fc.record({ kind: fc.constant('rich' as const), id: id16, sentAt, text: someText, replyTo: fc.option(id16, { nil: undefined }), expiresIn: seconds }),
  fc.record({ kind: fc.constant('timer' as const), id: id16, sentAt, seconds }),
  fc.record({ kind: fc.constant('typing' as const), id: id16, sentAt, typing: fc.boolean() }),
);

test('every control content round-trips and uses kinds 6–11 only', () => {
  fc.assert(
    fc.property(control, (c) => {
      const bytes = encodeContent(c);
      assert.ok(bytes[1]! >= 6 && bytes[1]! <= 11);
      assert.deepEqual(decodeContent(bytes), { ...c });
    }),
  );
});

test('#18 truncated or extended control records are refused with a typed error', () => {
  fc.assert(
    fc.property(control, fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), (c, cut, extra) => {
      const bytes = encodeContent(c);
      const at = 26 + (cut % Math.max(1, bytes.length - 26));
      assert.throws(() => decodeContent(bytes.subarray(0, at)), invalid);
      assert.throws(() => decodeContent(Buffer.concat([bytes, extra])), invalid);
    }),
  );
});

test('#18 random bytes after a control kind byte never crash the decoder', () => {
  fc.assert(
    fc.property(fc.integer({ min: 6, max: 11 }), fc.uint8Array({ maxLength: 80 }), (kind, rest) => {
      const bytes = Buffer.concat([Buffer.from([1, kind]), Buffer.alloc(16, 1), Buffer.alloc(8), rest]);
      try {
        decodeContent(bytes);
      } catch (e) {
        assert.ok(invalid(e), String(e));
      }
    }),
  );
});

test('#18 strict fields: unknown timers, long or non-emoji reactions, bad typing states, empty texts', () => {
  const head = { id: Buffer.alloc(16, 1), sentAt: 5 };
  const target = Buffer.alloc(16, 2);
  assert.throws(() => encodeContent({ ...head, kind: 'timer', seconds: 60 as never }), invalid);
  const timer = encodeContent({ ...head, kind: 'timer', seconds: 300 });
  timer.writeUInt32BE(301, 26);
  assert.throws(() => decodeContent(timer), invalid);
  assert.throws(() => encodeContent({ ...head, kind: 'reaction', target, emoji: 'lol' }), invalid);
  assert.throws(() => encodeContent({ ...head, kind: 'reaction', target, emoji: '👍'.repeat(17) }), invalid);
  assert.throws(() => encodeContent({ ...head, kind: 'reaction', target, emoji: '👍 ' }), invalid);
  const reaction = encodeContent({ ...head, kind: 'reaction', target, emoji: '👍' });
  assert.throws(() => decodeContent(Buffer.concat([reaction.subarray(0, 42), Buffer.from([3]), Buffer.from('abc')])), invalid);
  const typing = encodeContent({ ...head, kind: 'typing', typing: true });
  typing[26] = 2;
  assert.throws(() => decodeContent(typing), invalid);
  assert.throws(() => encodeContent({ ...head, kind: 'edit', target, text: '' }), invalid);
  assert.throws(() => encodeContent({ ...head, kind: 'rich', text: '', replyTo: undefined, expiresIn: 0 }), invalid);
  const rich = encodeContent({ ...head, kind: 'rich', text: 'hi', replyTo: undefined, expiresIn: 0 });
  rich[26] = 2;
  assert.throws(() => decodeContent(rich), invalid, 'unknown flag bits');
  assert.throws(() => encodeContent({ ...head, kind: 'delete', target: Buffer.alloc(15) }), invalid);
  assert.equal(isReactionEmoji('👍'), true);
  assert.equal(isReactionEmoji('a'), false);
});
