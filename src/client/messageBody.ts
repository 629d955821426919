/**
 * What the client keeps in a stored message's body (issue 8): the text, and for messages that
 * have any, a small header before it with what the control messages changed (edited, deleted,
 * reactions), the quoted message of a reply, when it disappears (or, received and unread, how long
 * after it is read), and system lines (a timer change).
 *
 *   plain body:   payload (never starting with a NUL byte)
 *   with header:  0x00 ‖ u16 header length ‖ JSON header ‖ payload
 *
 * The payload is UTF-8 text, or an attachment row (src/client/attachments.ts, starting 0xff).
 *
 * The store skips the header when indexing (src/store/searchText.ts `bodyText`), so only the text
 * is searchable. Like every body, it is encrypted at rest; a body that changes is replaced with
 * `Store.replaceMessage`, which erases the old one.
 */
import { z } from 'zod';
import { RecordFormatError } from './records.js';

const MAX_HEADER_BYTES = 0xffff;

const Header = z
  .object({
    /** When the author last edited it (their clock, ms). */
    edited: z.number().int().nonnegative().optional(),
    /** Deleted for everyone: the text is gone, a tombstone stays. */
    deleted: z.literal(true).optional(),
    /** The quoted message's id. */
    replyTo: z.string().max(128).optional(),
    /** When it disappears (our clock, ms). */
    expiresAt: z.number().int().nonnegative().optional(),
    /** A received disappearing message not read yet: it disappears this many seconds after it is read (then `expiresAt` replaces this). */
    expiresIn: z.number().int().positive().optional(),
    /** One emoji per person: sender id ('me' for us) → emoji. */
    reactions: z.record(z.string().max(256), z.string().max(64)).optional(),
    /** A system line: the disappearing timer was set to this many seconds. */
    timer: z.number().int().nonnegative().optional(),
  })
  .strict();
export type BodyHeader = z.infer<typeof Header>;

export interface MessageBody {
  /** The payload read as UTF-8 (meaningless for an attachment row: look at `payload`). */
  readonly text: string;
  readonly header: BodyHeader;
  readonly payload: Buffer;
}

export function encodeBody(payload: string | Uint8Array, header: BodyHeader = {}): Uint8Array {
  const textBytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  const clean = Object.fromEntries(Object.entries(header).filter(([, v]) => v !== undefined));
  if (Object.keys(clean).length === 0 && textBytes[0] !== 0) return textBytes;
  const json = Buffer.from(JSON.stringify(clean), 'utf8');
  if (json.length > MAX_HEADER_BYTES) throw new RecordFormatError('message header');
  const head = Buffer.alloc(3);
  head.writeUInt16BE(json.length, 1);
  return Buffer.concat([head, json, textBytes]);
}

export function decodeBody(body: Uint8Array): MessageBody {
  const b = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (b.length < 3 || b[0] !== 0) return { text: b.toString('utf8'), header: {}, payload: b };
  const length = b.readUInt16BE(1);
  if (3 + length > b.length) throw new RecordFormatError('message header');
  let raw: unknown;
  try {
    raw = JSON.parse(b.subarray(3, 3 + length).toString('utf8'));
  } catch {
    throw new RecordFormatError('message header');
  }
  const parsed = Header.safeParse(raw);
  if (!parsed.success) throw new RecordFormatError('message header');
  const payload = b.subarray(3 + length);
  return { text: payload.toString('utf8'), header: parsed.data, payload };
}
