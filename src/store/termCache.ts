/**
 * The blind-index terms of message bodies (issue 3 §6), computed on every save: the words of
 * `searchText.ts` (`indexWords`), each word's terms (`indexTerms`), cached per word. ASCII bodies
 * — most chat text — are scanned as bytes: a word already seen is found by a hash of its
 * lower-cased bytes and compared in place, so no string is made for it (at a million messages,
 * splitting bodies into strings and looking each up was a tenth of the save path). Anything else
 * takes the string path. Both give the same terms, and a word always gets the same cached term
 * list object while it stays cached (postings group words by that identity).
 */
import { bodyText, indexTerms, indexWords, MAX_WORDS_PER_MESSAGE } from './searchText.js';

interface Entry {
  /** The word, lower case, as bytes. */
  readonly bytes: Uint8Array;
  readonly terms: readonly string[];
  readonly next: Entry | undefined;
}

/** Words kept before the cache starts over (memory only). */
const CACHE_LIMIT = 100_000;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

export class TermCache {
  readonly #byHash = new Map<number, Entry>();
  readonly #byWord = new Map<string, readonly string[]>();

  /** The terms of each word of a body, in order, repeats included. */
  of(body: Uint8Array): (readonly string[])[] {
    // A client header (see bodyText) is not text.
    const start = body.length >= 3 && body[0] === 0 ? Math.min(body.length, 3 + ((body[1]! << 8) | body[2]!)) : 0;
    const out: (readonly string[])[] = [];
    let hash = FNV_OFFSET;
    let wordStart = 0;
    let length = 0;
    for (let i = start; i <= body.length; i++) {
      const byte = i < body.length ? body[i]! : 0x20;
      if (byte >= 0x80) return this.#ofText(body);
      const c = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
      if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
        if (length++ === 0) wordStart = i;
        hash = Math.imul(hash ^ c, FNV_PRIME);
      } else if (length > 0) {
        if (out.length === MAX_WORDS_PER_MESSAGE) return this.#ofText(body);
        // 30 bits: small integers make fast map keys; collisions are chained.
        out.push(this.#word(body, wordStart, length, hash & 0x3fffffff));
        hash = FNV_OFFSET;
        length = 0;
      }
    }
    return out;
  }

  clear(): void {
    this.#byHash.clear();
    this.#byWord.clear();
  }

  #word(body: Uint8Array, start: number, length: number, hash: number): readonly string[] {
    const first = this.#byHash.get(hash);
    search: for (let e = first; e; e = e.next) {
      if (e.bytes.length !== length) continue;
      for (let k = 0; k < length; k++) {
        const byte = body[start + k]!;
        if (e.bytes[k] !== (byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte)) continue search;
      }
      return e.terms;
    }
    const bytes = new Uint8Array(length);
    for (let k = 0; k < length; k++) {
      const byte = body[start + k]!;
      bytes[k] = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
    }
    const terms = indexTerms(Buffer.from(bytes.buffer, 0, length).toString('latin1'));
    if (this.#byHash.size >= CACHE_LIMIT) this.#byHash.clear();
    this.#byHash.set(hash, { bytes, terms, next: this.#byHash.has(hash) ? first : undefined });
    return terms;
  }

  #ofText(body: Uint8Array): (readonly string[])[] {
    const out: (readonly string[])[] = [];
    for (const w of indexWords(bodyText(body))) {
      if (w.length === 0) continue;
      let terms = this.#byWord.get(w);
      if (!terms) {
        terms = indexTerms(w);
        if (this.#byWord.size >= CACHE_LIMIT) this.#byWord.clear();
        this.#byWord.set(w, terms);
      }
      out.push(terms);
    }
    return out;
  }
}
