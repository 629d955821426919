/** How messages, contacts and safety numbers look in the terminal (issue 5). */
import type { ContactInfo, DeliveryState, MessageInfo } from '../client/index.js';
import { formatTime } from './context.js';

const TICKS: Record<DeliveryState, string> = { sending: '…', sent: '✓', delivered: '✓✓', read: '✓✓', received: '', failed: '✗ failed' };

export function ticks(state: DeliveryState): string {
  return TICKS[state];
}

/** Control characters from a contact could move the cursor or rewrite the screen: show them inert. */
export function inert(text: string): string {
  return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (c) => (c === '\n' ? '\n    ' : `\\u{${c.codePointAt(0)!.toString(16)}}`));
}

export function messageLine(m: MessageInfo): string {
  const who = m.outgoing ? 'me' : inert(m.senderName);
  const state = m.outgoing ? `  ${ticks(m.state)}${m.state === 'read' ? ' read' : ''}` : '';
  const file = m.attachment ? ` (${m.attachment.size} bytes, ${m.attachment.state}; save with: saltline save ${m.id} FILE)` : '';
  return `[${formatTime(m.sentAt)}] ${who}: ${inert(m.text)}${file}${state}`;
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
  };
}

export function contactLine(c: ContactInfo): string {
  const flags = [c.verified ? 'verified' : 'not verified', c.established ? '' : 'waiting for reply', c.identityChanged ? '⚠ IDENTITY CHANGED' : ''].filter(Boolean);
  return `${inert(c.name)}  (${flags.join(', ')})`;
}

export function contactJson(c: ContactInfo): Record<string, unknown> {
  return { id: c.id, name: c.name, verified: c.verified, identityChanged: c.identityChanged, established: c.established, conversationId: c.conversationId };
}
