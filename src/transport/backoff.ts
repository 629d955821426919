/** Exponential backoff with full jitter, for reconnects and outbox retries (issue #4 §Transport). */
import type { Rng } from '../crypto/random.js';
import { systemRng } from '../crypto/random.js';

export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 30_000 };

export class Backoff {
  readonly #options: BackoffOptions;
  readonly #rng: Rng;
  #attempt = 0;

  constructor(options: BackoffOptions = DEFAULT_BACKOFF, rng: Rng = systemRng) {
    this.#options = options;
    this.#rng = rng;
  }

  /** The next delay: uniform in [ceiling/2, ceiling], the ceiling doubling per attempt up to maxMs. */
  next(): number {
    const ceiling = Math.min(this.#options.maxMs, this.#options.initialMs * 2 ** Math.min(this.#attempt, 30));
    this.#attempt++;
    const unit = this.#rng(4).readUInt32BE(0) / 0x1_0000_0000;
    return Math.round(ceiling / 2 + (ceiling / 2) * unit);
  }

  reset(): void {
    this.#attempt = 0;
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
