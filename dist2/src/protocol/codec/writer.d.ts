export declare class Writer {
    private buf;
    private size;
    /** Writes into a new buffer of `capacity` bytes, or into `target` (zeroed, owned by the writer). */
    constructor(capacity?: number | Buffer);
    private room;
    u8(v: number): this;
    u16(v: number): this;
    u32(v: number): this;
    raw(b: Uint8Array): this;
    /** A byte string with a u16 length prefix. */
    bytes16(b: Uint8Array): this;
    /** A byte string with a u32 length prefix. */
    bytes32(b: Uint8Array): this;
    get length(): number;
    finish(): Buffer;
}
