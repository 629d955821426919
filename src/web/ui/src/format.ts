/** Display helpers for the UI: times, dates, initials, delivery labels. */
import type { DeliveryState } from '../../../client/types.js';

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const longDate = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });

const startOfDay = (t: number): number => new Date(t).setHours(0, 0, 0, 0);
const DAY = 86_400_000;

export const formatTime = (t: number): string => time.format(t);

/** For the conversation list: time today, weekday this week, date before. */
export function formatListTime(t: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days <= 0) return time.format(t);
  if (days < 7) return weekday.format(t);
  return shortDate.format(t);
}

/** For the separators between days in a conversation. */
export function formatDay(t: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(t)) / DAY);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return longDate.format(t);
}

export const sameDay = (a: number, b: number): boolean => startOfDay(a) === startOfDay(b);

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter((p) => p.length > 0);
  const first = parts[0]?.[0] ?? '?';
  const last = parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '';
  return (first + last).toUpperCase();
}

/** A stable colour slot (0–7) per name, mapped to CSS classes. */
export function colourSlot(name: string): number {
  // FNV-1a with a murmur3 finish: similar names still land on different colours.
  let h = 0x811c9dc5;
  for (const ch of name) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) % 8;
}

export const DELIVERY_LABEL: Readonly<Record<DeliveryState, string>> = {
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  received: 'Received',
  failed: 'Not sent',
};

/** Splits text around case-insensitive matches of `query`, for highlighting search hits. */
export function splitMatches(text: string, query: string): { text: string; match: boolean }[] {
  const q = query.trim().toLowerCase();
  if (q.length === 0) return [{ text, match: false }];
  const out: { text: string; match: boolean }[] = [];
  const lower = text.toLowerCase();
  let at = 0;
  for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, at)) {
    if (i > at) out.push({ text: text.slice(at, i), match: false });
    out.push({ text: text.slice(i, i + q.length), match: true });
    at = i + q.length;
  }
  if (at < text.length) out.push({ text: text.slice(at), match: false });
  return out;
}

/** A window of `text` around the first match, so long messages fit a result line. */
export function snippet(text: string, query: string, width = 120): string {
  const i = text.toLowerCase().indexOf(query.trim().toLowerCase());
  if (text.length <= width || i < 0) return text.length <= width ? text : text.slice(0, width) + '…';
  const start = Math.max(0, i - Math.floor(width / 3));
  const end = Math.min(text.length, start + width);
  return (start > 0 ? '…' : '') + text.slice(start, end) + (end < text.length ? '…' : '');
}
