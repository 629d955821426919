/**
 * Protocol errors. Every parser and state transition throws only `SaltlineError`s (these, or the
 * crypto layer's `DecryptError` / `WeakKeyError` / `SignatureError`), and a throw leaves the
 * caller's state exactly as it was.
 */
import { SaltlineError } from '../crypto/errors.js';
export { DecryptError, SaltlineError, SignatureError, WeakKeyError } from '../crypto/errors.js';
/** Malformed, truncated, oversized or unknown-version bytes from the network or disk. */
export class InvalidFrameError extends SaltlineError {
    constructor(message) {
        super('INVALID_FRAME', message);
    }
}
/** A message whose key was already used (or deleted): a replay or a duplicate delivery. */
export class ReplayError extends SaltlineError {
    constructor(message = 'message was already received') {
        super('REPLAY', message);
    }
}
/** A counter jump beyond the skipped-key window; refused before any key is derived. */
export class TooFarAheadError extends SaltlineError {
    constructor(message = 'message counter is too far ahead') {
        super('TOO_FAR_AHEAD', message);
    }
}
/** An invitation that was already used, or a handshake for an invitation we no longer hold. */
export class InvitationUsedError extends SaltlineError {
    constructor(message = 'invitation was already used') {
        super('INVITATION_USED', message);
    }
}
/** A contact presented an identity key different from the one we hold. Never accepted silently. */
export class IdentityChangedError extends SaltlineError {
    constructor(message = "contact's identity key changed") {
        super('IDENTITY_CHANGED', message);
    }
}
/** A sending chain reached 2^32 - 1 messages; the session must ratchet before sending more. */
export class CounterExhaustedError extends SaltlineError {
    constructor() {
        super('COUNTER_EXHAUSTED', 'sending chain counter exhausted');
    }
}
/** The plaintext does not fit in the largest envelope. */
export class MessageTooLargeError extends SaltlineError {
    constructor(max) {
        super('MESSAGE_TOO_LARGE', `message exceeds ${max} bytes`);
    }
}
/** The operation does not fit the session's state (e.g. decrypting before any handshake). */
export class SessionStateError extends SaltlineError {
    constructor(message) {
        super('SESSION_STATE', message);
    }
}
//# sourceMappingURL=errors.js.map