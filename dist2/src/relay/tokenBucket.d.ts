/** A token bucket: the per-connection command and error budgets of the relay (issue #4 §Delivery). */
export declare class TokenBucket {
    #private;
    constructor(capacity: number, perSecond: number, now: () => number);
    /** Takes one token; false when the bucket is empty. */
    take(): boolean;
}
