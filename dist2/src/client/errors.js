/**
 * The SDK's typed errors (issue 5): each a clear, one-line message a command-line user can act on.
 * The CLI prints `message` and exits non-zero; scripts switch on `code`.
 */
import { SaltlineError } from '../crypto/errors.js';
export class UnknownContactError extends SaltlineError {
    constructor(target) {
        super('UNKNOWN_CONTACT', `no contact or conversation named "${target}"`);
    }
}
export class NotConnectedError extends SaltlineError {
    constructor(name) {
        super('NOT_CONNECTED', `${name} has not accepted your invitation yet`);
    }
}
/** A contact presented an identity key other than the one pinned for it: refused, not trusted. */
export class ContactIdentityChangedError extends SaltlineError {
    constructor(name) {
        super('IDENTITY_CHANGED', `${name}'s identity key has changed: messages to and from ${name} are refused until you compare the new safety number (saltline verify "${name}")`);
    }
}
export class NoRelayError extends SaltlineError {
    constructor() {
        super('NO_RELAY', 'this profile has no relay; set one with `saltline set-relay URL`');
    }
}
export class RelayUnreachableError extends SaltlineError {
    constructor(relay) {
        super('RELAY_UNREACHABLE', `the relay ${relay} is unreachable`);
    }
}
export class OwnInvitationError extends SaltlineError {
    constructor() {
        super('OWN_INVITATION', 'this is your own invitation; send it to the person you want to talk to');
    }
}
export class MessageTooLongError extends SaltlineError {
    constructor(max) {
        super('MESSAGE_TOO_LONG', `message too long (at most ${max} bytes)`);
    }
}
export class ClientClosedError extends SaltlineError {
    constructor() {
        super('CLIENT_CLOSED', 'the client is closed');
    }
}
//# sourceMappingURL=errors.js.map