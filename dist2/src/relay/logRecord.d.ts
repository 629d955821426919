export declare const LogRecordType: {
    readonly CREATE: 1;
    readonly MSG: 2;
    readonly ACK: 3;
    readonly DELETE: 4;
};
export type LogRecord = {
    readonly type: 'CREATE';
    readonly recvId: Buffer;
    readonly sendId: Buffer;
    readonly recipientKey: Buffer;
    readonly senderKey: Buffer;
    readonly createdAt: number;
    readonly nextSeq: number;
} | {
    readonly type: 'MSG';
    readonly recvId: Buffer;
    readonly seq: number;
    readonly timestamp: number;
    readonly body: Buffer;
} | {
    readonly type: 'ACK';
    readonly recvId: Buffer;
    readonly seq: number;
} | {
    readonly type: 'DELETE';
    readonly recvId: Buffer;
};
/** Encodes a MSG record and returns, with it, a view of the body inside it (no second copy to keep). */
export declare function encodeMsgRecord(recvId: Buffer, seq: number, timestamp: number, body: Buffer): {
    record: Buffer;
    body: Buffer;
};
export declare function encodeLogRecord(r: LogRecord): Buffer;
/** Every intact record of a log in order, and the byte length of that intact prefix. */
export declare function parseLog(bytes: Buffer): {
    records: LogRecord[];
    validLength: number;
};
