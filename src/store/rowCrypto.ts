/**
 * How rows are sealed (issue 3 §2, SECURITY #22): every ciphertext carries its key generation
 * and is bound, as associated data, to the row's clear columns (id, conversation, seq, or the
 * record id), so a row copied or swapped into another place fails authentication.
 */
import { deserialize, serialize } from 'node:v8';
import { aeadOpen, aeadSeal } from '../crypto/aead.js';
import { blake2b } from '../crypto/hash.js';
import { hkdf } from '../crypto/hkdf.js';
import type { Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
import { StoreCorruptError } from './errors.js';
import type { DeliveryState } from './types.js';

export type StoreKey = Secret<'StoreKey'>;

/** Messages of one conversation are keyed per block of EPOCH_SIZE sequence numbers, so deleting one re-encrypts at most this many. */
export const EPOCH_SIZE = 256;
export const epochOf = (seq: number): number => Math.floor(seq / EPOCH_SIZE);

export function subkey(master: Secret<string>, label: string): StoreKey {
  return Secret.adopt('StoreKey', 32, hkdf(Buffer.alloc(0), master.expose(), Buffer.from(`saltline/store/${label}`), 32));
}

export const asKey = (bytes: Buffer): StoreKey => Secret.copyOf('StoreKey', 32, bytes);

export interface MessageBody {
  readonly sender: string;
  readonly timestamp: number;
  readonly body: Uint8Array;
  readonly delivery: DeliveryState;
}

function messageAd(id: string, conv: string, seq: number, gen: number): Buffer {
  const nums = Buffer.alloc(12);
  nums.writeBigUInt64LE(BigInt(seq), 0);
  nums.writeUInt32LE(gen, 8);
  return Buffer.concat([Buffer.from(`saltline/msg\0${id}\0${conv}\0`), nums]);
}

export function sealMessage(key: StoreKey, gen: number, id: string, conv: string, seq: number, body: MessageBody, rng: Rng): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32LE(gen);
  const plain = serialize(body);
  const out = Buffer.concat([head, aeadSeal(key, plain, messageAd(id, conv, seq, gen), rng)]);
  plain.fill(0);
  return out;
}

export function messageGen(ct: Uint8Array): number {
  if (ct.length < 4) throw new StoreCorruptError('message row');
  return Buffer.from(ct.buffer, ct.byteOffset, ct.byteLength).readUInt32LE(0);
}

export function openMessage(key: StoreKey, id: string, conv: string, seq: number, ct: Uint8Array): MessageBody {
  const gen = messageGen(ct);
  let plain: Buffer;
  try {
    plain = aeadOpen(key, ct.subarray(4), messageAd(id, conv, seq, gen));
  } catch {
    throw new StoreCorruptError('message row');
  }
  return deserialize(plain) as MessageBody;
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

/** Blind-index token of a search term: keyed BLAKE2b, 48 bits (false positives are removed after decryption). */
export function searchToken(searchKey: StoreKey, term: string): string {
  return blake2b(16, Buffer.from(term), searchKey.expose()).subarray(0, 6).toString('hex');
}
