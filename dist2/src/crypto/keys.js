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
function branded(role, length, bytes) {
    if (bytes.length !== length)
        throw new InvalidKeyError(`${role} must be ${length} bytes, got ${bytes.length}`);
    const buf = Buffer.alloc(length);
    buf.set(bytes);
    return buf;
}
/**
 * Brands `bytes` itself, without the copy the constructors above make: for a fresh buffer the
 * caller hands over and never touches again (as `Secret.adopt` does for secrets), e.g. a field a
 * parser has just copied out of its input.
 */
function adopted(role, length, bytes) {
    if (bytes.length !== length)
        throw new InvalidKeyError(`${role} must be ${length} bytes, got ${bytes.length}`);
    return bytes;
}
export const adoptIdentityPublicKey = (b) => adopted('IdentityPublicKey', ED25519_PUBLIC_BYTES, b);
export const adoptDhPublicKey = (b) => adopted('DhPublicKey', X25519_BYTES, b);
export const adoptSignature = (b) => adopted('Signature', ED25519_SIGNATURE_BYTES, b);
export const adoptKemCiphertext = (b) => adopted('KemCiphertext', XWING_CIPHERTEXT_BYTES, b);
export const identityPublicKey = (b) => branded('IdentityPublicKey', ED25519_PUBLIC_BYTES, b);
export const dhPublicKey = (b) => branded('DhPublicKey', X25519_BYTES, b);
export const kemPublicKey = (b) => branded('KemPublicKey', XWING_PUBLIC_BYTES, b);
export const kemCiphertext = (b) => branded('KemCiphertext', XWING_CIPHERTEXT_BYTES, b);
export const signature = (b) => branded('Signature', ED25519_SIGNATURE_BYTES, b);
export const identitySecretKey = (b) => Secret.copyOf('IdentitySecretKey', ED25519_SECRET_BYTES, b);
export const dhSecretKey = (b) => Secret.copyOf('DhSecretKey', X25519_BYTES, b);
export const kemSecretKey = (b) => Secret.copyOf('KemSecretKey', XWING_SECRET_BYTES, b);
export const rootKey = (b) => Secret.copyOf('RootKey', KEY_BYTES, b);
export const chainKey = (b) => Secret.copyOf('ChainKey', KEY_BYTES, b);
export const messageKey = (b) => Secret.copyOf('MessageKey', KEY_BYTES, b);
export const headerKey = (b) => Secret.copyOf('HeaderKey', KEY_BYTES, b);
export const symmetricKey = (b) => Secret.copyOf('SymmetricKey', KEY_BYTES, b);
//# sourceMappingURL=keys.js.map