/**
 * Message rows LanceDB cannot serve from its indexes yet (issue 3 §5: "keep whatever in-process
 * structures make reads fast, since one process owns the profile"): rows still only in the
 * journal, rows being flushed, and rows flushed since the last optimize (LanceDB queries run with
 * `fastSearch`, which skips unindexed data). Looked up by id, by insertion number, and by
 * conversation and sequence range.
 */
export interface OverlayRow {
    readonly id: string;
    readonly conv: string;
    readonly slot: number;
    readonly seq: number;
    readonly g: number;
    readonly ct: Uint8Array;
    /** Blind-index terms of the body, per word (memory only: replay recomputes them). */
    readonly terms: readonly (readonly string[])[];
    /** True for a changed copy of a row that may already be in LanceDB. */
    readonly update: boolean;
}
export declare class Overlay {
    #private;
    get size(): number;
    /** Adds or replaces a row; a row first added as new stays new when changed again before it is flushed. */
    put(row: OverlayRow): void;
    get(id: string): OverlayRow | undefined;
    getByG(g: number): OverlayRow | undefined;
    delete(id: string): void;
    deleteConversation(conv: string): void;
    /** Rows of a conversation with lo <= seq < hi, ascending. */
    range(conv: string, lo: number, hi: number): OverlayRow[];
    rows(): IterableIterator<OverlayRow>;
    absorb(other: Overlay): void;
}
