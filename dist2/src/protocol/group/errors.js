/**
 * Typed errors of the group protocol (issue #6; SECURITY-TESTS #13–#17). Like the 1:1 errors,
 * every one leaves the caller's group state exactly as it was. The 1:1 errors (`ReplayError`,
 * `TooFarAheadError`, `InvalidFrameError`, `SignatureError`, `DecryptError`, …) are reused where
 * they mean the same thing.
 */
import { SaltlineError } from '../../crypto/errors.js';
/** The sender, signer or recipient is not a member of the group in the state we hold (#13, #14). */
export class NotMemberError extends SaltlineError {
    constructor(message = 'not a member of this group') {
        super('NOT_A_MEMBER', message);
    }
}
/** A group message under a sender key we never received over a pairwise session (#13, #16). */
export class UnknownSenderKeyError extends SaltlineError {
    constructor(message = 'unknown sender key') {
        super('UNKNOWN_SENDER_KEY', message);
    }
}
/** A group-state change not signed by someone allowed to make it (#14). */
export class UnauthorizedChangeError extends SaltlineError {
    constructor(message = 'change is not authorized by an admin') {
        super('UNAUTHORIZED_CHANGE', message);
    }
}
/** A group-state change (or whole payload) that is old, already applied, or lost to a concurrent one. */
export class StaleChangeError extends SaltlineError {
    constructor(message = 'group change is stale or already applied') {
        super('STALE_CHANGE', message);
    }
}
/** A change that is well-formed and signed but invalid for the state (unknown member, last admin, …). */
export class InvalidChangeError extends SaltlineError {
    constructor(message) {
        super('INVALID_CHANGE', message);
    }
}
/** The operation does not fit the local group record (e.g. sending after leaving). */
export class GroupStateError extends SaltlineError {
    constructor(message) {
        super('GROUP_STATE', message);
    }
}
/** A group would exceed MAX_GROUP_MEMBERS. */
export class GroupFullError extends SaltlineError {
    constructor(max) {
        super('GROUP_FULL', `a group holds at most ${max} members`);
    }
}
//# sourceMappingURL=errors.js.map