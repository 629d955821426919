/**
 * Branded key types, one per role, each made only by a constructor that checks its length.
 * Public keys are plain bytes with a brand; secret keys are `Secret`s (wiped, never printable).
 */
import { InvalidKeyError } from './errors.js';
import { Secret } from './secret.js';

export const KEY_BYTES = 32;
export const ED25519_PUBLIC_BYTES = 32;
export const ED25519_SECRET_BYTES = 64;
export const ED25519_SIGNATURE_BYTES = 64;
export const X25519_BYTES = 32;
export const XWING_PUBLIC_BYTES = 1216;
export const XWING_SECRET_BYTES = 32;
export const XWING_CIPHERTEXT_BYTES = 1120;
export const XWING_SHARED_BYTES = 32;

declare const brand: unique symbol;
type Branded<Role extends string> = Buffer & { readonly [brand]: Role };

export type IdentityPublicKey = Branded<'IdentityPublicKey'>;
export type DhPublicKey = Branded<'DhPublicKey'>;
export type KemPublicKey = Branded<'KemPublicKey'>;
export type KemCiphertext = Branded<'KemCiphertext'>;
export type Signature = Branded<'Signature'>;

export type IdentitySecretKey = Secret<'IdentitySecretKey'>;
export type DhSecretKey = Secret<'DhSecretKey'>;
export type KemSecretKey = Secret<'KemSecretKey'>;
export type SharedSecret = Secret<'SharedSecret'>;
export type RootKey = Secret<'RootKey'>;
export type ChainKey = Secret<'ChainKey'>;
export type MessageKey = Secret<'MessageKey'>;
export type HeaderKey = Secret<'HeaderKey'>;
export type SymmetricKey = Secret<'SymmetricKey'>;

function branded<T extends Buffer>(role: string, length: number, bytes: Uint8Array): T {
  if (bytes.length !== length) throw new InvalidKeyError(`${role} must be ${length} bytes, got ${bytes.length}`);
  const buf = Buffer.alloc(length);
  buf.set(bytes);
  return buf as T;
}

/**
 * Brands `bytes` itself, without the copy the constructors above make: for a fresh buffer the
 * caller hands over and never touches again (as `Secret.adopt` does for secrets), e.g. a field a
 * parser has just copied out of its input.
 */
function adopted<T extends Buffer>(role: string, length: number, bytes: Buffer): T {
  if (bytes.length !== length) throw new InvalidKeyError(`${role} must be ${length} bytes, got ${bytes.length}`);
  return bytes as T;
}

export const adoptIdentityPublicKey = (b: Buffer): IdentityPublicKey => adopted('IdentityPublicKey', ED25519_PUBLIC_BYTES, b);
export const adoptDhPublicKey = (b: Buffer): DhPublicKey => adopted('DhPublicKey', X25519_BYTES, b);
export const adoptSignature = (b: Buffer): Signature => adopted('Signature', ED25519_SIGNATURE_BYTES, b);
export const adoptKemCiphertext = (b: Buffer): KemCiphertext => adopted('KemCiphertext', XWING_CIPHERTEXT_BYTES, b);

export const identityPublicKey = (b: Uint8Array): IdentityPublicKey => branded('IdentityPublicKey', ED25519_PUBLIC_BYTES, b);
export const dhPublicKey = (b: Uint8Array): DhPublicKey => branded('DhPublicKey', X25519_BYTES, b);
export const kemPublicKey = (b: Uint8Array): KemPublicKey => branded('KemPublicKey', XWING_PUBLIC_BYTES, b);
export const kemCiphertext = (b: Uint8Array): KemCiphertext => branded('KemCiphertext', XWING_CIPHERTEXT_BYTES, b);
export const signature = (b: Uint8Array): Signature => branded('Signature', ED25519_SIGNATURE_BYTES, b);

export const identitySecretKey = (b: Uint8Array): IdentitySecretKey => Secret.copyOf('IdentitySecretKey', ED25519_SECRET_BYTES, b);
export const dhSecretKey = (b: Uint8Array): DhSecretKey => Secret.copyOf('DhSecretKey', X25519_BYTES, b);
export const kemSecretKey = (b: Uint8Array): KemSecretKey => Secret.copyOf('KemSecretKey', XWING_SECRET_BYTES, b);
export const rootKey = (b: Uint8Array): RootKey => Secret.copyOf('RootKey', KEY_BYTES, b);
export const chainKey = (b: Uint8Array): ChainKey => Secret.copyOf('ChainKey', KEY_BYTES, b);
export const messageKey = (b: Uint8Array): MessageKey => Secret.copyOf('MessageKey', KEY_BYTES, b);
export const headerKey = (b: Uint8Array): HeaderKey => Secret.copyOf('HeaderKey', KEY_BYTES, b);
export const symmetricKey = (b: Uint8Array): SymmetricKey => Secret.copyOf('SymmetricKey', KEY_BYTES, b);
