/**
 * Error codes a relay answers with (issue #4 §Delivery: "each a clear, typed error reply").
 * One byte on the wire; the names are the stable strings clients branch on.
 */
export const RelayErrorCode = {
    MALFORMED: 1,
    TOO_LARGE: 2,
    UNKNOWN_COMMAND: 3,
    VERSION: 4,
    AUTH: 5,
    NO_QUEUE: 6,
    QUEUE_FULL: 7,
    RELAY_FULL: 8,
    RATE_LIMITED: 9,
    REPLAY: 10,
    NO_MESSAGE: 11,
    INTERNAL: 12,
};
const byNumber = new Map(Object.entries(RelayErrorCode).map(([name, n]) => [n, name]));
export function relayErrorName(n) {
    return byNumber.get(n);
}
/** Errors after which retrying the same command can never succeed. */
export const PERMANENT_RELAY_ERRORS = new Set(['AUTH', 'NO_QUEUE', 'TOO_LARGE', 'MALFORMED', 'UNKNOWN_COMMAND', 'VERSION']);
//# sourceMappingURL=errorCodes.js.map