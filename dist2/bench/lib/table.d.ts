/**
 * Plain-text tables for benchmark output (issue #2 §Benchmark: each benchmark prints a human
 * table). Numbers are right-aligned, text left-aligned.
 */
export type Cell = string | number;
/** Formats a number for people: thousands separators, at most `digits` decimals. */
export declare function formatNumber(value: number, digits?: number): string;
export declare function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string;
export declare function printTable(title: string, headers: readonly string[], rows: readonly (readonly Cell[])[]): void;
