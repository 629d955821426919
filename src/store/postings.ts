/**
 * The blind index (issue 3 §6) as encrypted posting lists. Every flush batch of messages gets its
 * own random key; for each index term of the batch one row goes to the `postings_v2` table:
 *   b    batch id                                             (clear, to rewrite or drop a batch)
 *   tok  keyed 64-bit hash of the term under the batch key    (clear, matched with `tok IN (…)`)
 *   pl   the term and the insertion numbers `g` of the batch's messages holding it,
 *        XChaCha20-Poly1305 under the batch key, bound to (b, tok)
 * A search computes one token per live batch and query term. Deleting a message or a conversation
 * rewrites the batches that list it under new keys and destroys the old keys (issue 3 §3), so no
 * posting left on disk — or in an earlier copy of the folder — can be decrypted or matched against
 * a dictionary any more. Tokens of different batches are unlinkable, so the locked folder shows
 * term frequencies per batch, not which messages share a word.
 */
import { aeadDecrypt, aeadEncrypt } from '../crypto/aead.js';
import { blake2b } from '../crypto/hash.js';
import { StoreCorruptError } from './errors.js';
import type { StoreKey } from './rowCrypto.js';

export interface BatchInfo {
  readonly id: number;
  readonly key: Uint8Array;
  /** Insertion numbers of the batch's messages lie in [lo, hi]. */
  readonly lo: number;
  readonly hi: number;
  readonly count: number;
}

export interface PostingRow {
  readonly b: number;
  readonly tok: bigint;
  readonly pl: Buffer;
}

/** Batches are merged up to this many messages; rewriting one (on a deletion) stays a bounded cost. */
export const MERGE_CAP = 32_768;

export function postingToken(batchKey: StoreKey, term: string): bigint {
  return blake2b(16, Buffer.from(term, 'utf8'), batchKey.expose()).readBigInt64LE(0);
}

class ByteWriter {
  #buf: Buffer;
  #len = 0;

  constructor(size = 256) {
    this.#buf = Buffer.allocUnsafe(size);
  }

  #room(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + n));
    this.#buf.copy(next, 0, 0, this.#len);
    this.#buf = next;
  }

  varint(n: number): void {
    this.#room(8);
    while (n >= 128) {
      this.#buf[this.#len++] = (n % 128) | 128;
      n = Math.floor(n / 128);
    }
    this.#buf[this.#len++] = n;
  }

  raw(b: Uint8Array): void {
    this.#room(b.length);
    this.#buf.set(b, this.#len);
    this.#len += b.length;
  }

  done(): Buffer {
    return Buffer.from(this.#buf.subarray(0, this.#len));
  }
}

class ByteReader {
  #at = 0;
  constructor(readonly buf: Buffer) {}

  varint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.buf[this.#at++];
      if (byte === undefined) throw new StoreCorruptError('posting list');
      n += (byte & 127) * scale;
      if (byte < 128) return n;
      scale *= 128;
    }
    throw new StoreCorruptError('posting list');
  }

  take(len: number): Buffer {
    if (this.#at + len > this.buf.length) throw new StoreCorruptError('posting list');
    const out = this.buf.subarray(this.#at, this.#at + len);
    this.#at += len;
    return out;
  }

  get done(): boolean {
    return this.#at >= this.buf.length;
  }
}

/** One ascending run of insertion numbers: count ‖ first ‖ deltas…, varints. */
export function encodeRun(gs: ArrayLike<number>): Buffer {
  const w = new ByteWriter(gs.length * 2 + 8);
  w.varint(gs.length);
  let prev = 0;
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i]!;
    w.varint(g - prev);
    prev = g;
  }
  return w.done();
}

/** The union of ascending lists, ascending and without repeats. */
export function ascendingUnion(lists: readonly ArrayLike<number>[]): Float64Array {
  let total = 0;
  for (const list of lists) total += list.length;
  const all = new Float64Array(total);
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  all.sort();
  let kept = 0;
  for (let i = 0; i < all.length; i++) if (kept === 0 || all[kept - 1] !== all[i]) all[kept++] = all[i]!;
  return all.subarray(0, kept);
}

/** The insertion numbers of concatenated runs (a merged batch keeps its parts' runs side by side). */
export function decodeRuns(data: Buffer): number[] {
  const r = new ByteReader(data);
  const out: number[] = [];
  while (!r.done) {
    let g = 0;
    for (let n = r.varint(); n > 0; n--) out.push((g += r.varint()));
  }
  return out;
}

/** A posting row's plaintext: (term length ‖ term ‖ data length ‖ runs)… — several entries only when terms' tokens collide. */
export type PostingEntries = Map<string, Buffer>;

export function encodeEntries(entries: PostingEntries): Buffer {
  const w = new ByteWriter();
  for (const [term, data] of entries) {
    const t = Buffer.from(term, 'utf8');
    w.varint(t.length);
    w.raw(t);
    w.varint(data.length);
    w.raw(data);
  }
  return w.done();
}

export function decodeEntries(plain: Buffer): PostingEntries {
  const r = new ByteReader(plain);
  const out: PostingEntries = new Map();
  while (!r.done) {
    const term = r.take(r.varint()).toString('utf8');
    out.set(term, r.take(r.varint()));
  }
  return out;
}

const AD_PREFIX = Buffer.from('saltline/post', 'latin1');

/** The associated data (label ‖ batch ‖ token) and the nonce (batch ‖ token ‖ zeros) of a row. */
function adAndNonce(batchId: number, tok: bigint): [Buffer, Buffer] {
  const ad = Buffer.allocUnsafe(AD_PREFIX.length + 12);
  AD_PREFIX.copy(ad);
  ad.writeUInt32LE(batchId, AD_PREFIX.length);
  ad.writeBigInt64LE(tok, AD_PREFIX.length + 4);
  // A batch key seals one row per token and is never reused for another batch, so (batch, token)
  // is a unique nonce under that key.
  const nonce = Buffer.alloc(24);
  ad.copy(nonce, 0, AD_PREFIX.length);
  return [ad, nonce];
}

export function sealPosting(batchKey: StoreKey, batchId: number, tok: bigint, entries: PostingEntries): Buffer {
  const [ad, nonce] = adAndNonce(batchId, tok);
  return aeadEncrypt(batchKey, nonce, encodeEntries(entries), ad);
}

export function openPosting(batchKey: StoreKey, batchId: number, tok: bigint, pl: Uint8Array): PostingEntries {
  const [ad, nonce] = adAndNonce(batchId, tok);
  let plain: Buffer;
  try {
    plain = aeadDecrypt(batchKey, nonce, pl, ad);
  } catch {
    throw new StoreCorruptError('posting row');
  }
  return decodeEntries(plain);
}

/** The rows of one batch from term → encoded runs: one row per token. */
export function postingRows(batchId: number, batchKey: StoreKey, terms: ReadonlyMap<string, Buffer>): PostingRow[] {
  const byTok = new Map<bigint, PostingEntries>();
  for (const [term, data] of terms) {
    const tok = postingToken(batchKey, term);
    const entries = byTok.get(tok);
    if (entries) entries.set(term, data);
    else byTok.set(tok, new Map([[term, data]]));
  }
  const rows: PostingRow[] = [];
  for (const [tok, entries] of byTok) rows.push({ b: batchId, tok, pl: sealPosting(batchKey, batchId, tok, entries) });
  return rows;
}

/**
 * What a flush batch's postings are made from: its distinct words, each as its index terms, and
 * per word the ascending insertion numbers of the batch's messages holding it —
 * `gs[ends[i - 1] .. ends[i])` for word i. Plain arrays, so it can go to a worker thread.
 */
export interface BatchWords {
  readonly words: readonly (readonly string[])[];
  readonly gs: Float64Array<ArrayBuffer>;
  readonly ends: Uint32Array<ArrayBuffer>;
}

/** Posting rows packed into three arrays (transferable): row i is `toks[i]` and `data[offsets[i] .. offsets[i + 1])`. */
export interface PackedPostings {
  readonly toks: BigInt64Array<ArrayBuffer>;
  readonly offsets: Int32Array<ArrayBuffer>;
  readonly data: Uint8Array<ArrayBuffer>;
}

/** A new batch's posting rows: one per token, each listing the batch's messages that hold its term(s). */
export function batchPostings(batchId: number, batchKey: StoreKey, input: BatchWords): PackedPostings {
  const { words, gs, ends } = input;
  const listOf = (word: number): Float64Array => gs.subarray(word === 0 ? 0 : ends[word - 1], ends[word]);
  // A term shared by several words (the prefix "tal" of "talk" and "tall") lists their messages together.
  const wordsOfTerm = new Map<string, number[]>();
  words.forEach((terms, word) => {
    for (const term of terms) {
      const list = wordsOfTerm.get(term);
      if (list) list.push(word);
      else wordsOfTerm.set(term, [word]);
    }
  });
  const runs = new Map<string, Buffer>();
  for (const [term, ws] of wordsOfTerm) runs.set(term, encodeRun(ws.length === 1 ? listOf(ws[0]!) : ascendingUnion(ws.map(listOf))));
  return packPostings(postingRows(batchId, batchKey, runs));
}

export function packPostings(rows: readonly PostingRow[]): PackedPostings {
  const toks = new BigInt64Array(rows.length);
  const offsets = new Int32Array(rows.length + 1);
  let total = 0;
  rows.forEach((row, i) => {
    toks[i] = row.tok;
    offsets[i + 1] = total += row.pl.length;
  });
  const data = new Uint8Array(total);
  rows.forEach((row, i) => data.set(row.pl, offsets[i]));
  return { toks, offsets, data };
}

/**
 * The next pair of adjacent batches to merge: the newest pair whose older half is not larger than
 * its newer half and whose sum stays under MERGE_CAP. Like a binary counter, this keeps about
 * log2(n) small batches plus n / MERGE_CAP full ones.
 */
export function mergeCandidate(batches: readonly BatchInfo[]): number | undefined {
  for (let i = batches.length - 2; i >= 0; i--) {
    const older = batches[i]!;
    const newer = batches[i + 1]!;
    if (older.count <= newer.count && older.count + newer.count <= MERGE_CAP) return i;
  }
  return undefined;
}
