export declare class Reader {
    private readonly what;
    private offset;
    private readonly buf;
    constructor(bytes: Uint8Array, what: string);
    private take;
    /** Advances past `n` bytes and returns where they start (integers are read without a view). */
    private skip;
    u8(): number;
    u16(): number;
    u32(): number;
    /** A view into the input (not a copy); copy it if it must outlive the input. */
    raw(n: number): Buffer;
    bytes16(max?: number): Buffer;
    bytes32(max: number): Buffer;
    rest(): Buffer;
    get remaining(): number;
    /** Call when the layout is complete: trailing bytes are an error, not ignored. */
    end(): void;
}
