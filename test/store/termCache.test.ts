/**
 * The byte scanner of termCache.ts against the string definition of index terms (searchText.ts):
 * property tests over ASCII and non-ASCII text, client headers and long messages.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { bodyText, indexTerms, indexWords } from '../../src/store/searchText.js';
import { TermCache } from '../../src/store/termCache.js';

/** The distinct term lists of a body by the string definition. */
function reference(body: Uint8Array): Set<string> {
  return new Set(indexWords(bodyText(body)).filter((w) => w.length > 0).map((w) => indexTerms(w).join(' ')));
}

const asciiText = fc.stringMatching(/^[A-Za-z0-9 ,.!?'"\n\t-]{0,300}$/);
const anyText = fc.oneof(asciiText, fc.string({ maxLength: 200, unit: 'grapheme' }), fc.string({ maxLength: 60, unit: 'binary' }));
const withHeader = (header: Uint8Array, text: string): Uint8Array => {
  const t = Buffer.from(text, 'utf8');
  const out = Buffer.alloc(3 + header.length + t.length);
  out.writeUInt16BE(header.length, 1);
  out.set(header, 3);
  out.set(t, 3 + header.length);
  return out;
};
const body = fc.oneof(
  anyText.map((t) => new Uint8Array(Buffer.from(t, 'utf8'))),
  fc.tuple(fc.uint8Array({ maxLength: 20 }), anyText).map(([h, t]) => withHeader(h, t)),
  // A header whose length runs past the end, and arbitrary bytes.
  fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from([0, 0xff, 0xff, ...b])),
  fc.uint8Array({ maxLength: 100 }),
);

test('the byte scanner gives the words and terms of the string definition', () => {
  const cache = new TermCache();
  fc.assert(
    fc.property(fc.array(body, { minLength: 1, maxLength: 8 }), (bodies) => {
      for (const b of bodies) assert.deepEqual(new Set(cache.of(b).map((l) => l.join(' '))), reference(b));
    }),
    { numRuns: 500 },
  );
});

test('long messages: past the word limit the scanner keeps the same words as the string definition', () => {
  const cache = new TermCache();
  const many = Array.from({ length: 700 }, (_, i) => `w${i.toString(36)}`);
  for (const count of [511, 512, 513, 700]) {
    for (const sep of [' ', ' , ']) {
      const text = (sep === ' ' ? '' : '!') + many.slice(0, count).join(sep) + ' ' + many.slice(0, 10).join(' ');
      const b = new Uint8Array(Buffer.from(text));
      assert.deepEqual(new Set(cache.of(b).map((l) => l.join(' '))), reference(b));
    }
  }
});

test('upper and lower case ASCII words share one cached term list', () => {
  const cache = new TermCache();
  const [a] = cache.of(new Uint8Array(Buffer.from('Hello')));
  const [b, c] = cache.of(new Uint8Array(Buffer.from('hello HELLO')));
  assert.equal(a, b);
  assert.equal(b, c);
  assert.deepEqual(a, indexTerms('hello'));
});
