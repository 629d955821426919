/** How messages, contacts and safety numbers look in the terminal (issue 5). */
import { timerName, type ContactInfo, type DeliveryState, type MessageInfo } from '../client/index.js';
import { formatTime } from './context.js';

const TICKS: Record<DeliveryState, string> = { sending: '…', sent: '✓', delivered: '✓✓', read: '✓✓', received: '', failed: '✗ failed' };

export function ticks(state: DeliveryState): string {
  return TICKS[state];
}

/** Control characters from a contact could move the cursor or rewrite the screen: show them inert. */
export function inert(text: string): string {
  return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (c) => (c === '\n' ? '\n    ' : `\\u{${c.codePointAt(0)!.toString(16)}}`));
}

export function messageLine(m: MessageInfo, options: { ids?: boolean } = {}): string {
  const who = m.outgoing ? 'me' : inert(m.senderName);
  const id = options.ids ? ` (${m.id})` : '';
  if (m.timer !== undefined) return `[${formatTime(m.sentAt)}] — ${who} ${m.timer === 0 ? 'turned disappearing messages off' : `set disappearing messages to ${timerName(m.timer)}`}${id}`;
  const state = m.outgoing && !m.deleted ? `  ${ticks(m.state)}${m.state === 'read' ? ' read' : ''}` : '';
  const quote = m.replyTo ? `[↪ ${m.replyTo.text === undefined ? 'a message that is gone' : `${inert(m.replyTo.senderName ?? '')}: ${inert(m.replyTo.text)}`}] ` : '';
  const file = m.attachment ? ` (${m.attachment.size} bytes, ${m.attachment.state}; save with: saltline save ${m.id} FILE)` : '';
  const body = m.deleted ? '(deleted)' : `${quote}${inert(m.text)}${file}${m.edited ? ' (edited)' : ''}`;
  const reactions = m.reactions ? `  [${m.reactions.map((r) => `${inert(r.emoji)} ${r.senderId === undefined ? 'me' : inert(r.senderName)}`).join(', ')}]` : '';
  return `[${formatTime(m.sentAt)}] ${who}: ${body}${reactions}${state}${id}`;
}

export function messageJson(m: MessageInfo): Record<string, unknown> {
  return {
    id: m.id,
    conversationId: m.conversationId,
    seq: m.seq,
    outgoing: m.outgoing,
    sender: m.outgoing ? null : m.senderName,
    senderId: m.senderId ?? null,
    text: m.text,
    sentAt: m.sentAt,
    state: m.state,
    ...(m.attachment ? { attachment: { name: m.attachment.name, size: m.attachment.size, mime: m.attachment.mime, state: m.attachment.state, messageId: m.id } } : {}),
    // Issue 8:
    edited: m.edited === true,
    deleted: m.deleted === true,
    reactions: (m.reactions ?? []).map((r) => ({ emoji: r.emoji, sender: r.senderId === undefined ? null : r.senderName, senderId: r.senderId ?? null })),
    replyTo: m.replyTo ? { id: m.replyTo.id, text: m.replyTo.text ?? null, sender: m.replyTo.senderName ?? null } : null,
    expiresAt: m.expiresAt ?? null,
    ...(m.expiresIn !== undefined ? { expiresIn: m.expiresIn } : {}),
    ...(m.timer !== undefined ? { timer: m.timer } : {}),
  };
}

export function contactLine(c: ContactInfo): string {
  const flags = [c.verified ? 'verified' : 'not verified', c.established ? '' : 'waiting for reply', c.identityChanged ? '⚠ IDENTITY CHANGED' : ''].filter(Boolean);
  return `${inert(c.name)}  (${flags.join(', ')})`;
}

export function contactJson(c: ContactInfo): Record<string, unknown> {
  return { id: c.id, name: c.name, verified: c.verified, identityChanged: c.identityChanged, established: c.established, conversationId: c.conversationId };
}
