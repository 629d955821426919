/**
 * The page's side of edits, delete for everyone, reactions, replies, the disappearing timer and
 * typing (issue 8): calls to the local API and the live events that change messages in place.
 */
import type { ClientEvent, MessageInfo } from '../../../client/types.js';
import { attempt } from './actions.js';
import { api } from './api.js';
import { getState, update } from './store.js';

const TYPING_SHOWN_MS = 6_000;
const TYPING_SEND_MS = 3_000;

/** Puts a changed message wherever it is shown (history and conversation list). */
export function replaceMessage(message: MessageInfo): void {
  update((s) => {
    const view = s.views[message.conversationId];
    return {
      views: view === undefined ? s.views : { ...s.views, [message.conversationId]: { ...view, messages: view.messages.map((m) => (m.id === message.id ? { ...message, state: m.state } : m)) } },
      conversations: s.conversations.map((c) => (c.lastMessage?.id === message.id ? { ...c, lastMessage: { ...message, state: c.lastMessage.state } } : c)),
    };
  });
}

function removeMessages(conversationId: string, ids: readonly string[]): void {
  const gone = new Set(ids);
  update((s) => {
    const view = s.views[conversationId];
    return view === undefined ? {} : { views: { ...s.views, [conversationId]: { ...view, messages: view.messages.filter((m) => !gone.has(m.id)) } } };
  });
}

function showTyping(conversationId: string, name: string, typing: boolean): void {
  update((s) => {
    const next = { ...s.typing };
    if (typing) next[conversationId] = { name, until: Date.now() + TYPING_SHOWN_MS };
    else delete next[conversationId];
    return { typing: next };
  });
  if (typing) setTimeout(() => update((s) => (s.typing[conversationId] !== undefined && s.typing[conversationId].until <= Date.now() ? { typing: Object.fromEntries(Object.entries(s.typing).filter(([k]) => k !== conversationId)) } : {})), TYPING_SHOWN_MS + 50);
}

/** Returns whether it handled the event. `addMessage` shows a new system line like any message. */
export function applyMessageEvent(event: ClientEvent, addMessage: (m: MessageInfo) => void): boolean {
  switch (event.type) {
    case 'edited':
    case 'deleted':
    case 'reaction':
      replaceMessage(event.message);
      return true;
    case 'timer':
      addMessage(event.message);
      return true;
    case 'expired':
      removeMessages(event.conversationId, event.messageIds);
      return true;
    case 'typing':
      showTyping(event.conversationId, event.senderName, event.typing);
      return true;
    default:
      return false;
  }
}

export function startDraft(kind: 'reply' | 'edit', message: MessageInfo): void {
  update(() => ({ draft: { conversationId: message.conversationId, kind, message } }));
  document.getElementById('compose')?.focus();
}

export function cancelDraft(): void {
  update(() => ({ draft: undefined }));
}

export async function editMessage(messageId: string, text: string): Promise<boolean> {
  const m = await attempt(() => api.edit(messageId, text));
  if (m === undefined) return false;
  replaceMessage(m);
  cancelDraft();
  return true;
}

export async function deleteForEveryone(message: MessageInfo): Promise<void> {
  const m = await attempt(() => api.deleteForEveryone(message.id));
  if (m !== undefined) replaceMessage(m);
}

export async function react(message: MessageInfo, emoji: string): Promise<void> {
  const mine = message.reactions?.find((r) => r.senderId === undefined)?.emoji;
  const m = await attempt(() => api.react(message.id, mine === emoji ? null : emoji));
  if (m !== undefined) replaceMessage(m);
}

export async function setDisappearing(conversationId: string, seconds: number, addMessage: (m: MessageInfo) => void): Promise<boolean> {
  const line = await attempt(() => api.setDisappearing(conversationId, seconds));
  if (line === undefined) return false;
  addMessage(line);
  return true;
}

const lastTyping = new Map<string, number>();

/** Called as the user types; the SDK sends nothing unless typing indicators are on. */
export function typed(conversationId: string): void {
  const last = lastTyping.get(conversationId) ?? 0;
  if (Date.now() - last < TYPING_SEND_MS) return;
  lastTyping.set(conversationId, Date.now());
  void api.typing(conversationId, true).catch(() => undefined);
}

export function draftFor(conversationId: string): ReturnType<typeof getState>['draft'] {
  const d = getState().draft;
  return d?.conversationId === conversationId ? d : undefined;
}
