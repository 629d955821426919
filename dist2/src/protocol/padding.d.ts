/** The largest content that fits when the envelope adds `overhead` bytes around the plaintext. */
export declare function maxContentBytes(overhead: number): number;
/** Length of the padded plaintext for `contentLength` bytes of content. */
export declare function paddedLength(contentLength: number, overhead: number): number;
/** Pads `content` into `out` (of `paddedLength` bytes), e.g. a view into the envelope being built. */
export declare function padInto(out: Uint8Array, content: Uint8Array): void;
export declare function pad(content: Uint8Array, overhead: number): Buffer;
/** The content of a padded plaintext, as a view into `padded` (no copy). */
export declare function unpad(padded: Uint8Array): Buffer;
