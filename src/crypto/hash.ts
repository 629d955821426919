/** Hash functions: SHA-256, SHA-512 and BLAKE2b (keyed or not), all from libsodium. */
import { sodium } from './sodium.js';

export function sha256(...parts: readonly Uint8Array[]): Buffer {
  const out = Buffer.alloc(32);
  if (parts.length === 1) {
    sodium.crypto_hash_sha256(out, parts[0]!);
    return out;
  }
  const state = Buffer.alloc(sodium.crypto_hash_sha256_STATEBYTES);
  sodium.crypto_hash_sha256_init(state);
  for (const p of parts) sodium.crypto_hash_sha256_update(state, p);
  sodium.crypto_hash_sha256_final(state, out);
  return out;
}

export function sha512(input: Uint8Array): Buffer {
  const out = Buffer.alloc(64);
  sodium.crypto_hash_sha512(out, input);
  return out;
}

/** BLAKE2b with a 16–64 byte output; with `key` it is a MAC / PRF (used for blind indexes). */
export function blake2b(outLength: number, input: Uint8Array, key?: Uint8Array): Buffer {
  const out = Buffer.alloc(outLength);
  if (key) sodium.crypto_generichash(out, input, key);
  else sodium.crypto_generichash(out, input);
  return out;
}

/** Keyed BLAKE2b written into `out` (16–64 bytes, e.g. a view into a larger key buffer). */
export function blake2bInto(out: Uint8Array, input: Uint8Array, key: Uint8Array): void {
  sodium.crypto_generichash(out, input, key);
}

/** Incremental unkeyed BLAKE2b (16–64 byte output), e.g. over an attachment's ciphertext as it is made (issue 8). */
export class Blake2bStream {
  readonly #state = Buffer.alloc(sodium.crypto_generichash_STATEBYTES);
  readonly #outLength: number;
  #done = false;

  constructor(outLength: number) {
    this.#outLength = outLength;
    sodium.crypto_generichash_init(this.#state, null, outLength);
  }

  update(input: Uint8Array): void {
    if (this.#done) throw new Error('hash already finished');
    sodium.crypto_generichash_update(this.#state, input);
  }

  digest(): Buffer {
    if (this.#done) throw new Error('hash already finished');
    this.#done = true;
    const out = Buffer.alloc(this.#outLength);
    sodium.crypto_generichash_final(this.#state, out);
    return out;
  }
}
