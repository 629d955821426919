/** Typed errors of the transport (issue #4 §Transport): connection problems and relay error replies. */
import { SaltlineError } from '../crypto/errors.js';
import { type RelayErrorName } from '../protocol/relayWire/errorCodes.js';
export declare const TransportErrorCode: {
    readonly DISCONNECTED: "DISCONNECTED";
    readonly TIMEOUT: "TIMEOUT";
    readonly CLOSED: "CLOSED";
    readonly PIN_MISMATCH: "PIN_MISMATCH";
    readonly UNEXPECTED_REPLY: "UNEXPECTED_REPLY";
};
export type TransportErrorName = keyof typeof TransportErrorCode;
export declare class TransportError extends SaltlineError {
    readonly reason: TransportErrorName;
    constructor(reason: TransportErrorName, message: string);
}
/** The relay answered a command with an error reply. */
export declare class RelayCommandError extends SaltlineError {
    readonly relayCode: RelayErrorName;
    /** Retrying the same command can never succeed (bad key, queue gone, too large …). */
    readonly permanent: boolean;
    constructor(relayCode: RelayErrorName);
}
/** Bytes that should be a delivery address are not one (issue #4 §Transport; limits.ts MAX_ADDRESS_BYTES). */
export declare class AddressError extends SaltlineError {
    constructor(message: string);
}
