/** Wall-clock and process CPU time (all threads, user + system) of one piece of work, in ms. */
export interface Elapsed {
    readonly wallMs: number;
    readonly cpuMs: number;
}
/**
 * Wall-clock and CPU time of `work`. Time spent descheduled while other processes run counts in
 * wall-clock time only; work on the process's other threads (V8's parallel garbage collection,
 * native thread pools) counts in CPU time only.
 */
export declare function timeWork(work: () => Promise<void> | void): Promise<Elapsed>;
/** Operations per second for `count` operations done in `ms` milliseconds. */
export declare function perSecond(count: number, ms: number): number;
/**
 * Runs `once` (which returns a rate) `runs` times and reports the median, collecting garbage
 * before each run so one run's garbage is not collected on the next one's time.
 */
export declare function medianOfRuns(runs: number, once: () => Promise<number> | number): Promise<{
    median: number;
    runs: number[];
}>;
/** A full garbage collection, without needing `node --expose-gc` on the command line. */
export declare function collectGarbage(): void;
