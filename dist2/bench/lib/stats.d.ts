/**
 * Summary statistics shared by the benchmarks (issue #2 §Benchmark; every `bench/<name>.ts`):
 * medians of repeated runs and latency percentiles.
 */
/** The middle value (mean of the two middle values for an even count). */
export declare function median(values: readonly number[]): number;
/** Nearest-rank percentile, `p` in [0, 100]: the smallest value with at least p% of values at or below it. */
export declare function percentile(values: readonly number[], p: number): number;
export declare function mean(values: readonly number[]): number;
/** p50/p90/p99/max of a latency sample, for tables and JSON. */
export declare function latencySummary(values: readonly number[]): {
    p50: number;
    p90: number;
    p99: number;
    max: number;
};
