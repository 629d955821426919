/**
 * crypto_secretstream_xchacha20poly1305: an authenticated stream of chunks whose order, count and
 * end are protected (a truncated stream has no FINAL tag). Used for encrypted backups (issue 3 §8)
 * and attachments (issue 8 item 1).
 */
import { DecryptError, InvalidKeyError } from './errors.js';
import type { Secret } from './secret.js';
import { sodium } from './sodium.js';

export const SECRETSTREAM_HEADER_BYTES: number = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
export const SECRETSTREAM_ABYTES: number = sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
const TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
const TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;

function keyOf(key: Secret<string>): Buffer {
  const k = key.expose();
  if (k.length !== sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES) throw new InvalidKeyError(`${key.role} is not a secretstream key`);
  return k;
}

export class SecretStreamWriter {
  readonly header: Buffer;
  readonly #state: Buffer;
  #finished = false;

  constructor(key: Secret<string>) {
    this.#state = Buffer.alloc(sodium.crypto_secretstream_xchacha20poly1305_STATEBYTES);
    this.header = Buffer.alloc(SECRETSTREAM_HEADER_BYTES);
    sodium.crypto_secretstream_xchacha20poly1305_init_push(this.#state, this.header, keyOf(key));
  }

  /**
   * Encrypts one chunk; `final` marks the end of the stream (nothing may follow). With `into` (at
   * least 17 bytes longer than the chunk) the ciphertext is a view of it, not a new buffer.
   */
  push(chunk: Uint8Array, final = false, ad: Uint8Array | null = null, into?: Buffer): Buffer {
    if (this.#finished) throw new InvalidKeyError('secretstream already finished');
    if (chunk.buffer instanceof SharedArrayBuffer) throw new InvalidKeyError('secretstream input in shared memory');
    const length = chunk.length + SECRETSTREAM_ABYTES;
    if (into !== undefined && into.length < length) throw new InvalidKeyError('output buffer too small');
    // Every byte is written by libsodium: no need to zero it first.
    const out = into === undefined ? Buffer.allocUnsafe(length) : into.subarray(0, length);
    sodium.crypto_secretstream_xchacha20poly1305_push(this.#state, out, chunk, ad, final ? TAG_FINAL : TAG_MESSAGE);
    if (final) {
      this.#finished = true;
      sodium.sodium_memzero(this.#state);
    }
    return out;
  }
}

export class SecretStreamReader {
  readonly #state: Buffer;
  #finished = false;

  constructor(key: Secret<string>, header: Uint8Array) {
    if (header.length !== SECRETSTREAM_HEADER_BYTES) throw new DecryptError('secretstream header has the wrong size');
    this.#state = Buffer.alloc(sodium.crypto_secretstream_xchacha20poly1305_STATEBYTES);
    try {
      sodium.crypto_secretstream_xchacha20poly1305_init_pull(this.#state, header, keyOf(key));
    } catch {
      throw new DecryptError('secretstream header rejected');
    }
  }

  get finished(): boolean {
    return this.#finished;
  }

  /**
   * Decrypts and authenticates one chunk; throws `DecryptError` on tampering or on data after
   * FINAL. With `into` (at least as long as the plaintext) the chunk is a view of it, not a new buffer.
   */
  pull(ciphertext: Uint8Array, ad: Uint8Array | null = null, into?: Buffer): { chunk: Buffer; final: boolean } {
    if (this.#finished) throw new DecryptError('data after the end of the stream');
    if (ciphertext.length < SECRETSTREAM_ABYTES) throw new DecryptError('secretstream chunk too short');
    // sodium-native sees no bytes in a view of a SharedArrayBuffer and reports no error: refuse it.
    if (ciphertext.buffer instanceof SharedArrayBuffer) throw new DecryptError('secretstream chunk in shared memory');
    const length = ciphertext.length - SECRETSTREAM_ABYTES;
    if (into !== undefined && into.length < length) throw new DecryptError('output buffer too small');
    const out = into === undefined ? Buffer.allocUnsafe(length) : into.subarray(0, length);
    const tag = Buffer.alloc(1);
    try {
      sodium.crypto_secretstream_xchacha20poly1305_pull(this.#state, out, tag, ciphertext, ad);
    } catch {
      throw new DecryptError('secretstream chunk rejected');
    }
    const final = tag[0] === TAG_FINAL;
    if (final) {
      this.#finished = true;
      sodium.sodium_memzero(this.#state);
    }
    return { chunk: out, final };
  }
}
