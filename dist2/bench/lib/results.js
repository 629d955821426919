/**
 * Where benchmark results go (issue #2 §Benchmark: each benchmark writes `bench/results/NAME.json`).
 * The path is found from this module's location, so it does not depend on the working directory:
 * this file runs from `dist/bench/lib/`, three levels below the repository root.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
export const RESULTS_DIR = fileURLToPath(new URL('../../../bench/results/', import.meta.url));
/** Facts about the machine and run, stored beside each result so numbers can be compared later. */
export function runContext() {
    return {
        date: new Date().toISOString(),
        node: process.version,
        platform: `${process.platform}-${process.arch}`,
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: cpus().length,
    };
}
/** Writes `result` to `bench/results/<name>.json` and returns the file's path. */
export function writeResult(name, result) {
    if (!/^[a-z0-9-]+$/.test(name))
        throw new RangeError(`bad benchmark name: ${name}`);
    mkdirSync(RESULTS_DIR, { recursive: true });
    const path = join(RESULTS_DIR, `${name}.json`);
    writeFileSync(path, JSON.stringify(result, null, 2) + '\n');
    return path;
}
//# sourceMappingURL=results.js.map