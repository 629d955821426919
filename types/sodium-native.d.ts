/** Type declarations for the parts of sodium-native 5.x that Saltline uses (it ships no types). */
declare module 'sodium-native' {
  type Buf = Uint8Array;
  const sodium: {
    sodium_memzero(buf: Buf): void;
    sodium_memcmp(a: Buf, b: Buf): boolean;
    sodium_is_zero(buf: Buf, len?: number): boolean;
    randombytes_buf(buf: Buf): void;
    randombytes_buf_deterministic(buf: Buf, seed: Buf): void;
    randombytes_SEEDBYTES: number;

    crypto_aead_xchacha20poly1305_ietf_encrypt(c: Buf, m: Buf, ad: Buf | null, nsec: null, npub: Buf, k: Buf): number;
    crypto_aead_xchacha20poly1305_ietf_decrypt(m: Buf, nsec: null, c: Buf, ad: Buf | null, npub: Buf, k: Buf): number;
    crypto_aead_xchacha20poly1305_ietf_ABYTES: number;
    crypto_aead_xchacha20poly1305_ietf_KEYBYTES: number;
    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES: number;

    crypto_hash_sha256(out: Buf, input: Buf): void;
    crypto_hash_sha256_init(state: Buf): void;
    crypto_hash_sha256_update(state: Buf, input: Buf): void;
    crypto_hash_sha256_final(state: Buf, out: Buf): void;
    crypto_hash_sha256_STATEBYTES: number;
    crypto_hash_sha512(out: Buf, input: Buf): void;
    crypto_hash_sha512_init(state: Buf): void;
    crypto_hash_sha512_update(state: Buf, input: Buf): void;
    crypto_hash_sha512_final(state: Buf, out: Buf): void;
    crypto_hash_sha512_STATEBYTES: number;
    crypto_generichash(out: Buf, input: Buf, key?: Buf): void;
    crypto_generichash_init(state: Buf, key: Buf | null, outlen: number): void;
    crypto_generichash_update(state: Buf, input: Buf): void;
    crypto_generichash_final(state: Buf, out: Buf): void;
    crypto_generichash_STATEBYTES: number;

    crypto_scalarmult(q: Buf, n: Buf, p: Buf): void;
    crypto_scalarmult_base(q: Buf, n: Buf): void;

    crypto_sign_seed_keypair(pk: Buf, sk: Buf, seed: Buf): void;
    crypto_sign_detached(sig: Buf, m: Buf, sk: Buf): void;
    crypto_sign_verify_detached(sig: Buf, m: Buf, pk: Buf): boolean;
    crypto_core_ed25519_is_valid_point(p: Buf): boolean;

    crypto_stream_chacha20(c: Buf, n: Buf, k: Buf): void;

    crypto_pwhash(out: Buf, passwd: Buf, salt: Buf, opslimit: number, memlimit: number, alg: number): void;
    crypto_pwhash_async(out: Buf, passwd: Buf, salt: Buf, opslimit: number, memlimit: number, alg: number): Promise<void>;
    crypto_pwhash_SALTBYTES: number;
    crypto_pwhash_ALG_ARGON2ID13: number;
    crypto_pwhash_OPSLIMIT_INTERACTIVE: number;
    crypto_pwhash_MEMLIMIT_INTERACTIVE: number;
    crypto_pwhash_OPSLIMIT_MODERATE: number;
    crypto_pwhash_MEMLIMIT_MODERATE: number;
    crypto_pwhash_OPSLIMIT_SENSITIVE: number;
    crypto_pwhash_MEMLIMIT_SENSITIVE: number;
    crypto_pwhash_OPSLIMIT_MIN: number;
    crypto_pwhash_MEMLIMIT_MIN: number;

    crypto_secretstream_xchacha20poly1305_init_push(state: Buf, header: Buf, key: Buf): void;
    crypto_secretstream_xchacha20poly1305_init_pull(state: Buf, header: Buf, key: Buf): void;
    crypto_secretstream_xchacha20poly1305_push(state: Buf, c: Buf, m: Buf, ad: Buf | null, tag: number): number;
    crypto_secretstream_xchacha20poly1305_pull(state: Buf, m: Buf, tag: Buf, c: Buf, ad: Buf | null): number;
    crypto_secretstream_xchacha20poly1305_STATEBYTES: number;
    crypto_secretstream_xchacha20poly1305_ABYTES: number;
    crypto_secretstream_xchacha20poly1305_HEADERBYTES: number;
    crypto_secretstream_xchacha20poly1305_KEYBYTES: number;
    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE: number;
    crypto_secretstream_xchacha20poly1305_TAG_FINAL: number;
  };
  export default sodium;
}
