export declare const LABELS: {
    readonly identityDh: Buffer<ArrayBufferLike>;
    readonly invitation: Buffer<ArrayBufferLike>;
    readonly handshake: Buffer<ArrayBufferLike>;
    readonly initiatorSeal: Buffer<ArrayBufferLike>;
    readonly rootRatchet: Buffer<ArrayBufferLike>;
    readonly sessionAd: Buffer<ArrayBufferLike>;
    readonly safetyNumber: Buffer<ArrayBufferLike>;
};
