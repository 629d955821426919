/**
 * The SDK's typed errors (issue 5): each a clear, one-line message a command-line user can act on.
 * The CLI prints `message` and exits non-zero; scripts switch on `code`.
 */
import { SaltlineError } from '../crypto/errors.js';
export declare class UnknownContactError extends SaltlineError {
    constructor(target: string);
}
export declare class NotConnectedError extends SaltlineError {
    constructor(name: string);
}
/** A contact presented an identity key other than the one pinned for it: refused, not trusted. */
export declare class ContactIdentityChangedError extends SaltlineError {
    constructor(name: string);
}
export declare class NoRelayError extends SaltlineError {
    constructor();
}
export declare class RelayUnreachableError extends SaltlineError {
    constructor(relay: string);
}
export declare class OwnInvitationError extends SaltlineError {
    constructor();
}
export declare class MessageTooLongError extends SaltlineError {
    constructor(max: number);
}
export declare class ClientClosedError extends SaltlineError {
    constructor();
}
