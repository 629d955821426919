/**
 * Encrypted message headers (Double Ratchet spec §4): the header (sender's ratchet public key,
 * previous chain length, message number) is sealed under a header key with a random 24-byte
 * nonce, so the relay cannot link messages to ratchet steps or count them per chain.
 */
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadEncrypt, aeadTryDecrypt, dhPublicKey, type DhPublicKey, type HeaderKey } from '../../crypto/index.js';

export const HEADER_PLAINTEXT_BYTES = 32 + 4 + 4;
export const ENCRYPTED_HEADER_BYTES = AEAD_NONCE_BYTES + HEADER_PLAINTEXT_BYTES + AEAD_TAG_BYTES;

export interface Header {
  readonly dh: DhPublicKey;
  readonly pn: number;
  readonly n: number;
}

export function encryptHeader(headerKey: HeaderKey, header: Header, nonce: Uint8Array): Buffer {
  const plain = Buffer.alloc(HEADER_PLAINTEXT_BYTES);
  plain.set(header.dh, 0);
  plain.writeUInt32BE(header.pn, 32);
  plain.writeUInt32BE(header.n, 36);
  return Buffer.concat([nonce, aeadEncrypt(headerKey, nonce, plain)]);
}

/** The header if `headerKey` opens it, otherwise undefined (trial decryption is normal flow). */
export function tryDecryptHeader(headerKey: HeaderKey | null, encrypted: Uint8Array): Header | undefined {
  if (!headerKey || encrypted.length !== ENCRYPTED_HEADER_BYTES) return undefined;
  const plain = aeadTryDecrypt(headerKey, encrypted.subarray(0, AEAD_NONCE_BYTES), encrypted.subarray(AEAD_NONCE_BYTES));
  if (!plain) return undefined;
  return { dh: dhPublicKey(plain.subarray(0, 32)), pn: plain.readUInt32BE(32), n: plain.readUInt32BE(36) };
}

export function headerNonce(encrypted: Uint8Array): Uint8Array {
  return encrypted.subarray(0, AEAD_NONCE_BYTES);
}
