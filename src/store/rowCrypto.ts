/**
 * How rows are sealed (issue 3 §2, SECURITY #22), format 2. A message ciphertext carries its key
 * generation and is bound, as associated data, to the row's place — conversation, sequence number
 * and insertion number — so a row copied or swapped into another place fails authentication. The
 * message id travels inside the ciphertext; the clear `h` column holds only a keyed hash of it, so
 * ids chosen by the protocol cannot be matched across devices from locked folders.
 */
import { deserialize, serialize } from 'node:v8';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadEncryptInto, aeadOpen, aeadSeal } from '../crypto/aead.js';
import { blake2b, blake2bInto } from '../crypto/hash.js';
import { hkdf } from '../crypto/hkdf.js';
import type { Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
import { StoreCorruptError } from './errors.js';
import { DeliveryState } from './types.js';

export type StoreKey = Secret<'StoreKey'>;

/** Messages of one conversation are keyed per block of EPOCH_SIZE sequence numbers, so deleting one re-encrypts at most this many. */
export const EPOCH_SIZE = 256;
export const epochOf = (seq: number): number => Math.floor(seq / EPOCH_SIZE);

/** Conversation slots are below 2^20, so `k = slot · 2^32 + seq` stays a safe integer. */
export const SLOT_LIMIT = 2 ** 20;
const SLOT_SPAN = 2 ** 32;
export const orderKey = (slot: number, seq: number): number => slot * SLOT_SPAN + seq;
export const slotOfKey = (k: number): number => Math.floor(k / SLOT_SPAN);
export const seqOfKey = (k: number): number => k % SLOT_SPAN;
/** The `k` range [lo, hi) holding every message of a slot. */
export const slotRange = (slot: number): [number, number] => [slot * SLOT_SPAN, (slot + 1) * SLOT_SPAN];

export function subkey(master: Secret<string>, label: string): StoreKey {
  return Secret.adopt('StoreKey', 32, hkdf(Buffer.alloc(0), master.expose(), Buffer.from(`saltline/store/${label}`), 32));
}

export const asKey = (bytes: Uint8Array): StoreKey => Secret.copyOf('StoreKey', 32, bytes);

export interface MessageBody {
  readonly id: string;
  readonly sender: string;
  readonly timestamp: number;
  readonly body: Uint8Array;
  readonly delivery: DeliveryState;
}

const DELIVERY_CODES: readonly DeliveryState[] = Object.values(DeliveryState);
const BODY_FORMAT = 1;

/** version u8 ‖ delivery u8 ‖ timestamp f64 ‖ id length u8 ‖ id ‖ sender length u16 ‖ sender ‖ body. */
export function encodeMessage(m: MessageBody): Buffer {
  const out = Buffer.allocUnsafe(encodedMessageLength(m));
  encodeMessageInto(out, 0, m);
  return out;
}

export function encodedMessageLength(m: MessageBody): number {
  return 13 + Buffer.byteLength(m.id, 'utf8') + Buffer.byteLength(m.sender, 'utf8') + m.body.length;
}

/** Writes encodeMessage(m) into `out` at `at`; returns its end. */
function encodeMessageInto(out: Buffer, at: number, m: MessageBody): number {
  out[at] = BODY_FORMAT;
  out[at + 1] = DELIVERY_CODES.indexOf(m.delivery);
  out.writeDoubleLE(m.timestamp, at + 2);
  const idLength = out.write(m.id, at + 11, 'utf8');
  out[at + 10] = idLength;
  at += 11 + idLength;
  const senderLength = out.write(m.sender, at + 2, 'utf8');
  out.writeUInt16LE(senderLength, at);
  at += 2 + senderLength;
  out.set(m.body, at);
  return at + m.body.length;
}

export function decodeMessage(plain: Buffer): MessageBody {
  const bad = (): never => {
    throw new StoreCorruptError('message encoding');
  };
  if (plain.length < 13 || plain[0] !== BODY_FORMAT) bad();
  const delivery = DELIVERY_CODES[plain[1]!] ?? bad();
  const timestamp = plain.readDoubleLE(2);
  const idEnd = 11 + plain[10]!;
  if (idEnd + 2 > plain.length) bad();
  const senderEnd = idEnd + 2 + plain.readUInt16LE(idEnd);
  if (senderEnd > plain.length) bad();
  return {
    id: plain.toString('utf8', 11, idEnd),
    sender: plain.toString('utf8', idEnd + 2, senderEnd),
    timestamp,
    body: new Uint8Array(plain.subarray(senderEnd)),
    delivery,
  };
}

/**
 * Per conversation, a buffer holding the whole associated data, whose numeric tail is
 * overwritten for each message: sealing and opening use it synchronously and keep nothing.
 */
const adBuffers = new Map<string, Buffer>();

function messageAd(conv: string, seq: number, g: number, gen: number): Buffer {
  let ad = adBuffers.get(conv);
  if (!ad) {
    if (adBuffers.size >= 10_000) adBuffers.clear();
    const head = Buffer.from(`saltline/msg/2\0${conv}\0`);
    ad = Buffer.alloc(head.length + 20);
    head.copy(ad);
    adBuffers.set(conv, ad);
  }
  const at = ad.length - 20;
  ad.writeDoubleLE(seq, at);
  ad.writeDoubleLE(g, at + 8);
  ad.writeUInt32LE(gen, at + 16);
  return ad;
}

const SEAL_HEAD = 4 + AEAD_NONCE_BYTES;

/** The length of sealMessage's output for m. */
export function sealedMessageLength(m: MessageBody): number {
  return SEAL_HEAD + encodedMessageLength(m) + AEAD_TAG_BYTES;
}

/** gen u32 ‖ nonce ‖ XChaCha20-Poly1305(encodeMessage(m)), bound to (conversation, seq, g, gen). */
export function sealMessage(key: StoreKey, gen: number, conv: string, seq: number, g: number, m: MessageBody, rng: Rng): Buffer {
  const out = Buffer.allocUnsafe(sealedMessageLength(m));
  sealMessageInto(out, key, gen, conv, seq, g, m, rng);
  return out;
}

/**
 * sealMessage into `out`, which must be exactly sealedMessageLength(m) bytes (e.g. a slice of one
 * buffer shared by a batch of messages). The plaintext is encoded in place and encrypted over
 * itself, so it never exists outside `out`.
 */
export function sealMessageInto(out: Buffer, key: StoreKey, gen: number, conv: string, seq: number, g: number, m: MessageBody, rng: Rng): void {
  try {
    out.writeUInt32LE(gen, 0);
    out.set(rng(AEAD_NONCE_BYTES), 4);
    const end = encodeMessageInto(out, SEAL_HEAD, m);
    if (end + AEAD_TAG_BYTES !== out.length) throw new RangeError('sealed message buffer has the wrong length');
    const sealed = out.subarray(SEAL_HEAD);
    aeadEncryptInto(sealed, key, out.subarray(4, SEAL_HEAD), sealed.subarray(0, end - SEAL_HEAD), messageAd(conv, seq, g, gen));
  } catch (error) {
    out.fill(0);
    throw error;
  }
}

export function messageGen(ct: Uint8Array): number {
  if (ct.length < 4) throw new StoreCorruptError('message row');
  return Buffer.from(ct.buffer, ct.byteOffset, ct.byteLength).readUInt32LE(0);
}

export function openMessage(key: StoreKey, conv: string, seq: number, g: number, ct: Uint8Array): MessageBody {
  const gen = messageGen(ct);
  let plain: Buffer;
  try {
    plain = aeadOpen(key, ct.subarray(4), messageAd(conv, seq, g, gen));
  } catch {
    throw new StoreCorruptError('message row');
  }
  try {
    return decodeMessage(plain);
  } finally {
    plain.fill(0);
  }
}

// Scratch space for messageIdHash, which runs once per message flushed: the id's bytes (views
// by length, so a hash needs no allocation) and the digest.
const idBytes = Buffer.alloc(4 * 128);
const idViews: Buffer[] = [];
const idDigest = Buffer.alloc(16);

/** The clear `h` column: a keyed 64-bit hash of the message id. */
export function messageIdHash(idKey: StoreKey, id: string): bigint {
  // A UTF-16 unit is at most 3 bytes of UTF-8.
  if (3 * id.length > idBytes.length) return blake2b(16, Buffer.from(id, 'utf8'), idKey.expose()).readBigInt64LE(0);
  const length = idBytes.write(id, 0, 'utf8');
  blake2bInto(idDigest, (idViews[length] ??= idBytes.subarray(0, length)), idKey.expose());
  return idDigest.readBigInt64LE(0);
}

export type RecordKind = 'identity' | 'contact' | 'conv' | 'session' | 'outbox' | 'setting';

/** The clear id of a record row: a keyed hash, so neither its kind nor its key shows. */
export function recordId(ridKey: StoreKey, kind: RecordKind, key: string): string {
  return blake2b(16, Buffer.from(`${kind}\0${key}`), ridKey.expose()).toString('hex');
}

export interface RecordValue {
  readonly kind: RecordKind;
  readonly key: string;
  readonly value: unknown;
}

const recordAd = (rid: string): Buffer => Buffer.from(`saltline/rec\0${rid}`);

export function sealRecord(key: StoreKey, rid: string, record: RecordValue, rng: Rng): Buffer {
  const plain = serialize(record);
  const out = aeadSeal(key, plain, recordAd(rid), rng);
  plain.fill(0);
  return out;
}

export function openRecord(key: StoreKey, rid: string, ct: Uint8Array): RecordValue {
  let plain: Buffer;
  try {
    plain = aeadOpen(key, ct, recordAd(rid));
  } catch {
    throw new StoreCorruptError('record row');
  }
  return deserialize(plain) as RecordValue;
}
