/**
 * Encrypted message headers (Double Ratchet spec §4; Saltline protocol §3): the header (sender's
 * ratchet public key, previous chain length, message number) is sealed under a header key with a
 * random 24-byte nonce, so the relay cannot link messages to ratchet steps or count them per chain.
 * Encrypted layout: nonce (24) ‖ XChaCha20-Poly1305(header key, nonce, DHs ‖ u32 PN ‖ u32 N).
 */
import { type DhPublicKey, type HeaderKey } from '../../crypto/index.js';
export declare const HEADER_PLAINTEXT_BYTES: number;
export declare const ENCRYPTED_HEADER_BYTES: number;
export interface Header {
    readonly dh: DhPublicKey;
    readonly pn: number;
    readonly n: number;
}
/** Seals `header` into `out` (exactly ENCRYPTED_HEADER_BYTES, e.g. a view into an envelope). */
export declare function encryptHeaderInto(out: Buffer, headerKey: HeaderKey, header: Header, nonce: Uint8Array): void;
export declare function encryptHeader(headerKey: HeaderKey, header: Header, nonce: Uint8Array): Buffer;
/** The header if `headerKey` opens it, otherwise undefined (trial decryption is normal flow). */
export declare function tryDecryptHeader(headerKey: HeaderKey | null, encrypted: Uint8Array): Header | undefined;
export declare function headerNonce(encrypted: Uint8Array): Uint8Array;
