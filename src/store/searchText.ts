/**
 * Word splitting and normalization for keyword search (issue 3 §6), shared by the blind index and
 * the in-memory store so both match the same way: NFKC, lower case, words of letters and digits,
 * and a query word matches any word it is a prefix of (from 3 characters; shorter ones match whole words).
 */

export const MIN_PREFIX = 3;
/** Longer query words are looked up by their first MAX_PREFIX characters and checked after decryption. */
export const MAX_PREFIX = 6;
export const MAX_WORDS_PER_MESSAGE = 512;

const NOT_ASCII = /[^\p{ASCII}]/u;

export function words(text: string): string[] {
  const out = new Set<string>();
  for (const w of wordSplit(text)) {
    if (w.length > 0) out.add(w);
    if (out.size >= MAX_WORDS_PER_MESSAGE) break;
  }
  return [...out];
}

/**
 * The words of a text with repeats (and possibly empty strings), when there are few enough
 * that `words` would keep them all; otherwise `words(text)`. For indexing, where a repeat
 * costs less than removing it.
 */
export function indexWords(text: string): readonly string[] {
  const parts = wordSplit(text);
  return parts.length <= MAX_WORDS_PER_MESSAGE ? parts : words(text);
}

function wordSplit(text: string): string[] {
  // ASCII is its own NFKC form and its letters and digits are [a-z0-9] once lower-cased: a faster path, same result.
  return !NOT_ASCII.test(text) ? text.toLowerCase().split(/[^a-z0-9]+/) : text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u);
}

/** The index terms of a word: the whole word when short, else its prefixes of MIN_PREFIX..MAX_PREFIX characters. */
export function indexTerms(word: string): string[] {
  const chars = [...word];
  if (chars.length < MIN_PREFIX) return [`w:${word}`];
  const out: string[] = [];
  for (let k = MIN_PREFIX; k <= Math.min(chars.length, MAX_PREFIX); k++) out.push(`p:${chars.slice(0, k).join('')}`);
  return out;
}

/** The single index term a query word is looked up by. */
export function queryTerm(word: string): string {
  const chars = [...word];
  if (chars.length < MIN_PREFIX) return `w:${word}`;
  return `p:${chars.slice(0, MAX_PREFIX).join('')}`;
}

/** Exact check after decryption: every query word is a prefix of (or, when short, equal to) some word. */
export function matchesQuery(textWords: readonly string[], queryWords: readonly string[]): boolean {
  return queryWords.every((q) => textWords.some((w) => ([...q].length < MIN_PREFIX ? w === q : w.startsWith(q))));
}

/**
 * The searchable text of a body. A body may start with a client-owned header (issue 8: edited,
 * deleted, reactions, reply, expiry) that is not text: a NUL byte, a u16 big-endian length and
 * that many bytes. It is skipped, so metadata never becomes search terms.
 */
export function bodyText(body: Uint8Array): string {
  return bodyPayload(body).toString('utf8');
}

/** The bytes after a body's header: its text, or a client-owned payload such as an attachment row. */
export function bodyPayload(body: Uint8Array): Buffer {
  const b = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return b.length >= 3 && b[0] === 0 ? b.subarray(Math.min(b.length, 3 + b.readUInt16BE(1))) : b;
}
