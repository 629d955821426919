/**
 * Timing shared by the benchmarks (issue #2 §Benchmark): time a piece of work, turn
 * counts into rates, and repeat a measurement to report its median. Absolute numbers drift on
 * shared machines, so benchmarks compare against a reference measured in the same process run.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { median } from './stats.js';
/**
 * Wall-clock and CPU time of `work`. Time spent descheduled while other processes run counts in
 * wall-clock time only; work on the process's other threads (V8's parallel garbage collection,
 * native thread pools) counts in CPU time only.
 */
export async function timeWork(work) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await work();
    const wallMs = performance.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
/** Operations per second for `count` operations done in `ms` milliseconds. */
export function perSecond(count, ms) {
    return ms > 0 ? (count * 1000) / ms : Number.POSITIVE_INFINITY;
}
/**
 * Runs `once` (which returns a rate) `runs` times and reports the median, collecting garbage
 * before each run so one run's garbage is not collected on the next one's time.
 */
export async function medianOfRuns(runs, once) {
    const rates = [];
    for (let i = 0; i < runs; i++) {
        collectGarbage();
        rates.push(await once());
    }
    return { median: median(rates), runs: rates };
}
let gc;
/** A full garbage collection, without needing `node --expose-gc` on the command line. */
export function collectGarbage() {
    if (!gc) {
        setFlagsFromString('--expose-gc');
        gc = runInNewContext('gc');
    }
    gc();
}
//# sourceMappingURL=timing.js.map