export declare const CONTENT_VERSION = 1;
export declare const MESSAGE_ID_BYTES = 16;
export declare const CONTENT_KIND: {
    readonly text: 1;
    readonly profile: 2;
    readonly receipt: 3;
    readonly group: 4;
};
export declare const RECEIPT_KIND: {
    readonly delivered: 1;
    readonly read: 2;
};
export type ReceiptKind = (typeof RECEIPT_KIND)[keyof typeof RECEIPT_KIND];
export type Content = {
    readonly kind: 'text';
    readonly id: Buffer;
    readonly sentAt: number;
    readonly text: string;
} | {
    readonly kind: 'profile';
    readonly id: Buffer;
    readonly sentAt: number;
    readonly name: string;
} | {
    readonly kind: 'receipt';
    readonly id: Buffer;
    readonly sentAt: number;
    readonly receipt: ReceiptKind;
    readonly messageIds: readonly Buffer[];
} | {
    readonly kind: 'group';
    readonly id: Buffer;
    readonly sentAt: number;
    readonly payload: Buffer;
};
export declare function encodeContent(c: Content): Buffer;
export declare function decodeContent(bytes: Uint8Array): Content;
