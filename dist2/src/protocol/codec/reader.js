/**
 * Strict reader for untrusted bytes: every read is bounds-checked and a short or over-long input
 * becomes an `InvalidFrameError`, never a RangeError or a silent truncation.
 */
import { InvalidFrameError } from '../errors.js';
export class Reader {
    what;
    offset = 0;
    buf;
    constructor(bytes, what) {
        this.what = what;
        this.buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
    take(n) {
        if (n < 0 || this.offset + n > this.buf.length)
            throw new InvalidFrameError(`${this.what}: truncated`);
        const out = this.buf.subarray(this.offset, this.offset + n);
        this.offset += n;
        return out;
    }
    /** Advances past `n` bytes and returns where they start (integers are read without a view). */
    skip(n) {
        const at = this.offset;
        if (at + n > this.buf.length)
            throw new InvalidFrameError(`${this.what}: truncated`);
        this.offset = at + n;
        return at;
    }
    u8() {
        return this.buf[this.skip(1)];
    }
    u16() {
        return this.buf.readUInt16BE(this.skip(2));
    }
    u32() {
        return this.buf.readUInt32BE(this.skip(4));
    }
    /** A view into the input (not a copy); copy it if it must outlive the input. */
    raw(n) {
        return this.take(n);
    }
    bytes16(max = 0xffff) {
        const n = this.u16();
        if (n > max)
            throw new InvalidFrameError(`${this.what}: field longer than ${max} bytes`);
        return this.take(n);
    }
    bytes32(max) {
        const n = this.u32();
        if (n > max)
            throw new InvalidFrameError(`${this.what}: field longer than ${max} bytes`);
        return this.take(n);
    }
    rest() {
        return this.take(this.buf.length - this.offset);
    }
    get remaining() {
        return this.buf.length - this.offset;
    }
    /** Call when the layout is complete: trailing bytes are an error, not ignored. */
    end() {
        if (this.offset !== this.buf.length)
            throw new InvalidFrameError(`${this.what}: trailing bytes`);
    }
}
//# sourceMappingURL=reader.js.map