/** A token bucket: the per-connection command and error budgets of the relay (issue #4 §Delivery). */
export class TokenBucket {
    #capacity;
    #perMs;
    #now;
    #tokens;
    #at;
    constructor(capacity, perSecond, now) {
        this.#capacity = capacity;
        this.#perMs = perSecond / 1000;
        this.#now = now;
        this.#tokens = capacity;
        this.#at = now();
    }
    /** Takes one token; false when the bucket is empty. */
    take() {
        const t = this.#now();
        this.#tokens = Math.min(this.#capacity, this.#tokens + (t - this.#at) * this.#perMs);
        this.#at = t;
        if (this.#tokens < 1)
            return false;
        this.#tokens -= 1;
        return true;
    }
}
//# sourceMappingURL=tokenBucket.js.map