export declare const GROUP_LABELS: {
    readonly messageHeader: Buffer<ArrayBufferLike>;
    readonly messageBody: Buffer<ArrayBufferLike>;
    readonly messageSignature: Buffer<ArrayBufferLike>;
    readonly senderKeyId: Buffer<ArrayBufferLike>;
    readonly senderKeyPossession: Buffer<ArrayBufferLike>;
    readonly state: Buffer<ArrayBufferLike>;
    readonly change: Buffer<ArrayBufferLike>;
    readonly changeHash: Buffer<ArrayBufferLike>;
    readonly introduction: Buffer<ArrayBufferLike>;
};
