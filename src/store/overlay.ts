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

interface ConvRows {
  /** Ascending, unique. */
  readonly seqs: number[];
  readonly rows: Map<number, OverlayRow>;
}

function lowerBound(values: readonly number[], x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Overlay {
  readonly #byId = new Map<string, OverlayRow>();
  readonly #byG = new Map<number, OverlayRow>();
  readonly #byConv = new Map<string, ConvRows>();

  get size(): number {
    return this.#byId.size;
  }

  /** Adds or replaces a row; a row first added as new stays new when changed again before it is flushed. */
  put(row: OverlayRow): void {
    const prior = this.#byId.get(row.id);
    const next = prior && !prior.update && row.update ? { ...row, update: false } : row;
    this.#byId.set(row.id, next);
    this.#byG.set(row.g, next);
    let conv = this.#byConv.get(row.conv);
    if (!conv) this.#byConv.set(row.conv, (conv = { seqs: [], rows: new Map() }));
    if (!conv.rows.has(row.seq)) {
      const last = conv.seqs[conv.seqs.length - 1];
      if (last === undefined || last < row.seq) conv.seqs.push(row.seq);
      else conv.seqs.splice(lowerBound(conv.seqs, row.seq), 0, row.seq);
    }
    conv.rows.set(row.seq, next);
  }

  get(id: string): OverlayRow | undefined {
    return this.#byId.get(id);
  }

  getByG(g: number): OverlayRow | undefined {
    return this.#byG.get(g);
  }

  delete(id: string): void {
    const row = this.#byId.get(id);
    if (!row) return;
    this.#byId.delete(id);
    this.#byG.delete(row.g);
    const conv = this.#byConv.get(row.conv)!;
    conv.rows.delete(row.seq);
    conv.seqs.splice(lowerBound(conv.seqs, row.seq), 1);
  }

  deleteConversation(conv: string): void {
    const rows = this.#byConv.get(conv);
    if (!rows) return;
    for (const row of rows.rows.values()) {
      this.#byId.delete(row.id);
      this.#byG.delete(row.g);
    }
    this.#byConv.delete(conv);
  }

  /** Rows of a conversation with lo <= seq < hi, ascending. */
  range(conv: string, lo: number, hi: number): OverlayRow[] {
    const rows = this.#byConv.get(conv);
    if (!rows) return [];
    const out: OverlayRow[] = [];
    for (let i = lowerBound(rows.seqs, lo); i < rows.seqs.length && rows.seqs[i]! < hi; i++) out.push(rows.rows.get(rows.seqs[i]!)!);
    return out;
  }

  rows(): IterableIterator<OverlayRow> {
    return this.#byId.values();
  }

  absorb(other: Overlay): void {
    for (const row of other.rows()) this.put(row);
  }
}
