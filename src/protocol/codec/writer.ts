/** Append-only binary writer for the protocol's fixed-layout encodings (big-endian integers). */
export class Writer {
  private chunks: Buffer[] = [];
  private size = 0;

  u8(v: number): this {
    return this.raw(Buffer.of(v & 0xff));
  }

  u16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16BE(v);
    return this.raw(b);
  }

  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v);
    return this.raw(b);
  }

  raw(b: Uint8Array): this {
    const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
    this.chunks.push(buf);
    this.size += buf.length;
    return this;
  }

  /** A byte string with a u16 length prefix. */
  bytes16(b: Uint8Array): this {
    return this.u16(b.length).raw(b);
  }

  /** A byte string with a u32 length prefix. */
  bytes32(b: Uint8Array): this {
    return this.u32(b.length).raw(b);
  }

  get length(): number {
    return this.size;
  }

  finish(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}
