export declare class Slab {
    private slab;
    private offset;
    /** A zeroed buffer of `n` bytes; large ones get their own allocation. */
    take(n: number): Buffer;
}
