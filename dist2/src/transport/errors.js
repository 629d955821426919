/** Typed errors of the transport (issue #4 §Transport): connection problems and relay error replies. */
import { SaltlineError } from '../crypto/errors.js';
import { PERMANENT_RELAY_ERRORS } from '../protocol/relayWire/errorCodes.js';
export const TransportErrorCode = {
    DISCONNECTED: 'DISCONNECTED',
    TIMEOUT: 'TIMEOUT',
    CLOSED: 'CLOSED',
    PIN_MISMATCH: 'PIN_MISMATCH',
    UNEXPECTED_REPLY: 'UNEXPECTED_REPLY',
};
export class TransportError extends SaltlineError {
    reason;
    constructor(reason, message) {
        super(`TRANSPORT_${reason}`, message);
        this.reason = reason;
    }
}
/** The relay answered a command with an error reply. */
export class RelayCommandError extends SaltlineError {
    relayCode;
    /** Retrying the same command can never succeed (bad key, queue gone, too large …). */
    permanent;
    constructor(relayCode) {
        super(`RELAY_${relayCode}`, `relay refused the command: ${relayCode}`);
        this.relayCode = relayCode;
        this.permanent = PERMANENT_RELAY_ERRORS.has(relayCode);
    }
}
/** Bytes that should be a delivery address are not one (issue #4 §Transport; limits.ts MAX_ADDRESS_BYTES). */
export class AddressError extends SaltlineError {
    constructor(message) {
        super('BAD_ADDRESS', message);
    }
}
//# sourceMappingURL=errors.js.map