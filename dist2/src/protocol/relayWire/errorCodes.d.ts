/**
 * Error codes a relay answers with (issue #4 §Delivery: "each a clear, typed error reply").
 * One byte on the wire; the names are the stable strings clients branch on.
 */
export declare const RelayErrorCode: {
    readonly MALFORMED: 1;
    readonly TOO_LARGE: 2;
    readonly UNKNOWN_COMMAND: 3;
    readonly VERSION: 4;
    readonly AUTH: 5;
    readonly NO_QUEUE: 6;
    readonly QUEUE_FULL: 7;
    readonly RELAY_FULL: 8;
    readonly RATE_LIMITED: 9;
    readonly REPLAY: 10;
    readonly NO_MESSAGE: 11;
    readonly INTERNAL: 12;
};
export type RelayErrorName = keyof typeof RelayErrorCode;
export type RelayErrorNumber = (typeof RelayErrorCode)[RelayErrorName];
export declare function relayErrorName(n: number): RelayErrorName | undefined;
/** Errors after which retrying the same command can never succeed. */
export declare const PERMANENT_RELAY_ERRORS: ReadonlySet<RelayErrorName>;
