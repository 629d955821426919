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
/** Batches are merged up to this many messages; rewriting one (on a deletion) stays a bounded cost. */
export const MERGE_CAP = 32_768;
export function postingToken(batchKey, term) {
    return blake2b(16, Buffer.from(term, 'utf8'), batchKey.expose()).readBigInt64LE(0);
}
class ByteWriter {
    #buf;
    #len = 0;
    constructor(size = 256) {
        this.#buf = Buffer.allocUnsafe(size);
    }
    #room(n) {
        if (this.#len + n <= this.#buf.length)
            return;
        const next = Buffer.allocUnsafe(Math.max(this.#buf.length * 2, this.#len + n));
        this.#buf.copy(next, 0, 0, this.#len);
        this.#buf = next;
    }
    varint(n) {
        this.#room(8);
        while (n >= 128) {
            this.#buf[this.#len++] = (n % 128) | 128;
            n = Math.floor(n / 128);
        }
        this.#buf[this.#len++] = n;
    }
    raw(b) {
        this.#room(b.length);
        this.#buf.set(b, this.#len);
        this.#len += b.length;
    }
    done() {
        return Buffer.from(this.#buf.subarray(0, this.#len));
    }
}
class ByteReader {
    buf;
    #at = 0;
    constructor(buf) {
        this.buf = buf;
    }
    varint() {
        let n = 0;
        let scale = 1;
        for (let i = 0; i < 8; i++) {
            const byte = this.buf[this.#at++];
            if (byte === undefined)
                throw new StoreCorruptError('posting list');
            n += (byte & 127) * scale;
            if (byte < 128)
                return n;
            scale *= 128;
        }
        throw new StoreCorruptError('posting list');
    }
    take(len) {
        if (this.#at + len > this.buf.length)
            throw new StoreCorruptError('posting list');
        const out = this.buf.subarray(this.#at, this.#at + len);
        this.#at += len;
        return out;
    }
    get done() {
        return this.#at >= this.buf.length;
    }
}
/** One ascending run of insertion numbers: count ‖ first ‖ deltas…, varints. */
export function encodeRun(gs) {
    const w = new ByteWriter(gs.length * 2 + 8);
    w.varint(gs.length);
    let prev = 0;
    for (const g of gs) {
        w.varint(g - prev);
        prev = g;
    }
    return w.done();
}
/** The insertion numbers of concatenated runs (a merged batch keeps its parts' runs side by side). */
export function decodeRuns(data) {
    const r = new ByteReader(data);
    const out = [];
    while (!r.done) {
        let g = 0;
        for (let n = r.varint(); n > 0; n--)
            out.push((g += r.varint()));
    }
    return out;
}
export function encodeEntries(entries) {
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
export function decodeEntries(plain) {
    const r = new ByteReader(plain);
    const out = new Map();
    while (!r.done) {
        const term = r.take(r.varint()).toString('utf8');
        out.set(term, r.take(r.varint()));
    }
    return out;
}
const AD_PREFIX = Buffer.from('saltline/post', 'latin1');
/** The associated data (label ‖ batch ‖ token) and the nonce (batch ‖ token ‖ zeros) of a row. */
function adAndNonce(batchId, tok) {
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
export function sealPosting(batchKey, batchId, tok, entries) {
    const [ad, nonce] = adAndNonce(batchId, tok);
    return aeadEncrypt(batchKey, nonce, encodeEntries(entries), ad);
}
export function openPosting(batchKey, batchId, tok, pl) {
    const [ad, nonce] = adAndNonce(batchId, tok);
    let plain;
    try {
        plain = aeadDecrypt(batchKey, nonce, pl, ad);
    }
    catch {
        throw new StoreCorruptError('posting row');
    }
    return decodeEntries(plain);
}
/** The rows of one batch from term → encoded runs: one row per token. */
export function postingRows(batchId, batchKey, terms) {
    const byTok = new Map();
    for (const [term, data] of terms) {
        const tok = postingToken(batchKey, term);
        const entries = byTok.get(tok);
        if (entries)
            entries.set(term, data);
        else
            byTok.set(tok, new Map([[term, data]]));
    }
    const rows = [];
    for (const [tok, entries] of byTok)
        rows.push({ b: batchId, tok, pl: sealPosting(batchKey, batchId, tok, entries) });
    return rows;
}
/**
 * The next pair of adjacent batches to merge: the newest pair whose older half is not larger than
 * its newer half and whose sum stays under MERGE_CAP. Like a binary counter, this keeps about
 * log2(n) small batches plus n / MERGE_CAP full ones.
 */
export function mergeCandidate(batches) {
    for (let i = batches.length - 2; i >= 0; i--) {
        const older = batches[i];
        const newer = batches[i + 1];
        if (older.count <= newer.count && older.count + newer.count <= MERGE_CAP)
            return i;
    }
    return undefined;
}
//# sourceMappingURL=postings.js.map