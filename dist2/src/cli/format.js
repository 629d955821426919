import { formatTime } from './context.js';
const TICKS = { sending: '…', sent: '✓', delivered: '✓✓', read: '✓✓', received: '', failed: '✗ failed' };
export function ticks(state) {
    return TICKS[state];
}
/** Control characters from a contact could move the cursor or rewrite the screen: show them inert. */
export function inert(text) {
    return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (c) => (c === '\n' ? '\n    ' : `\\u{${c.codePointAt(0).toString(16)}}`));
}
export function messageLine(m) {
    const who = m.outgoing ? 'me' : inert(m.senderName);
    const state = m.outgoing ? `  ${ticks(m.state)}${m.state === 'read' ? ' read' : ''}` : '';
    return `[${formatTime(m.sentAt)}] ${who}: ${inert(m.text)}${state}`;
}
export function messageJson(m) {
    return { id: m.id, conversationId: m.conversationId, seq: m.seq, outgoing: m.outgoing, sender: m.outgoing ? null : m.senderName, senderId: m.senderId ?? null, text: m.text, sentAt: m.sentAt, state: m.state };
}
export function contactLine(c) {
    const flags = [c.verified ? 'verified' : 'not verified', c.established ? '' : 'waiting for reply', c.identityChanged ? '⚠ IDENTITY CHANGED' : ''].filter(Boolean);
    return `${inert(c.name)}  (${flags.join(', ')})`;
}
export function contactJson(c) {
    return { id: c.id, name: c.name, verified: c.verified, identityChanged: c.identityChanged, established: c.established, conversationId: c.conversationId };
}
//# sourceMappingURL=format.js.map