/**
 * Attachment chunk crypto (issue 8 item 1): a file is encrypted on the sender's device with a
 * fresh key into a `crypto_secretstream_xchacha20poly1305` stream of fixed-size chunks (the last
 * one shorter and tagged FINAL), and a BLAKE2b-256 of the ciphertext chunks is computed while
 * encrypting. Key, stream header, hash, size and chunk size travel inside the end-to-end encrypted
 * message (content kind `attachment`); the chunks travel through the relay's blob store.
 *
 * The opener checks every chunk as it arrives, in order: its exact expected length, the
 * secretstream authentication (which also binds its position: a reordered or swapped chunk
 * fails), the FINAL tag on the last chunk and only there (truncation and extension fail), and
 * the hash once the last chunk is in. Pure: no I/O; the caller streams chunks through it.
 */
import { SaltlineError } from '../crypto/errors.js';
import { Blake2bStream } from '../crypto/hash.js';
import type { Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
import { SECRETSTREAM_ABYTES, SECRETSTREAM_HEADER_BYTES, SecretStreamReader, SecretStreamWriter } from '../crypto/secretstream.js';
import { bytesEqual } from '../crypto/bytes.js';

export const ATTACHMENT_KEY_BYTES = 32;
export const ATTACHMENT_HASH_BYTES = 32;
export const ATTACHMENT_HEADER_BYTES: number = SECRETSTREAM_HEADER_BYTES;
/** Plaintext bytes per chunk; large chunks keep per-chunk overhead (frames, fsyncs) small. */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;
export const MIN_ATTACHMENT_CHUNK_BYTES = 4096;
export const MAX_ATTACHMENT_CHUNK_BYTES = 1024 * 1024;
/** The largest attachment a message may describe (the relay's own limit is usually lower). */
export const MAX_ATTACHMENT_BYTES = 16 * 1024 * 1024 * 1024;

export type AttachmentKey = Secret<'AttachmentKey'>;

export const AttachmentErrorCode = {
  CHUNK_REJECTED: 'ATTACHMENT_CHUNK_REJECTED',
  CHUNK_SIZE: 'ATTACHMENT_CHUNK_SIZE',
  CHUNK_ORDER: 'ATTACHMENT_CHUNK_ORDER',
  TRUNCATED: 'ATTACHMENT_TRUNCATED',
  HASH_MISMATCH: 'ATTACHMENT_HASH_MISMATCH',
  BAD_LAYOUT: 'ATTACHMENT_BAD_LAYOUT',
} as const;
export type AttachmentErrorName = keyof typeof AttachmentErrorCode;

/** A chunk or a whole attachment failed verification: nothing of it may be trusted or kept. */
export class AttachmentError extends SaltlineError {
  readonly reason: AttachmentErrorName;
  constructor(reason: AttachmentErrorName, message: string) {
    super(AttachmentErrorCode[reason], message);
    this.reason = reason;
  }
}

export function newAttachmentKey(rng: Rng): AttachmentKey {
  return Secret.adopt('AttachmentKey', ATTACHMENT_KEY_BYTES, rng(ATTACHMENT_KEY_BYTES));
}

/** Chunks of an attachment of `size` plaintext bytes (an empty file is one empty FINAL chunk). */
export function chunkCount(size: number, chunkBytes: number = ATTACHMENT_CHUNK_BYTES): number {
  return Math.max(1, Math.ceil(size / chunkBytes));
}

export function plainChunkLength(size: number, chunkBytes: number, index: number): number {
  const count = chunkCount(size, chunkBytes);
  if (!Number.isInteger(index) || index < 0 || index >= count) throw new AttachmentError('CHUNK_ORDER', 'chunk index out of range');
  return index < count - 1 ? chunkBytes : size - chunkBytes * (count - 1);
}

export function cipherChunkLength(size: number, chunkBytes: number, index: number): number {
  return plainChunkLength(size, chunkBytes, index) + SECRETSTREAM_ABYTES;
}

/** Total ciphertext bytes (what the relay stores): chunk i starts at `i * (chunkBytes + 17)`. */
export function cipherSize(size: number, chunkBytes: number = ATTACHMENT_CHUNK_BYTES): number {
  return size + chunkCount(size, chunkBytes) * SECRETSTREAM_ABYTES;
}

export function cipherChunkOffset(chunkBytes: number, index: number): number {
  return index * (chunkBytes + SECRETSTREAM_ABYTES);
}

export function checkLayout(size: number, chunkBytes: number): void {
  if (!Number.isSafeInteger(size) || size < 0 || size > MAX_ATTACHMENT_BYTES) throw new AttachmentError('BAD_LAYOUT', 'attachment size out of range');
  if (!Number.isInteger(chunkBytes) || chunkBytes < MIN_ATTACHMENT_CHUNK_BYTES || chunkBytes > MAX_ATTACHMENT_CHUNK_BYTES) throw new AttachmentError('BAD_LAYOUT', 'chunk size out of range');
}

/** Encrypts an attachment chunk by chunk, in order; `hash()` once the last chunk is sealed. */
export class AttachmentSealer {
  readonly header: Buffer;
  readonly size: number;
  readonly chunkBytes: number;
  readonly count: number;
  readonly #writer: SecretStreamWriter;
  readonly #hash = new Blake2bStream(ATTACHMENT_HASH_BYTES);
  #next = 0;

  constructor(key: AttachmentKey, size: number, chunkBytes: number = ATTACHMENT_CHUNK_BYTES) {
    checkLayout(size, chunkBytes);
    this.size = size;
    this.chunkBytes = chunkBytes;
    this.count = chunkCount(size, chunkBytes);
    this.#writer = new SecretStreamWriter(key);
    this.header = this.#writer.header;
  }

  get done(): boolean {
    return this.#next === this.count;
  }

  /** Seals the next chunk, which must have exactly its expected length; with `into` the ciphertext is a view of it. */
  seal(plaintext: Uint8Array, into?: Buffer): Buffer {
    if (this.done) throw new AttachmentError('CHUNK_ORDER', 'all chunks are sealed');
    if (plaintext.length !== plainChunkLength(this.size, this.chunkBytes, this.#next)) throw new AttachmentError('CHUNK_SIZE', 'chunk has the wrong length');
    this.#next++;
    const out = this.#writer.push(plaintext, this.done, null, into);
    this.#hash.update(out);
    return out;
  }

  hash(): Buffer {
    if (!this.done) throw new AttachmentError('TRUNCATED', 'not every chunk is sealed');
    return this.#hash.digest();
  }
}

/** Verifies and decrypts an attachment chunk by chunk, in order. */
export class AttachmentOpener {
  readonly size: number;
  readonly chunkBytes: number;
  readonly count: number;
  readonly #reader: SecretStreamReader;
  readonly #hash = new Blake2bStream(ATTACHMENT_HASH_BYTES);
  readonly #expectedHash: Buffer;
  #next = 0;

  constructor(key: AttachmentKey, header: Uint8Array, hash: Uint8Array, size: number, chunkBytes: number) {
    checkLayout(size, chunkBytes);
    if (hash.length !== ATTACHMENT_HASH_BYTES) throw new AttachmentError('BAD_LAYOUT', 'hash has the wrong length');
    this.size = size;
    this.chunkBytes = chunkBytes;
    this.count = chunkCount(size, chunkBytes);
    this.#expectedHash = Buffer.from(hash);
    try {
      this.#reader = new SecretStreamReader(key, header);
    } catch {
      throw new AttachmentError('CHUNK_REJECTED', 'stream header rejected');
    }
  }

  /** The index the next `open` expects. */
  get next(): number {
    return this.#next;
  }

  get done(): boolean {
    return this.#next === this.count;
  }

  /**
   * Opens chunk `index` (which must be `next`); after the last one the whole-stream hash is checked
   * too. With `into` the plaintext is written there (a view of it is returned): no buffer per chunk.
   */
  open(index: number, ciphertext: Uint8Array, into?: Buffer): Buffer {
    if (this.done) throw new AttachmentError('CHUNK_ORDER', 'data after the last chunk');
    if (index !== this.#next) throw new AttachmentError('CHUNK_ORDER', 'chunks must be opened in order');
    if (ciphertext.length !== cipherChunkLength(this.size, this.chunkBytes, index)) throw new AttachmentError('CHUNK_SIZE', 'chunk has the wrong length');
    let opened: { chunk: Buffer; final: boolean };
    try {
      opened = this.#reader.pull(ciphertext, null, into);
    } catch {
      throw new AttachmentError('CHUNK_REJECTED', `chunk ${index} failed authentication`);
    }
    const last = index === this.count - 1;
    if (opened.final !== last) throw new AttachmentError('TRUNCATED', last ? 'the last chunk is not marked final' : 'a chunk before the last is marked final');
    this.#hash.update(ciphertext);
    this.#next++;
    if (last && !bytesEqual(this.#hash.digest(), this.#expectedHash)) throw new AttachmentError('HASH_MISMATCH', 'attachment hash does not match');
    return opened.chunk;
  }
}
