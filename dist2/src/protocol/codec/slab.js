/**
 * Buffers carved from shared, zero-initialised 16 KiB slabs: a buffer over 64 bytes is otherwise
 * its own native allocation (about a microsecond, plus garbage-collector work), which for session
 * state saved after every message is a large share of the message's cost. Like Node's Buffer
 * pool, but private to one kind of data (so session state never shares memory with unrelated
 * buffers), and never reused: a slab is only ever carved forward, so every buffer starts zeroed.
 * Consumers must honour `byteOffset`/`byteLength`, as for any pooled Buffer.
 */
const SLAB_BYTES = 16 * 1024;
const LARGEST_CARVED = SLAB_BYTES / 4;
export class Slab {
    slab = new ArrayBuffer(SLAB_BYTES);
    offset = 0;
    /** A zeroed buffer of `n` bytes; large ones get their own allocation. */
    take(n) {
        if (n > LARGEST_CARVED)
            return Buffer.alloc(n);
        if (this.offset + n > SLAB_BYTES) {
            this.slab = new ArrayBuffer(SLAB_BYTES);
            this.offset = 0;
        }
        const out = Buffer.from(this.slab, this.offset, n);
        // Keep every buffer 8-byte aligned, as allocations normally are.
        this.offset += (n + 7) & ~7;
        return out;
    }
}
//# sourceMappingURL=slab.js.map