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
import { AEAD_TAG_BYTES, aeadDecrypt, aeadEncryptInto } from '../crypto/aead.js';
import { blake2bInto } from '../crypto/hash.js';
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

/** Batches are merged up to this many messages; rewriting one (on a deletion) stays a bounded cost. */
export const MERGE_CAP = 32_768;

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
// The associated data (label ‖ batch ‖ token) and the nonce (batch ‖ token ‖ zeros) of a row,
// rewritten for each row: sealing and opening use them synchronously and keep nothing.
const rowAd = Buffer.alloc(AD_PREFIX.length + 12);
AD_PREFIX.copy(rowAd);
const rowNonce = Buffer.alloc(24);

function setRowPlace(batchId: number, tok: bigint): void {
  rowAd.writeUInt32LE(batchId, AD_PREFIX.length);
  rowAd.writeBigInt64LE(tok, AD_PREFIX.length + 4);
  // A batch key seals one row per token and is never reused for another batch, so (batch, token)
  // is a unique nonce under that key.
  rowAd.copy(rowNonce, 0, AD_PREFIX.length);
}

export function openPosting(batchKey: StoreKey, batchId: number, tok: bigint, pl: Uint8Array): PostingEntries {
  setRowPlace(batchId, tok);
  let plain: Buffer;
  try {
    plain = aeadDecrypt(batchKey, rowNonce, pl, rowAd);
  } catch {
    throw new StoreCorruptError('posting row');
  }
  return decodeEntries(plain);
}

const varintLength = (n: number): number => {
  let length = 1;
  for (; n >= 128; n = Math.floor(n / 128)) length++;
  return length;
};

function writeVarint(out: Uint8Array, at: number, n: number): number {
  for (; n >= 128; n = Math.floor(n / 128)) out[at++] = (n % 128) | 128;
  out[at++] = n;
  return at;
}

// Scratch space for token hashes: a term's bytes (views by length) and the digest.
const termBytes = Buffer.alloc(1024);
const termViews: Buffer[] = [];
const tokenDigest = Buffer.alloc(16);

function tokenOf(batchKey: Buffer, term: Buffer): bigint {
  blake2bInto(tokenDigest, term, batchKey);
  return tokenDigest.readBigInt64LE(0);
}

export function postingToken(batchKey: StoreKey, term: string): bigint {
  if (3 * term.length > termBytes.length) return tokenOf(batchKey.expose(), Buffer.from(term, 'utf8'));
  const length = termBytes.write(term, 0, 'utf8');
  return tokenOf(batchKey.expose(), (termViews[length] ??= termBytes.subarray(0, length)));
}

/**
 * The posting rows of one batch from term → encoded runs, one row per token (a row holds several
 * entries only when terms' tokens collide), each plaintext `(term length ‖ term ‖ data length ‖
 * runs)…` sealed in place where it lands in the packed output.
 */
export function sealPostings(batchId: number, batchKey: StoreKey, terms: ReadonlyMap<string, Uint8Array>): PackedPostings {
  const key = batchKey.expose();
  const names: Buffer[] = [];
  const datas: Uint8Array[] = [];
  const entryToks: bigint[] = [];
  for (const [term, data] of terms) {
    const name = Buffer.from(term, 'utf8');
    names.push(name);
    datas.push(data);
    entryToks.push(tokenOf(key, name));
  }
  // Rows as lists of entries; 64-bit tokens practically never collide, so group only if they do.
  const sorted = BigInt64Array.from(entryToks).sort();
  let collision = false;
  for (let i = 1; i < sorted.length && !collision; i++) collision = sorted[i] === sorted[i - 1];
  const rows: number[][] = [];
  if (!collision) for (let i = 0; i < names.length; i++) rows.push([i]);
  else {
    const byTok = new Map<bigint, number[]>();
    entryToks.forEach((tok, i) => {
      const row = byTok.get(tok);
      if (row) row.push(i);
      else byTok.set(tok, [i]);
    });
    rows.push(...byTok.values());
  }
  const toks = new BigInt64Array(rows.length);
  const offsets = new Int32Array(rows.length + 1);
  const plainLengths = new Int32Array(rows.length);
  rows.forEach((entries, r) => {
    let length = 0;
    for (const e of entries) length += varintLength(names[e]!.length) + names[e]!.length + varintLength(datas[e]!.length) + datas[e]!.length;
    plainLengths[r] = length;
    offsets[r + 1] = offsets[r]! + length + AEAD_TAG_BYTES;
    toks[r] = entryToks[entries[0]!]!;
  });
  const data = new Uint8Array(offsets[rows.length]!);
  rows.forEach((entries, r) => {
    const start = offsets[r]!;
    let at = start;
    for (const e of entries) {
      at = writeVarint(data, at, names[e]!.length);
      data.set(names[e]!, at);
      at = writeVarint(data, at + names[e]!.length, datas[e]!.length);
      data.set(datas[e]!, at);
      at += datas[e]!.length;
    }
    setRowPlace(batchId, toks[r]!);
    aeadEncryptInto(data.subarray(start, offsets[r + 1]), batchKey, rowNonce, data.subarray(start, start + plainLengths[r]!), rowAd);
  });
  return { toks, offsets, data };
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
  return sealPostings(batchId, batchKey, runs);
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
