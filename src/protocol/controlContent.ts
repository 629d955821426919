/**
 * Control messages inside the ratchet (issue 8 items 2–5; docs/protocol.md "Content kinds"):
 * edit, delete for everyone, reaction, rich text (a reply quote and/or a disappearing timer),
 * the conversation's disappearing timer, and typing. They are content kinds 6–11 of the same
 * versioned record as text (src/protocol/content.ts), so they are authenticated by the 1:1
 * session or the group signature exactly like a text: the sender is never a field of the record.
 *
 * Parsing is strict: every length is bounded, a timer must be one of the offered values, a
 * reaction is at most one short emoji, and nothing may follow the record.
 */
import { decodeStrictUtf8 } from './codec/utf8.js';
import type { Reader } from './codec/reader.js';
import type { Writer } from './codec/writer.js';
import { InvalidFrameError } from './errors.js';

export const CONTROL_CONTENT_KIND = { edit: 6, delete: 7, reaction: 8, rich: 9, timer: 10, typing: 11 } as const;

/** The disappearing-message timers a conversation may have, in seconds (0 = off). */
export const DISAPPEARING_SECONDS = [0, 300, 3600, 28_800, 86_400, 604_800, 2_419_200] as const;
export type DisappearingSeconds = (typeof DISAPPEARING_SECONDS)[number];

export const MESSAGE_ID_LENGTH = 16;
/** Enough for any emoji with skin tone and zero-width joiners (the longest family emoji is 25 bytes). */
export const MAX_REACTION_BYTES = 64;
const RICH_REPLY = 1;

interface Head {
  readonly id: Buffer;
  readonly sentAt: number;
}

export type ControlContent =
  | (Head & { readonly kind: 'edit'; readonly target: Buffer; readonly text: string })
  | (Head & { readonly kind: 'delete'; readonly target: Buffer })
  /** `emoji` empty: our reaction to `target` is removed. */
  | (Head & { readonly kind: 'reaction'; readonly target: Buffer; readonly emoji: string })
  | (Head & { readonly kind: 'rich'; readonly text: string; readonly replyTo: Buffer | undefined; readonly expiresIn: DisappearingSeconds })
  | (Head & { readonly kind: 'timer'; readonly seconds: DisappearingSeconds })
  | (Head & { readonly kind: 'typing'; readonly typing: boolean });

const decodeUtf8 = (b: Uint8Array): string => decodeStrictUtf8(b, 'content');

export function isDisappearingSeconds(n: number): n is DisappearingSeconds {
  return (DISAPPEARING_SECONDS as readonly number[]).includes(n);
}

/** One emoji-like token: short, no whitespace, no control or format characters other than joiners and variation selectors. */
export function isReactionEmoji(emoji: string): boolean {
  const bytes = Buffer.byteLength(emoji, 'utf8');
  if (bytes === 0 || bytes > MAX_REACTION_BYTES) return false;
  return !/[\p{Cc}\p{Z}\p{Cs}]|[\u202a-\u202e\u2066-\u2069]/u.test(emoji) && !/^[\p{L}\p{N}\p{P}]/u.test(emoji);
}

function checkId(b: Buffer): void {
  if (b.length !== MESSAGE_ID_LENGTH) throw new InvalidFrameError('content: bad message id');
}

export function encodeControlContent(w: Writer, c: ControlContent): void {
  switch (c.kind) {
    case 'edit':
      checkId(c.target);
      if (c.text.length === 0) throw new InvalidFrameError('content: empty edit');
      w.raw(c.target).bytes32(Buffer.from(c.text, 'utf8'));
      break;
    case 'delete':
      checkId(c.target);
      w.raw(c.target);
      break;
    case 'reaction':
      checkId(c.target);
      if (c.emoji !== '' && !isReactionEmoji(c.emoji)) throw new InvalidFrameError('content: not a reaction emoji');
      w.raw(c.target).u8(Buffer.byteLength(c.emoji, 'utf8')).raw(Buffer.from(c.emoji, 'utf8'));
      break;
    case 'rich':
      if (!isDisappearingSeconds(c.expiresIn)) throw new InvalidFrameError('content: unknown timer');
      if (c.text.length === 0) throw new InvalidFrameError('content: empty text');
      w.u8(c.replyTo ? RICH_REPLY : 0);
      if (c.replyTo) {
        checkId(c.replyTo);
        w.raw(c.replyTo);
      }
      w.u32(c.expiresIn).bytes32(Buffer.from(c.text, 'utf8'));
      break;
    case 'timer':
      if (!isDisappearingSeconds(c.seconds)) throw new InvalidFrameError('content: unknown timer');
      w.u32(c.seconds);
      break;
    case 'typing':
      w.u8(c.typing ? 1 : 0);
      break;
  }
}

function readSeconds(r: Reader): DisappearingSeconds {
  const s = r.u32();
  if (!isDisappearingSeconds(s)) throw new InvalidFrameError('content: unknown timer');
  return s;
}

function readText(r: Reader): string {
  const text = decodeUtf8(r.bytes32(r.remaining));
  if (text.length === 0) throw new InvalidFrameError('content: empty text');
  return text;
}

/** Decodes kinds 6–11 after the common header; the caller checks that nothing follows. */
export function decodeControlContent(kind: number, id: Buffer, sentAt: number, r: Reader): ControlContent {
  const target = (): Buffer => Buffer.from(r.raw(MESSAGE_ID_LENGTH));
  switch (kind) {
    case CONTROL_CONTENT_KIND.edit: {
      const t = target();
      return { kind: 'edit', id, sentAt, target: t, text: readText(r) };
    }
    case CONTROL_CONTENT_KIND.delete:
      return { kind: 'delete', id, sentAt, target: target() };
    case CONTROL_CONTENT_KIND.reaction: {
      const t = target();
      const n = r.u8();
      if (n > MAX_REACTION_BYTES) throw new InvalidFrameError('content: reaction too long');
      const emoji = decodeUtf8(r.raw(n));
      if (emoji !== '' && !isReactionEmoji(emoji)) throw new InvalidFrameError('content: not a reaction emoji');
      return { kind: 'reaction', id, sentAt, target: t, emoji };
    }
    case CONTROL_CONTENT_KIND.rich: {
      const flags = r.u8();
      if ((flags & ~RICH_REPLY) !== 0) throw new InvalidFrameError('content: unknown flags');
      const replyTo = flags & RICH_REPLY ? target() : undefined;
      const expiresIn = readSeconds(r);
      return { kind: 'rich', id, sentAt, replyTo, expiresIn, text: readText(r) };
    }
    case CONTROL_CONTENT_KIND.timer:
      return { kind: 'timer', id, sentAt, seconds: readSeconds(r) };
    case CONTROL_CONTENT_KIND.typing: {
      const v = r.u8();
      if (v > 1) throw new InvalidFrameError('content: bad typing state');
      return { kind: 'typing', id, sentAt, typing: v === 1 };
    }
    default:
      throw new InvalidFrameError('content: unknown kind');
  }
}
