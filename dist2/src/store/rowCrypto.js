/**
 * How rows are sealed (issue 3 §2, SECURITY #22), format 2. A message ciphertext carries its key
 * generation and is bound, as associated data, to the row's place — conversation, sequence number
 * and insertion number — so a row copied or swapped into another place fails authentication. The
 * message id travels inside the ciphertext; the clear `h` column holds only a keyed hash of it, so
 * ids chosen by the protocol cannot be matched across devices from locked folders.
 */
import { deserialize, serialize } from 'node:v8';
import { AEAD_NONCE_BYTES, aeadEncrypt, aeadOpen, aeadSeal } from '../crypto/aead.js';
import { blake2b } from '../crypto/hash.js';
import { hkdf } from '../crypto/hkdf.js';
import { Secret } from '../crypto/secret.js';
import { StoreCorruptError } from './errors.js';
import { DeliveryState } from './types.js';
/** Messages of one conversation are keyed per block of EPOCH_SIZE sequence numbers, so deleting one re-encrypts at most this many. */
export const EPOCH_SIZE = 256;
export const epochOf = (seq) => Math.floor(seq / EPOCH_SIZE);
/** Conversation slots are below 2^20, so `k = slot · 2^32 + seq` stays a safe integer. */
export const SLOT_LIMIT = 2 ** 20;
const SLOT_SPAN = 2 ** 32;
export const orderKey = (slot, seq) => slot * SLOT_SPAN + seq;
export const slotOfKey = (k) => Math.floor(k / SLOT_SPAN);
export const seqOfKey = (k) => k % SLOT_SPAN;
/** The `k` range [lo, hi) holding every message of a slot. */
export const slotRange = (slot) => [slot * SLOT_SPAN, (slot + 1) * SLOT_SPAN];
export function subkey(master, label) {
    return Secret.adopt('StoreKey', 32, hkdf(Buffer.alloc(0), master.expose(), Buffer.from(`saltline/store/${label}`), 32));
}
export const asKey = (bytes) => Secret.copyOf('StoreKey', 32, bytes);
const DELIVERY_CODES = Object.values(DeliveryState);
const BODY_FORMAT = 1;
/** version u8 ‖ delivery u8 ‖ timestamp f64 ‖ id length u8 ‖ id ‖ sender length u16 ‖ sender ‖ body. */
export function encodeMessage(m) {
    const idLength = Buffer.byteLength(m.id, 'utf8');
    const senderLength = Buffer.byteLength(m.sender, 'utf8');
    const out = Buffer.allocUnsafe(13 + idLength + senderLength + m.body.length);
    out[0] = BODY_FORMAT;
    out[1] = DELIVERY_CODES.indexOf(m.delivery);
    out.writeDoubleLE(m.timestamp, 2);
    out[10] = idLength;
    out.write(m.id, 11, 'utf8');
    let at = 11 + idLength;
    out.writeUInt16LE(senderLength, at);
    out.write(m.sender, at + 2, 'utf8');
    at += 2 + senderLength;
    out.set(m.body, at);
    return out;
}
export function decodeMessage(plain) {
    const bad = () => {
        throw new StoreCorruptError('message encoding');
    };
    if (plain.length < 13 || plain[0] !== BODY_FORMAT)
        bad();
    const delivery = DELIVERY_CODES[plain[1]] ?? bad();
    const timestamp = plain.readDoubleLE(2);
    const idEnd = 11 + plain[10];
    if (idEnd + 2 > plain.length)
        bad();
    const senderEnd = idEnd + 2 + plain.readUInt16LE(idEnd);
    if (senderEnd > plain.length)
        bad();
    return {
        id: plain.toString('utf8', 11, idEnd),
        sender: plain.toString('utf8', idEnd + 2, senderEnd),
        timestamp,
        body: new Uint8Array(plain.subarray(senderEnd)),
        delivery,
    };
}
// The per-conversation prefix of the associated data, kept so sealing a message allocates less.
const adHeads = new Map();
function messageAd(conv, seq, g, gen) {
    let head = adHeads.get(conv);
    if (!head) {
        if (adHeads.size >= 10_000)
            adHeads.clear();
        adHeads.set(conv, (head = Buffer.from(`saltline/msg/2\0${conv}\0`)));
    }
    const ad = Buffer.allocUnsafe(head.length + 20);
    head.copy(ad);
    ad.writeDoubleLE(seq, head.length);
    ad.writeDoubleLE(g, head.length + 8);
    ad.writeUInt32LE(gen, head.length + 16);
    return ad;
}
/** gen u32 ‖ nonce ‖ XChaCha20-Poly1305(encodeMessage(m)), bound to (conversation, seq, g, gen). */
export function sealMessage(key, gen, conv, seq, g, m, rng) {
    const plain = encodeMessage(m);
    const nonce = rng(AEAD_NONCE_BYTES);
    const sealed = aeadEncrypt(key, nonce, plain, messageAd(conv, seq, g, gen));
    plain.fill(0);
    const out = Buffer.allocUnsafe(4 + AEAD_NONCE_BYTES + sealed.length);
    out.writeUInt32LE(gen, 0);
    out.set(nonce, 4);
    out.set(sealed, 4 + AEAD_NONCE_BYTES);
    return out;
}
export function messageGen(ct) {
    if (ct.length < 4)
        throw new StoreCorruptError('message row');
    return Buffer.from(ct.buffer, ct.byteOffset, ct.byteLength).readUInt32LE(0);
}
export function openMessage(key, conv, seq, g, ct) {
    const gen = messageGen(ct);
    let plain;
    try {
        plain = aeadOpen(key, ct.subarray(4), messageAd(conv, seq, g, gen));
    }
    catch {
        throw new StoreCorruptError('message row');
    }
    try {
        return decodeMessage(plain);
    }
    finally {
        plain.fill(0);
    }
}
const toInt64 = (bytes) => bytes.readBigInt64LE(0);
/** The clear `h` column: a keyed 64-bit hash of the message id. */
export function messageIdHash(idKey, id) {
    return toInt64(blake2b(16, Buffer.from(id, 'utf8'), idKey.expose()));
}
/** The clear id of a record row: a keyed hash, so neither its kind nor its key shows. */
export function recordId(ridKey, kind, key) {
    return blake2b(16, Buffer.from(`${kind}\0${key}`), ridKey.expose()).toString('hex');
}
const recordAd = (rid) => Buffer.from(`saltline/rec\0${rid}`);
export function sealRecord(key, rid, record, rng) {
    const plain = serialize(record);
    const out = aeadSeal(key, plain, recordAd(rid), rng);
    plain.fill(0);
    return out;
}
export function openRecord(key, rid, ct) {
    let plain;
    try {
        plain = aeadOpen(key, ct, recordAd(rid));
    }
    catch {
        throw new StoreCorruptError('record row');
    }
    return deserialize(plain);
}
//# sourceMappingURL=rowCrypto.js.map