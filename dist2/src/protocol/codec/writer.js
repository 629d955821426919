/**
 * Append-only binary writer for the protocol's fixed-layout encodings (big-endian integers).
 * Writes go straight into one buffer; pass the exact size (or a buffer of it) when it is known
 * (session state is written per message) and `finish()` returns that buffer without a copy. Encodings can hold
 * secrets, so every buffer left behind by growing or trimming is wiped.
 */
import { wipe } from '../../crypto/index.js';
const DEFAULT_CAPACITY = 256;
export class Writer {
    buf;
    size = 0;
    /** Writes into a new buffer of `capacity` bytes, or into `target` (zeroed, owned by the writer). */
    constructor(capacity = DEFAULT_CAPACITY) {
        this.buf = typeof capacity === 'number' ? Buffer.alloc(Math.max(1, capacity)) : capacity;
    }
    room(n) {
        const at = this.size;
        if (at + n > this.buf.length) {
            const grown = Buffer.alloc(Math.max(this.buf.length * 2, at + n));
            this.buf.copy(grown, 0, 0, at);
            wipe(this.buf);
            this.buf = grown;
        }
        this.size = at + n;
        return at;
    }
    // `room` may replace `this.buf`, so each write takes the offset before touching the buffer.
    u8(v) {
        const at = this.room(1);
        this.buf[at] = v & 0xff;
        return this;
    }
    u16(v) {
        const at = this.room(2);
        this.buf.writeUInt16BE(v, at);
        return this;
    }
    u32(v) {
        const at = this.room(4);
        this.buf.writeUInt32BE(v, at);
        return this;
    }
    raw(b) {
        const at = this.room(b.length);
        this.buf.set(b, at);
        return this;
    }
    /** A byte string with a u16 length prefix. */
    bytes16(b) {
        return this.u16(b.length).raw(b);
    }
    /** A byte string with a u32 length prefix. */
    bytes32(b) {
        return this.u32(b.length).raw(b);
    }
    get length() {
        return this.size;
    }
    finish() {
        if (this.size === this.buf.length)
            return this.buf;
        const out = Buffer.alloc(this.size);
        this.buf.copy(out, 0, 0, this.size);
        wipe(this.buf);
        return out;
    }
}
//# sourceMappingURL=writer.js.map