import type { Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
import { DeliveryState } from './types.js';
export type StoreKey = Secret<'StoreKey'>;
/** Messages of one conversation are keyed per block of EPOCH_SIZE sequence numbers, so deleting one re-encrypts at most this many. */
export declare const EPOCH_SIZE = 256;
export declare const epochOf: (seq: number) => number;
/** Conversation slots are below 2^20, so `k = slot · 2^32 + seq` stays a safe integer. */
export declare const SLOT_LIMIT: number;
export declare const orderKey: (slot: number, seq: number) => number;
export declare const slotOfKey: (k: number) => number;
export declare const seqOfKey: (k: number) => number;
/** The `k` range [lo, hi) holding every message of a slot. */
export declare const slotRange: (slot: number) => [number, number];
export declare function subkey(master: Secret<string>, label: string): StoreKey;
export declare const asKey: (bytes: Uint8Array) => StoreKey;
export interface MessageBody {
    readonly id: string;
    readonly sender: string;
    readonly timestamp: number;
    readonly body: Uint8Array;
    readonly delivery: DeliveryState;
}
/** version u8 ‖ delivery u8 ‖ timestamp f64 ‖ id length u8 ‖ id ‖ sender length u16 ‖ sender ‖ body. */
export declare function encodeMessage(m: MessageBody): Buffer;
export declare function decodeMessage(plain: Buffer): MessageBody;
/** gen u32 ‖ nonce ‖ XChaCha20-Poly1305(encodeMessage(m)), bound to (conversation, seq, g, gen). */
export declare function sealMessage(key: StoreKey, gen: number, conv: string, seq: number, g: number, m: MessageBody, rng: Rng): Buffer;
export declare function messageGen(ct: Uint8Array): number;
export declare function openMessage(key: StoreKey, conv: string, seq: number, g: number, ct: Uint8Array): MessageBody;
/** The clear `h` column: a keyed 64-bit hash of the message id. */
export declare function messageIdHash(idKey: StoreKey, id: string): bigint;
export type RecordKind = 'identity' | 'contact' | 'conv' | 'session' | 'outbox' | 'setting';
/** The clear id of a record row: a keyed hash, so neither its kind nor its key shows. */
export declare function recordId(ridKey: StoreKey, kind: RecordKind, key: string): string;
export interface RecordValue {
    readonly kind: RecordKind;
    readonly key: string;
    readonly value: unknown;
}
export declare function sealRecord(key: StoreKey, rid: string, record: RecordValue, rng: Rng): Buffer;
export declare function openRecord(key: StoreKey, rid: string, ct: Uint8Array): RecordValue;
