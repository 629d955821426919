/**
 * What travels inside a 1:1 ratchet message (Saltline protocol §6): a versioned, strictly parsed
 * record with a random message id (for de-duplication and receipts) and the sender's clock.
 *
 *   u8 version = 1 ‖ u8 kind ‖ message id (16) ‖ u64 sent-at (ms) ‖ body
 *   text:    u32 length ‖ UTF-8
 *   profile: u16 length ‖ UTF-8 display name (sent first by whoever accepts an invitation)
 *   receipt: u8 receipt kind (1 delivered, 2 read) ‖ u16 count ‖ count × message id
 *   group:   u32 length ‖ pairwise group payload (docs/groups.md "Pairwise payloads"; issue 6)
 *   attachment: see attachmentContent.ts (issue 8 item 1); also a group message's plaintext
 *   (issue 8, control messages: src/protocol/controlContent.ts)
 *   edit:     target id (16) ‖ u32 length ‖ UTF-8 new text
 *   delete:   target id (16)                       (delete for everyone)
 *   reaction: target id (16) ‖ u8 length ‖ UTF-8 emoji (length 0 removes ours)
 *   rich:     u8 flags (1 = reply) ‖ [quoted id (16)] ‖ u32 disappearing seconds ‖ u32 length ‖ UTF-8 text
 *   timer:    u32 disappearing seconds (one of DISAPPEARING_SECONDS)
 *   typing:   u8 (1 typing, 0 stopped)
 *
 * A group's messages carry a `text` content as their plaintext; the `group` kind travels only
 * inside 1:1 sessions, so its sender is always the session's authenticated peer.
 */
import { decodeStrictUtf8 } from './codec/utf8.js';
import { readAttachment, writeAttachment, type AttachmentDescriptor } from './attachmentContent.js';
import { Reader } from './codec/reader.js';
import { Writer } from './codec/writer.js';
import { InvalidFrameError } from './errors.js';
import { CONTROL_CONTENT_KIND, decodeControlContent, encodeControlContent, type ControlContent } from './controlContent.js';

export const CONTENT_VERSION = 1;
export const MESSAGE_ID_BYTES = 16;
export const CONTENT_KIND = { text: 1, profile: 2, receipt: 3, group: 4, attachment: 5, ...CONTROL_CONTENT_KIND } as const;
export const RECEIPT_KIND = { delivered: 1, read: 2 } as const;
export type ReceiptKind = (typeof RECEIPT_KIND)[keyof typeof RECEIPT_KIND];

const MAX_NAME_BYTES = 256;
const MAX_RECEIPT_IDS = 1000;
/** A fragment or a whole payload unit (48 KiB) with room to spare; 1:1 messages cap it anyway. */
const MAX_GROUP_PAYLOAD_BYTES = 64 * 1024;

export type Content =
  | { readonly kind: 'text'; readonly id: Buffer; readonly sentAt: number; readonly text: string }
  | { readonly kind: 'profile'; readonly id: Buffer; readonly sentAt: number; readonly name: string }
  | { readonly kind: 'receipt'; readonly id: Buffer; readonly sentAt: number; readonly receipt: ReceiptKind; readonly messageIds: readonly Buffer[] }
  | { readonly kind: 'group'; readonly id: Buffer; readonly sentAt: number; readonly payload: Buffer }
  | { readonly kind: 'attachment'; readonly id: Buffer; readonly sentAt: number; readonly attachment: AttachmentDescriptor }
  | ControlContent;

const decodeUtf8 = (b: Uint8Array): string => decodeStrictUtf8(b, 'content');

export function encodeContent(c: Content): Buffer {
  const w = new Writer().u8(CONTENT_VERSION).u8(CONTENT_KIND[c.kind]).raw(c.id);
  const at = Buffer.alloc(8);
  at.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(c.sentAt))));
  w.raw(at);
  switch (c.kind) {
    case 'text':
      w.bytes32(Buffer.from(c.text, 'utf8'));
      break;
    case 'profile': {
      const name = Buffer.from(c.name, 'utf8');
      if (name.length > MAX_NAME_BYTES) throw new InvalidFrameError('display name too long');
      w.bytes16(name);
      break;
    }
    case 'receipt':
      if (c.messageIds.length > MAX_RECEIPT_IDS) throw new InvalidFrameError('too many receipts');
      w.u8(c.receipt).u16(c.messageIds.length);
      for (const id of c.messageIds) w.raw(id);
      break;
    case 'group':
      if (c.payload.length === 0 || c.payload.length > MAX_GROUP_PAYLOAD_BYTES) throw new InvalidFrameError('group payload size');
      w.bytes32(c.payload);
      break;
    case 'attachment':
      writeAttachment(w, c.attachment);
      break;
    default:
      encodeControlContent(w, c);
  }
  return w.finish();
}

export function decodeContent(bytes: Uint8Array): Content {
  const r = new Reader(bytes, 'content');
  if (r.u8() !== CONTENT_VERSION) throw new InvalidFrameError('content: unsupported version');
  const kind = r.u8();
  const id = Buffer.from(r.raw(MESSAGE_ID_BYTES));
  const sentAtBig = r.raw(8).readBigUInt64BE();
  if (sentAtBig > BigInt(Number.MAX_SAFE_INTEGER)) throw new InvalidFrameError('content: bad timestamp');
  const sentAt = Number(sentAtBig);
  let out: Content;
  switch (kind) {
    case CONTENT_KIND.text:
      out = { kind: 'text', id, sentAt, text: decodeUtf8(r.bytes32(r.remaining)) };
      break;
    case CONTENT_KIND.profile:
      out = { kind: 'profile', id, sentAt, name: decodeUtf8(r.bytes16(MAX_NAME_BYTES)) };
      break;
    case CONTENT_KIND.receipt: {
      const receipt = r.u8();
      if (receipt !== RECEIPT_KIND.delivered && receipt !== RECEIPT_KIND.read) throw new InvalidFrameError('content: unknown receipt');
      const count = r.u16();
      if (count > MAX_RECEIPT_IDS) throw new InvalidFrameError('content: too many receipts');
      const messageIds: Buffer[] = [];
      for (let i = 0; i < count; i++) messageIds.push(Buffer.from(r.raw(MESSAGE_ID_BYTES)));
      out = { kind: 'receipt', id, sentAt, receipt, messageIds };
      break;
    }
    case CONTENT_KIND.group: {
      const payload = Buffer.from(r.bytes32(MAX_GROUP_PAYLOAD_BYTES));
      if (payload.length === 0) throw new InvalidFrameError('content: empty group payload');
      out = { kind: 'group', id, sentAt, payload };
      break;
    }
    case CONTENT_KIND.attachment:
      out = { kind: 'attachment', id, sentAt, attachment: readAttachment(r) };
      break;
    default:
      out = decodeControlContent(kind, id, sentAt, r);
  }
  r.end();
  return out;
}
