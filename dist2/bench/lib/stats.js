/**
 * Summary statistics shared by the benchmarks (issue #2 §Benchmark; every `bench/<name>.ts`):
 * medians of repeated runs and latency percentiles.
 */
/** The middle value (mean of the two middle values for an even count). */
export function median(values) {
    if (values.length === 0)
        throw new RangeError('median of no values');
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** Nearest-rank percentile, `p` in [0, 100]: the smallest value with at least p% of values at or below it. */
export function percentile(values, p) {
    if (values.length === 0)
        throw new RangeError('percentile of no values');
    if (!(p >= 0 && p <= 100))
        throw new RangeError(`percentile ${p} is outside [0, 100]`);
    const sorted = [...values].sort((a, b) => a - b);
    const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
    return sorted[rank - 1];
}
export function mean(values) {
    if (values.length === 0)
        throw new RangeError('mean of no values');
    let sum = 0;
    for (const v of values)
        sum += v;
    return sum / values.length;
}
/** p50/p90/p99/max of a latency sample, for tables and JSON. */
export function latencySummary(values) {
    return { p50: percentile(values, 50), p90: percentile(values, 90), p99: percentile(values, 99), max: percentile(values, 100) };
}
//# sourceMappingURL=stats.js.map