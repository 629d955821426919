/** A token bucket: the per-connection command and error budgets of the relay (issue #4 §Delivery). */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(capacity: number, perSecond: number, now: () => number) {
    this.#capacity = capacity;
    this.#perMs = perSecond / 1000;
    this.#now = now;
    this.#tokens = capacity;
    this.#at = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const t = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (t - this.#at) * this.#perMs);
    this.#at = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
