import { systemRng } from '../crypto/random.js';
export const DEFAULT_BACKOFF = { initialMs: 200, maxMs: 30_000 };
export class Backoff {
    #options;
    #rng;
    #attempt = 0;
    constructor(options = DEFAULT_BACKOFF, rng = systemRng) {
        this.#options = options;
        this.#rng = rng;
    }
    /** The next delay: uniform in [ceiling/2, ceiling], the ceiling doubling per attempt up to maxMs. */
    next() {
        const ceiling = Math.min(this.#options.maxMs, this.#options.initialMs * 2 ** Math.min(this.#attempt, 30));
        this.#attempt++;
        const unit = this.#rng(4).readUInt32BE(0) / 0x1_0000_0000;
        return Math.round(ceiling / 2 + (ceiling / 2) * unit);
    }
    reset() {
        this.#attempt = 0;
    }
}
export function sleep(ms, signal) {
    return new Promise((resolve) => {
        if (signal?.aborted)
            return resolve();
        const t = setTimeout(done, ms);
        function done() {
            clearTimeout(t);
            signal?.removeEventListener('abort', done);
            resolve();
        }
        signal?.addEventListener('abort', done, { once: true });
    });
}
//# sourceMappingURL=backoff.js.map