/** The typed error a relay-wire decoder throws for bytes that are not a valid frame (issue #4, #18). */
import { SaltlineError } from '../../crypto/errors.js';
import type { RelayErrorName } from './errorCodes.js';
export declare class RelayWireError extends SaltlineError {
    readonly relayCode: RelayErrorName;
    constructor(relayCode: RelayErrorName, message: string);
}
