/**
 * Plain-text tables for benchmark output (issue #2 §Benchmark: each benchmark prints a human
 * table). Numbers are right-aligned, text left-aligned.
 */
/** Formats a number for people: thousands separators, at most `digits` decimals. */
export function formatNumber(value, digits = 1) {
    if (!Number.isFinite(value))
        return String(value);
    return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
export function renderTable(headers, rows) {
    const text = (cell) => (typeof cell === 'number' ? formatNumber(cell) : (cell ?? ''));
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => text(r[i]).length)));
    const line = (cells, isHeader) => widths
        .map((w, i) => {
        const cell = cells[i];
        const s = text(cell);
        return !isHeader && typeof cell === 'number' ? s.padStart(w) : s.padEnd(w);
    })
        .join('  ')
        .trimEnd();
    const rule = widths.map((w) => '-'.repeat(w)).join('  ');
    return [line(headers, true), rule, ...rows.map((r) => line(r, false))].join('\n');
}
export function printTable(title, headers, rows) {
    console.log(`\n${title}\n${renderTable(headers, rows)}`);
}
//# sourceMappingURL=table.js.map