/**
 * Attachment chunk crypto (issue 8 item 1; SECURITY-TESTS #6): any size round-trips chunk by
 * chunk; a tampered, truncated, extended, reordered or swapped chunk, a chunk from another file,
 * a wrong length or a wrong hash is rejected with a typed error. And the attachment content
 * (kind 5) parses strictly.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { systemRng } from '../../src/crypto/random.js';
import { decodeAttachment, encodeAttachment, MAX_THUMBNAIL_BYTES, type AttachmentDescriptor } from '../../src/protocol/attachmentContent.js';
import {
  AttachmentError,
  AttachmentOpener,
  AttachmentSealer,
  chunkCount,
  cipherSize,
  MIN_ATTACHMENT_CHUNK_BYTES,
  newAttachmentKey,
  type AttachmentKey,
} from '../../src/protocol/attachmentStream.js';
import { decodeContent, encodeContent } from '../../src/protocol/content.js';
import { InvalidFrameError } from '../../src/protocol/errors.js';

const CHUNK = MIN_ATTACHMENT_CHUNK_BYTES;

interface Sealed {
  key: AttachmentKey;
  header: Buffer;
  hash: Buffer;
  chunks: Buffer[];
  plain: Buffer;
}

function seal(plain: Buffer, chunkBytes = CHUNK): Sealed {
  const key = newAttachmentKey(systemRng);
  const sealer = new AttachmentSealer(key, plain.length, chunkBytes);
  const chunks: Buffer[] = [];
  for (let i = 0; i < sealer.count; i++) chunks.push(sealer.seal(plain.subarray(i * chunkBytes, Math.min(plain.length, (i + 1) * chunkBytes))));
  return { key, header: sealer.header, hash: sealer.hash(), chunks, plain };
}

function openAll(s: Sealed, chunks: readonly Buffer[], size = s.plain.length): Buffer {
  const opener = new AttachmentOpener(s.key, s.header, s.hash, size, CHUNK);
  const out: Buffer[] = [];
  chunks.forEach((c, i) => out.push(opener.open(i, c)));
  if (!opener.done) throw new AttachmentError('TRUNCATED', 'stream ended early');
  return Buffer.concat(out);
}

function rejected(reason?: string): (e: unknown) => boolean {
  return (e) => e instanceof AttachmentError && (reason === undefined || e.reason === reason);
}

test('attachments of any size round-trip chunk by chunk; the ciphertext has the announced size', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 5 * CHUNK + 3 }), (size) => {
      const s = seal(systemRng(size));
      assert.equal(s.chunks.length, chunkCount(size, CHUNK));
      assert.equal(
        s.chunks.reduce((n, c) => n + c.length, 0),
        cipherSize(size, CHUNK),
      );
      assert.deepEqual(openAll(s, s.chunks), s.plain);
    }),
    { numRuns: 40 },
  );
});

test('#6 a tampered chunk is rejected (any bit of any chunk)', () => {
  const s = seal(systemRng(3 * CHUNK + 100));
  fc.assert(
    fc.property(fc.integer({ min: 0, max: s.chunks.length - 1 }), fc.nat(), fc.integer({ min: 0, max: 7 }), (i, at, bit) => {
      const chunks = s.chunks.map((c) => Buffer.from(c));
      const c = chunks[i]!;
      c[at % c.length]! ^= 1 << bit;
      assert.throws(() => openAll(s, chunks), rejected());
    }),
    { numRuns: 60 },
  );
});

test('swapped, reordered, dropped, duplicated or foreign chunks are rejected', () => {
  const s = seal(systemRng(4 * CHUNK));
  const [a, b, c, d] = s.chunks as [Buffer, Buffer, Buffer, Buffer];
  assert.throws(() => openAll(s, [b, a, c, d]), rejected('CHUNK_REJECTED'), 'swapped');
  assert.throws(() => openAll(s, [a, c, b, d]), rejected('CHUNK_REJECTED'), 'reordered');
  assert.throws(() => openAll(s, [a, b, d]), rejected('CHUNK_REJECTED'), 'dropped');
  assert.throws(() => openAll(s, [a, a, c, d]), rejected('CHUNK_REJECTED'), 'duplicated');
  const other = seal(systemRng(4 * CHUNK));
  assert.throws(() => openAll(s, [a, other.chunks[1]!, c, d]), rejected('CHUNK_REJECTED'), 'from another file');
  const opener = new AttachmentOpener(s.key, s.header, s.hash, s.plain.length, CHUNK);
  assert.throws(() => opener.open(1, b), rejected('CHUNK_ORDER'), 'out of order index');
});

test('truncation is rejected: a stream cut short, a shortened last chunk, or a size claiming less', () => {
  const s = seal(systemRng(3 * CHUNK + 10));
  assert.throws(() => openAll(s, s.chunks.slice(0, 3)), rejected('TRUNCATED'));
  const cut = s.chunks.map((c, i) => (i === 3 ? c.subarray(0, c.length - 1) : c));
  assert.throws(() => openAll(s, cut), rejected('CHUNK_SIZE'));
  // A descriptor claiming the file ends after three full chunks: the third is not marked FINAL.
  assert.throws(() => openAll(s, s.chunks.slice(0, 3), 3 * CHUNK), rejected('TRUNCATED'));
  // And one claiming more: the real last chunk is FINAL too early.
  const longer = seal(systemRng(2 * CHUNK));
  assert.throws(() => openAll(longer, longer.chunks, 2 * CHUNK + 5), rejected());
});

test('a wrong hash in the message is caught at the last chunk', () => {
  const s = seal(systemRng(2 * CHUNK + 1));
  const bad = { ...s, hash: Buffer.from(s.hash).fill(0, 0, 1) };
  bad.hash[0] = s.hash[0]! ^ 1;
  assert.throws(() => openAll(bad, s.chunks), rejected('HASH_MISMATCH'));
  const wrongKey = { ...s, key: newAttachmentKey(systemRng) };
  assert.throws(() => openAll(wrongKey, s.chunks), rejected('CHUNK_REJECTED'));
});

function descriptor(over: Partial<AttachmentDescriptor> = {}): AttachmentDescriptor {
  return {
    relay: 'ws://127.0.0.1:5223',
    getId: systemRng(24),
    key: systemRng(32),
    header: systemRng(24),
    hash: systemRng(32),
    size: 123_456,
    chunkBytes: 1024 * 1024,
    name: 'harbour map.jpg',
    mime: 'image/jpeg',
    thumbnail: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), systemRng(100)]),
    ...over,
  };
}

test('attachment content (kind 5) round-trips inside a Content and parses strictly', () => {
  const d = descriptor();
  const c = decodeContent(encodeContent({ kind: 'attachment', id: systemRng(16), sentAt: 42, attachment: d }));
  assert.equal(c.kind, 'attachment');
  if (c.kind !== 'attachment') return;
  assert.deepEqual(c.attachment, d);
  const bytes = encodeAttachment(d);
  assert.deepEqual(decodeAttachment(bytes), d);
  assert.throws(() => decodeAttachment(Buffer.concat([bytes, Buffer.alloc(1)])), InvalidFrameError, 'trailing bytes');
  for (let cut = 0; cut < bytes.length; cut += 7) assert.throws(() => decodeAttachment(bytes.subarray(0, cut)), InvalidFrameError);
  for (const bad of [
    { name: '../../etc/passwd' },
    { name: 'a\u0000b' },
    { name: 'x'.repeat(256) },
    { name: '' },
    { mime: 'not a mime' },
    { chunkBytes: 7 },
    { size: -1 },
    { thumbnail: Buffer.from('GIF89a-not-a-jpeg') },
    { thumbnail: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(MAX_THUMBNAIL_BYTES)]) },
    { getId: systemRng(23) },
  ]) {
    assert.throws(() => encodeAttachment(descriptor(bad)), InvalidFrameError, JSON.stringify(Object.keys(bad)));
  }
});

test('#18 fuzzed attachment contents give a typed error, never a crash', () => {
  const good = encodeAttachment(descriptor());
  fc.assert(
    fc.property(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, x) => {
      const b = Buffer.from(good);
      b[at]! ^= x;
      try {
        decodeAttachment(b);
      } catch (e) {
        assert.ok(e instanceof InvalidFrameError, String(e));
      }
    }),
    { numRuns: 300 },
  );
});
