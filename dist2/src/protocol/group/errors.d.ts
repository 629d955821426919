/**
 * Typed errors of the group protocol (issue #6; SECURITY-TESTS #13–#17). Like the 1:1 errors,
 * every one leaves the caller's group state exactly as it was. The 1:1 errors (`ReplayError`,
 * `TooFarAheadError`, `InvalidFrameError`, `SignatureError`, `DecryptError`, …) are reused where
 * they mean the same thing.
 */
import { SaltlineError } from '../../crypto/errors.js';
/** The sender, signer or recipient is not a member of the group in the state we hold (#13, #14). */
export declare class NotMemberError extends SaltlineError {
    constructor(message?: string);
}
/** A group message under a sender key we never received over a pairwise session (#13, #16). */
export declare class UnknownSenderKeyError extends SaltlineError {
    constructor(message?: string);
}
/** A group-state change not signed by someone allowed to make it (#14). */
export declare class UnauthorizedChangeError extends SaltlineError {
    constructor(message?: string);
}
/** A group-state change (or whole payload) that is old, already applied, or lost to a concurrent one. */
export declare class StaleChangeError extends SaltlineError {
    constructor(message?: string);
}
/** A change that is well-formed and signed but invalid for the state (unknown member, last admin, …). */
export declare class InvalidChangeError extends SaltlineError {
    constructor(message: string);
}
/** The operation does not fit the local group record (e.g. sending after leaving). */
export declare class GroupStateError extends SaltlineError {
    constructor(message: string);
}
/** A group would exceed MAX_GROUP_MEMBERS. */
export declare class GroupFullError extends SaltlineError {
    constructor(max: number);
}
