export declare const RESULTS_DIR: string;
/** Facts about the machine and run, stored beside each result so numbers can be compared later. */
export declare function runContext(): Record<string, unknown>;
/** Writes `result` to `bench/results/<name>.json` and returns the file's path. */
export declare function writeResult(name: string, result: Record<string, unknown>): string;
