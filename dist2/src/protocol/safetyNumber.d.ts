/**
 * Safety numbers (Saltline protocol §4), after Signal's numeric fingerprints: each identity key
 * is hashed 5,200 times with SHA-512 into 30 digits; the two halves are ordered so both sides
 * see the same 60 digits. The QR payload carries both 32-byte fingerprints, so a scan compares
 * exact keys, not just digits.
 */
import { type IdentityPublicKey } from '../crypto/index.js';
export interface SafetyNumber {
    /** 60 digits, the same on both sides. */
    readonly digits: string;
    /** Twelve groups of five digits, for display. */
    readonly groups: readonly string[];
    /** Binary payload for a QR code: version ‖ lower fingerprint ‖ higher fingerprint. */
    readonly qrPayload: Buffer;
}
export declare function safetyNumber(ours: IdentityPublicKey, theirs: IdentityPublicKey): SafetyNumber;
/** True when a scanned QR payload matches the safety number computed here for the same pair. */
export declare function safetyQrMatches(local: SafetyNumber, scanned: Uint8Array): boolean;
