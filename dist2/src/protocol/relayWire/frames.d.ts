import { type RelayErrorName } from './errorCodes.js';
export declare const RELAY_WIRE_VERSION = 1;
export declare const QUEUE_ID_BYTES = 24;
export declare const MSG_ID_BYTES = 8;
export declare const CHALLENGE_BYTES = 32;
/** The largest command: a signed SEND of the largest envelope, rounded up to leave headroom. */
export declare const MAX_FRAME_BYTES: number;
export declare const SIGNING_DOMAIN: Buffer<ArrayBuffer>;
export declare const CommandKind: {
    readonly NEW: 1;
    readonly SEND: 2;
    readonly SUB: 3;
    readonly ACK: 4;
    readonly DEL: 5;
    readonly PING: 6;
};
export type CommandKindName = keyof typeof CommandKind;
export declare const ReplyKind: {
    readonly HELLO: 129;
    readonly IDS: 130;
    readonly OK: 131;
    readonly MSG: 132;
    readonly ERR: 133;
    readonly PONG: 134;
    readonly END: 135;
};
export type CommandBody = {
    readonly kind: 'NEW';
    readonly recipientKey: Buffer;
    readonly senderKey: Buffer;
} | {
    readonly kind: 'SEND';
    readonly sendId: Buffer;
    readonly envelope: Buffer;
} | {
    readonly kind: 'SUB';
    readonly recvId: Buffer;
} | {
    readonly kind: 'ACK';
    readonly recvId: Buffer;
    readonly msgId: bigint;
} | {
    readonly kind: 'DEL';
    readonly recvId: Buffer;
} | {
    readonly kind: 'PING';
};
export interface Command {
    readonly corrId: number;
    readonly body: CommandBody;
    readonly signature: Buffer | undefined;
    /** The bytes a signature covers, minus domain and challenge (see `signedBytes`). */
    readonly unsignedBytes: Buffer;
}
export type Reply = {
    readonly kind: 'HELLO';
    readonly corrId: 0;
    readonly challenge: Buffer;
    readonly maxFrame: number;
} | {
    readonly kind: 'IDS';
    readonly corrId: number;
    readonly recvId: Buffer;
    readonly sendId: Buffer;
} | {
    readonly kind: 'OK';
    readonly corrId: number;
} | {
    readonly kind: 'MSG';
    readonly corrId: 0;
    readonly recvId: Buffer;
    readonly msgId: bigint;
    readonly timestamp: number;
    readonly envelope: Buffer;
} | {
    readonly kind: 'ERR';
    readonly corrId: number;
    readonly code: RelayErrorName;
} | {
    readonly kind: 'PONG';
    readonly corrId: number;
} | {
    readonly kind: 'END';
    readonly corrId: 0;
    readonly recvId: Buffer;
};
/** The command bytes without a signature: what `signedBytes` wraps and what a signer signs. */
export declare function encodeUnsignedCommand(corrId: number, body: CommandBody): Buffer;
/** The exact message an Ed25519 signature over a command covers on a connection with `challenge`. */
export declare function signedBytes(challenge: Uint8Array, unsignedCommand: Uint8Array): Buffer;
/** Splices a signature into an unsigned command (sets the flag, inserts after the header). */
export declare function withSignature(unsignedCommand: Buffer, signature: Uint8Array): Buffer;
/**
 * Parses one command frame. Throws `RelayWireError` (never anything else) for bytes that are not a
 * command; `corrIdOf` recovers the correlation id of a bad frame, when it has one, for the reply.
 */
export declare function decodeCommand(frame: Uint8Array): Command;
/** The correlation id of a frame that failed to parse, so its error reply can be matched (0 if none). */
export declare function corrIdOf(frame: Uint8Array): number;
export declare function encodeReply(reply: Reply): Buffer;
/** Parses a relay reply; a client must treat any `RelayWireError` as a misbehaving relay. */
export declare function decodeReply(frame: Uint8Array): Reply;
