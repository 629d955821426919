/**
 * Relay addresses (issue #4 §Transport security without certificate authorities).
 *
 *   wss://HOST:PORT/#FINGERPRINT   TLS; FINGERPRINT = base64url(SHA-256(certificate SubjectPublicKeyInfo DER))
 *   ws://127.0.0.1:PORT            plain, accepted only for a loopback host (tests, local demo)
 *
 * The fragment is never sent to the server; a client pins the relay's TLS key to it.
 */
import { X509Certificate } from 'node:crypto';
import { SaltlineError } from '../../crypto/errors.js';
export declare const MAX_RELAY_ADDRESS_CHARS = 255;
export declare const FINGERPRINT_BYTES = 32;
export declare class RelayAddressError extends SaltlineError {
    constructor(message: string);
}
export interface RelayAddress {
    /** The canonical printable form (what `saltline relay` prints). */
    readonly text: string;
    /** The URL to open: the address without its fingerprint fragment. */
    readonly url: string;
    readonly tls: boolean;
    readonly host: string;
    readonly port: number;
    /** SHA-256 of the relay certificate's SubjectPublicKeyInfo; present exactly when `tls`. */
    readonly fingerprint: Buffer | undefined;
}
export declare function isLoopbackHost(host: string): boolean;
export declare function parseRelayAddress(text: string): RelayAddress;
export declare function formatRelayAddress(host: string, port: number, fingerprint: Uint8Array | undefined): string;
/** SHA-256 of a certificate's SubjectPublicKeyInfo: pins the key, survives re-issuing the cert. */
export declare function spkiFingerprint(certificate: X509Certificate | string | Buffer): Buffer;
