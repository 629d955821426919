/**
 * Protocol errors. Every parser and state transition throws only `SaltlineError`s (these, or the
 * crypto layer's `DecryptError` / `WeakKeyError` / `SignatureError`), and a throw leaves the
 * caller's state exactly as it was.
 */
import { SaltlineError } from '../crypto/errors.js';
export { DecryptError, SaltlineError, SignatureError, WeakKeyError } from '../crypto/errors.js';
/** Malformed, truncated, oversized or unknown-version bytes from the network or disk. */
export declare class InvalidFrameError extends SaltlineError {
    constructor(message: string);
}
/** A message whose key was already used (or deleted): a replay or a duplicate delivery. */
export declare class ReplayError extends SaltlineError {
    constructor(message?: string);
}
/** A counter jump beyond the skipped-key window; refused before any key is derived. */
export declare class TooFarAheadError extends SaltlineError {
    constructor(message?: string);
}
/** An invitation that was already used, or a handshake for an invitation we no longer hold. */
export declare class InvitationUsedError extends SaltlineError {
    constructor(message?: string);
}
/** A contact presented an identity key different from the one we hold. Never accepted silently. */
export declare class IdentityChangedError extends SaltlineError {
    constructor(message?: string);
}
/** A sending chain reached 2^32 - 1 messages; the session must ratchet before sending more. */
export declare class CounterExhaustedError extends SaltlineError {
    constructor();
}
/** The plaintext does not fit in the largest envelope. */
export declare class MessageTooLargeError extends SaltlineError {
    constructor(max: number);
}
/** The operation does not fit the session's state (e.g. decrypting before any handshake). */
export declare class SessionStateError extends SaltlineError {
    constructor(message: string);
}
