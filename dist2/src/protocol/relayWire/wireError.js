/** The typed error a relay-wire decoder throws for bytes that are not a valid frame (issue #4, #18). */
import { SaltlineError } from '../../crypto/errors.js';
export class RelayWireError extends SaltlineError {
    relayCode;
    constructor(relayCode, message) {
        super(`RELAY_WIRE_${relayCode}`, message);
        this.relayCode = relayCode;
    }
}
//# sourceMappingURL=wireError.js.map