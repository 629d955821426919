/**
 * The relay wire format (issue #4): binary WebSocket frames between clients and a blind relay.
 * Pure encode/decode, shared by the relay and the transport; the relay depends only on this.
 *
 * Command (client → relay), big-endian:
 *   u8 version | u8 kind | u32 corrId | u8 flags | [64-byte Ed25519 signature if flags&1] | body
 * Reply (relay → client):
 *   u8 version | u8 kind | u32 corrId (0 for pushes) | body
 *
 * A signature covers `SIGNING_DOMAIN || session challenge || the command without its signature`,
 * so a captured command cannot be replayed on another connection; corrIds must strictly increase
 * within a connection, so it cannot be replayed on the same one either.
 */
import { ED25519_PUBLIC_BYTES, ED25519_SIGNATURE_BYTES } from '../../crypto/keys.js';
import { MAX_ENVELOPE_BYTES } from '../limits.js';
import {
  decodeBlobCommandBody,
  decodeBlobReplyBody,
  encodeBlobCommandBody,
  blobReplyBodyLength,
  MAX_BLOB_FRAME_BYTES,
  writeBlobReplyBody,
  type BlobCommandBody,
  type BlobReplyBody,
} from './blobWire.js';
import { relayErrorName, RelayErrorCode, type RelayErrorName } from './errorCodes.js';
import { RelayWireError } from './wireError.js';

export const RELAY_WIRE_VERSION = 1;
export const QUEUE_ID_BYTES = 24;
export const MSG_ID_BYTES = 8;
export const CHALLENGE_BYTES = 32;
const COMMAND_HEADER_BYTES = 7;
const REPLY_HEADER_BYTES = 6;
const FLAG_SIGNED = 1;

/** The largest command: a signed SEND of the largest envelope, rounded up to leave headroom. */
export const MAX_FRAME_BYTES = MAX_ENVELOPE_BYTES + 256;

export const SIGNING_DOMAIN = Buffer.from('saltline-relay-command/1\0', 'latin1');

export const CommandKind = { NEW: 1, SEND: 2, SUB: 3, ACK: 4, DEL: 5, PING: 6, BNEW: 7, BPUT: 8, BGET: 9, BSTAT: 10, BDEL: 11, BACK: 12 } as const;
export type CommandKindName = keyof typeof CommandKind;

export const ReplyKind = { HELLO: 0x81, IDS: 0x82, OK: 0x83, MSG: 0x84, ERR: 0x85, PONG: 0x86, END: 0x87, BIDS: 0x88, BDATA: 0x89, BHAVE: 0x8a } as const;

export type CommandBody =
  | { readonly kind: 'NEW'; readonly recipientKey: Buffer; readonly senderKey: Buffer }
  | { readonly kind: 'SEND'; readonly sendId: Buffer; readonly envelope: Buffer }
  | { readonly kind: 'SUB'; readonly recvId: Buffer }
  | { readonly kind: 'ACK'; readonly recvId: Buffer; readonly msgId: bigint }
  | { readonly kind: 'DEL'; readonly recvId: Buffer }
  | { readonly kind: 'PING' }
  | BlobCommandBody;

export interface Command {
  readonly corrId: number;
  readonly body: CommandBody;
  readonly signature: Buffer | undefined;
  /** The bytes a signature covers, minus domain and challenge (see `signedBytes`). */
  readonly unsignedBytes: Buffer;
}

export type Reply =
  | { readonly kind: 'HELLO'; readonly corrId: 0; readonly challenge: Buffer; readonly maxFrame: number }
  | { readonly kind: 'IDS'; readonly corrId: number; readonly recvId: Buffer; readonly sendId: Buffer }
  | { readonly kind: 'OK'; readonly corrId: number }
  | { readonly kind: 'MSG'; readonly corrId: 0; readonly recvId: Buffer; readonly msgId: bigint; readonly timestamp: number; readonly envelope: Buffer }
  | { readonly kind: 'ERR'; readonly corrId: number; readonly code: RelayErrorName }
  | { readonly kind: 'PONG'; readonly corrId: number }
  | { readonly kind: 'END'; readonly corrId: 0; readonly recvId: Buffer }
  | BlobReplyBody;

const commandKindByNumber = new Map<number, CommandKindName>(Object.entries(CommandKind).map(([k, v]) => [v, k as CommandKindName]));

function fail(code: RelayErrorName, message: string): never {
  throw new RelayWireError(code, message);
}

function encodeCommandBody(body: CommandBody): Buffer {
  switch (body.kind) {
    case 'NEW':
      return Buffer.concat([body.recipientKey, body.senderKey]);
    case 'SEND':
      return Buffer.concat([body.sendId, body.envelope]);
    case 'SUB':
    case 'DEL':
      return body.recvId;
    case 'ACK': {
      const out = Buffer.alloc(QUEUE_ID_BYTES + MSG_ID_BYTES);
      body.recvId.copy(out, 0);
      out.writeBigUInt64BE(body.msgId, QUEUE_ID_BYTES);
      return out;
    }
    case 'PING':
      return Buffer.alloc(0);
    default:
      return encodeBlobCommandBody(body);
  }
}

/** The command bytes without a signature: what `signedBytes` wraps and what a signer signs. */
export function encodeUnsignedCommand(corrId: number, body: CommandBody): Buffer {
  if (body.kind === 'BPUT') return encodeChunkUpload(corrId, body);
  const payload = encodeCommandBody(body);
  const out = Buffer.alloc(COMMAND_HEADER_BYTES + payload.length);
  out[0] = RELAY_WIRE_VERSION;
  out[1] = CommandKind[body.kind];
  out.writeUInt32BE(corrId, 2);
  out[6] = 0;
  payload.copy(out, COMMAND_HEADER_BYTES);
  return out;
}

/** A BPUT written straight into its frame: a chunk is copied once, not twice. */
function encodeChunkUpload(corrId: number, body: Extract<CommandBody, { kind: 'BPUT' }>): Buffer {
  const out = Buffer.allocUnsafe(COMMAND_HEADER_BYTES + body.putId.length + 4 + body.data.length);
  out[0] = RELAY_WIRE_VERSION;
  out[1] = CommandKind.BPUT;
  out.writeUInt32BE(corrId, 2);
  out[6] = 0;
  body.putId.copy(out, COMMAND_HEADER_BYTES);
  out.writeUInt32BE(body.index, COMMAND_HEADER_BYTES + body.putId.length);
  body.data.copy(out, COMMAND_HEADER_BYTES + body.putId.length + 4);
  return out;
}

/** The exact message an Ed25519 signature over a command covers on a connection with `challenge`. */
export function signedBytes(challenge: Uint8Array, unsignedCommand: Uint8Array): Buffer {
  return Buffer.concat([SIGNING_DOMAIN, challenge, unsignedCommand]);
}

/** Splices a signature into an unsigned command (sets the flag, inserts after the header). */
export function withSignature(unsignedCommand: Buffer, signature: Uint8Array): Buffer {
  if (signature.length !== ED25519_SIGNATURE_BYTES) fail('MALFORMED', 'signature must be 64 bytes');
  const out = Buffer.alloc(unsignedCommand.length + ED25519_SIGNATURE_BYTES);
  unsignedCommand.copy(out, 0, 0, COMMAND_HEADER_BYTES);
  out[6] = FLAG_SIGNED;
  out.set(signature, COMMAND_HEADER_BYTES);
  unsignedCommand.copy(out, COMMAND_HEADER_BYTES + ED25519_SIGNATURE_BYTES, COMMAND_HEADER_BYTES);
  return out;
}

function exactLength(body: Buffer, length: number, what: string): void {
  if (body.length !== length) fail('MALFORMED', `${what} body must be ${length} bytes`);
}

function decodeCommandBody(kind: CommandKindName, body: Buffer): CommandBody {
  switch (kind) {
    case 'NEW':
      exactLength(body, 2 * ED25519_PUBLIC_BYTES, 'NEW');
      return { kind, recipientKey: body.subarray(0, 32), senderKey: body.subarray(32, 64) };
    case 'SEND': {
      if (body.length <= QUEUE_ID_BYTES) fail('MALFORMED', 'SEND needs a queue id and a non-empty envelope');
      const envelope = body.subarray(QUEUE_ID_BYTES);
      if (envelope.length > MAX_ENVELOPE_BYTES) fail('TOO_LARGE', 'envelope exceeds the maximum size');
      return { kind, sendId: body.subarray(0, QUEUE_ID_BYTES), envelope };
    }
    case 'SUB':
    case 'DEL':
      exactLength(body, QUEUE_ID_BYTES, kind);
      return { kind, recvId: body };
    case 'ACK':
      exactLength(body, QUEUE_ID_BYTES + MSG_ID_BYTES, 'ACK');
      return { kind, recvId: body.subarray(0, QUEUE_ID_BYTES), msgId: body.readBigUInt64BE(QUEUE_ID_BYTES) };
    case 'PING':
      exactLength(body, 0, 'PING');
      return { kind };
    default:
      return decodeBlobCommandBody(kind, body);
  }
}

/**
 * Parses one command frame. Throws `RelayWireError` (never anything else) for bytes that are not a
 * command; `corrIdOf` recovers the correlation id of a bad frame, when it has one, for the reply.
 */
export function decodeCommand(frame: Uint8Array): Command {
  const buf = Buffer.isBuffer(frame) ? frame : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (buf.length > MAX_FRAME_BYTES && !(buf[1] === CommandKind.BPUT && buf.length <= MAX_BLOB_FRAME_BYTES)) fail('TOO_LARGE', 'frame exceeds the maximum size');
  if (buf.length < COMMAND_HEADER_BYTES) fail('MALFORMED', 'frame shorter than its header');
  if (buf[0] !== RELAY_WIRE_VERSION) fail('VERSION', 'unsupported relay wire version');
  const kind = commandKindByNumber.get(buf[1]!);
  if (kind === undefined) fail('UNKNOWN_COMMAND', 'unknown command kind');
  const corrId = buf.readUInt32BE(2);
  if (corrId === 0) fail('MALFORMED', 'correlation id 0 is reserved for pushes');
  const flags = buf[6]!;
  if ((flags & ~FLAG_SIGNED) !== 0) fail('MALFORMED', 'unknown flags');
  if (flags & FLAG_SIGNED) {
    if (buf.length < COMMAND_HEADER_BYTES + ED25519_SIGNATURE_BYTES) fail('MALFORMED', 'truncated signature');
    const signature = buf.subarray(COMMAND_HEADER_BYTES, COMMAND_HEADER_BYTES + ED25519_SIGNATURE_BYTES);
    const rest = buf.subarray(COMMAND_HEADER_BYTES + ED25519_SIGNATURE_BYTES);
    const body = decodeCommandBody(kind, rest);
    const unsignedBytes = Buffer.concat([buf.subarray(0, COMMAND_HEADER_BYTES), rest]);
    unsignedBytes[6] = 0;
    return { corrId, body, signature, unsignedBytes };
  }
  return { corrId, body: decodeCommandBody(kind, buf.subarray(COMMAND_HEADER_BYTES)), signature: undefined, unsignedBytes: buf };
}

/** The correlation id of a frame that failed to parse, so its error reply can be matched (0 if none). */
export function corrIdOf(frame: Uint8Array): number {
  if (frame.length < COMMAND_HEADER_BYTES) return 0;
  return ((frame[2]! << 24) >>> 0) + (frame[3]! << 16) + (frame[4]! << 8) + frame[5]!;
}

function replyHeader(kind: number, corrId: number, bodyLength: number): Buffer {
  const out = Buffer.allocUnsafe(REPLY_HEADER_BYTES + bodyLength);
  out[0] = RELAY_WIRE_VERSION;
  out[1] = kind;
  out.writeUInt32BE(corrId, 2);
  return out;
}

/**
 * A BDATA reply frame for a chunk of `length` bytes with its header written; the caller fills
 * `data`, a view of the frame (e.g. by reading the chunk from disk straight into it: no copy).
 */
export function blobDataReplyFrame(corrId: number, index: number, length: number): { frame: Buffer; data: Buffer } {
  const frame = replyHeader(ReplyKind.BDATA, corrId, 4 + length);
  frame.writeUInt32BE(index, REPLY_HEADER_BYTES);
  return { frame, data: frame.subarray(REPLY_HEADER_BYTES + 4) };
}

export function encodeReply(reply: Reply): Buffer {
  switch (reply.kind) {
    case 'HELLO': {
      const out = replyHeader(ReplyKind.HELLO, 0, CHALLENGE_BYTES + 4);
      reply.challenge.copy(out, REPLY_HEADER_BYTES);
      out.writeUInt32BE(reply.maxFrame, REPLY_HEADER_BYTES + CHALLENGE_BYTES);
      return out;
    }
    case 'IDS': {
      const out = replyHeader(ReplyKind.IDS, reply.corrId, 2 * QUEUE_ID_BYTES);
      reply.recvId.copy(out, REPLY_HEADER_BYTES);
      reply.sendId.copy(out, REPLY_HEADER_BYTES + QUEUE_ID_BYTES);
      return out;
    }
    case 'OK':
      return replyHeader(ReplyKind.OK, reply.corrId, 0);
    case 'PONG':
      return replyHeader(ReplyKind.PONG, reply.corrId, 0);
    case 'MSG': {
      const fixed = QUEUE_ID_BYTES + MSG_ID_BYTES + 8;
      const out = replyHeader(ReplyKind.MSG, 0, fixed + reply.envelope.length);
      let o = REPLY_HEADER_BYTES;
      reply.recvId.copy(out, o);
      o += QUEUE_ID_BYTES;
      out.writeBigUInt64BE(reply.msgId, o);
      o += MSG_ID_BYTES;
      out.writeBigUInt64BE(BigInt(reply.timestamp), o);
      o += 8;
      reply.envelope.copy(out, o);
      return out;
    }
    case 'ERR': {
      const out = replyHeader(ReplyKind.ERR, reply.corrId, 1);
      out[REPLY_HEADER_BYTES] = RelayErrorCode[reply.code];
      return out;
    }
    case 'END': {
      const out = replyHeader(ReplyKind.END, 0, QUEUE_ID_BYTES);
      reply.recvId.copy(out, REPLY_HEADER_BYTES);
      return out;
    }
    default: {
      const out = replyHeader(ReplyKind[reply.kind], reply.corrId, blobReplyBodyLength(reply));
      writeBlobReplyBody(reply, out, REPLY_HEADER_BYTES);
      return out;
    }
  }
}

/** Parses a relay reply; a client must treat any `RelayWireError` as a misbehaving relay. */
export function decodeReply(frame: Uint8Array): Reply {
  const buf = Buffer.isBuffer(frame) ? frame : Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
  if (buf.length > MAX_FRAME_BYTES + 64 && !(buf[1] === ReplyKind.BDATA && buf.length <= MAX_BLOB_FRAME_BYTES)) fail('TOO_LARGE', 'reply exceeds the maximum size');
  if (buf.length < REPLY_HEADER_BYTES) fail('MALFORMED', 'reply shorter than its header');
  if (buf[0] !== RELAY_WIRE_VERSION) fail('VERSION', 'unsupported relay wire version');
  const corrId = buf.readUInt32BE(2);
  const body = buf.subarray(REPLY_HEADER_BYTES);
  const push = (): void => {
    if (corrId !== 0) fail('MALFORMED', 'push with a correlation id');
  };
  switch (buf[1]) {
    case ReplyKind.HELLO:
      push();
      exactLength(body, CHALLENGE_BYTES + 4, 'HELLO');
      return { kind: 'HELLO', corrId: 0, challenge: Buffer.from(body.subarray(0, CHALLENGE_BYTES)), maxFrame: body.readUInt32BE(CHALLENGE_BYTES) };
    case ReplyKind.IDS:
      exactLength(body, 2 * QUEUE_ID_BYTES, 'IDS');
      return { kind: 'IDS', corrId, recvId: Buffer.from(body.subarray(0, QUEUE_ID_BYTES)), sendId: Buffer.from(body.subarray(QUEUE_ID_BYTES)) };
    case ReplyKind.OK:
      exactLength(body, 0, 'OK');
      return { kind: 'OK', corrId };
    case ReplyKind.PONG:
      exactLength(body, 0, 'PONG');
      return { kind: 'PONG', corrId };
    case ReplyKind.MSG: {
      push();
      const fixed = QUEUE_ID_BYTES + MSG_ID_BYTES + 8;
      if (body.length <= fixed) fail('MALFORMED', 'MSG without an envelope');
      if (body.length - fixed > MAX_ENVELOPE_BYTES) fail('TOO_LARGE', 'envelope exceeds the maximum size');
      const ts = body.readBigUInt64BE(QUEUE_ID_BYTES + MSG_ID_BYTES);
      if (ts > BigInt(Number.MAX_SAFE_INTEGER)) fail('MALFORMED', 'timestamp out of range');
      return {
        kind: 'MSG',
        corrId: 0,
        recvId: Buffer.from(body.subarray(0, QUEUE_ID_BYTES)),
        msgId: body.readBigUInt64BE(QUEUE_ID_BYTES),
        timestamp: Number(ts),
        envelope: Buffer.from(body.subarray(fixed)),
      };
    }
    case ReplyKind.ERR: {
      exactLength(body, 1, 'ERR');
      const code = relayErrorName(body[0]!);
      if (code === undefined) fail('MALFORMED', 'unknown error code');
      return { kind: 'ERR', corrId, code };
    }
    case ReplyKind.END:
      push();
      exactLength(body, QUEUE_ID_BYTES, 'END');
      return { kind: 'END', corrId: 0, recvId: Buffer.from(body) };
    case ReplyKind.BIDS:
      return decodeBlobReplyBody('BIDS', corrId, body);
    case ReplyKind.BDATA:
      return decodeBlobReplyBody('BDATA', corrId, body);
    case ReplyKind.BHAVE:
      return decodeBlobReplyBody('BHAVE', corrId, body);
    default:
      return fail('UNKNOWN_COMMAND', 'unknown reply kind');
  }
}
