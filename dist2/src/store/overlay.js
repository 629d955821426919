/**
 * Message rows LanceDB cannot serve from its indexes yet (issue 3 §5: "keep whatever in-process
 * structures make reads fast, since one process owns the profile"): rows still only in the
 * journal, rows being flushed, and rows flushed since the last optimize (LanceDB queries run with
 * `fastSearch`, which skips unindexed data). Looked up by id, by insertion number, and by
 * conversation and sequence range.
 */
function lowerBound(values, x) {
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (values[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}
export class Overlay {
    #byId = new Map();
    #byG = new Map();
    #byConv = new Map();
    get size() {
        return this.#byId.size;
    }
    /** Adds or replaces a row; a row first added as new stays new when changed again before it is flushed. */
    put(row) {
        const prior = this.#byId.get(row.id);
        const next = prior && !prior.update && row.update ? { ...row, update: false } : row;
        this.#byId.set(row.id, next);
        this.#byG.set(row.g, next);
        let conv = this.#byConv.get(row.conv);
        if (!conv)
            this.#byConv.set(row.conv, (conv = { seqs: [], rows: new Map() }));
        if (!conv.rows.has(row.seq)) {
            const last = conv.seqs[conv.seqs.length - 1];
            if (last === undefined || last < row.seq)
                conv.seqs.push(row.seq);
            else
                conv.seqs.splice(lowerBound(conv.seqs, row.seq), 0, row.seq);
        }
        conv.rows.set(row.seq, next);
    }
    get(id) {
        return this.#byId.get(id);
    }
    getByG(g) {
        return this.#byG.get(g);
    }
    delete(id) {
        const row = this.#byId.get(id);
        if (!row)
            return;
        this.#byId.delete(id);
        this.#byG.delete(row.g);
        const conv = this.#byConv.get(row.conv);
        conv.rows.delete(row.seq);
        conv.seqs.splice(lowerBound(conv.seqs, row.seq), 1);
    }
    deleteConversation(conv) {
        const rows = this.#byConv.get(conv);
        if (!rows)
            return;
        for (const row of rows.rows.values()) {
            this.#byId.delete(row.id);
            this.#byG.delete(row.g);
        }
        this.#byConv.delete(conv);
    }
    /** Rows of a conversation with lo <= seq < hi, ascending. */
    range(conv, lo, hi) {
        const rows = this.#byConv.get(conv);
        if (!rows)
            return [];
        const out = [];
        for (let i = lowerBound(rows.seqs, lo); i < rows.seqs.length && rows.seqs[i] < hi; i++)
            out.push(rows.rows.get(rows.seqs[i]));
        return out;
    }
    rows() {
        return this.#byId.values();
    }
    absorb(other) {
        for (const row of other.rows())
            this.put(row);
    }
}
//# sourceMappingURL=overlay.js.map