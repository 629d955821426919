/**
 * What the page does: load data from the local API, apply live events, and keep the state in
 * store.ts consistent (unread counts, last messages, delivery states).
 */
import type { ContactInfo, ConversationInfo, DeliveryState, MessageInfo } from '../../../client/types.js';
import type { AppEvent } from '../../apiTypes.js';
import { ApiError, api, errorText } from './api.js';
import { groupsById, onGroupChanged } from './groupActions.js';
import { applyMessageEvent } from './messageActions.js';
import { getState, resetToLocked, update, type ConversationView, type Panel } from './store.js';
import { relayProgress } from './uploads.js';

const PAGE = 50;
let noticeId = 0;

/** Delivery reports that arrived before the send call returned its message. */
const earlyDelivery = new Map<string, DeliveryState>();

export function notify(text: string, tone: 'info' | 'warning' | 'error' = 'info'): void {
  const id = ++noticeId;
  update((s) => ({ notices: [...s.notices, { id, tone, text }].slice(-4) }));
  if (tone !== 'warning') setTimeout(() => dismiss(id), 6000);
}

export function dismiss(id: number): void {
  update((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
}

/** Runs an action; an expired session turns the page into the "lost" screen, other errors become notices. */
export async function attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (err) {
    reportError(err);
    return undefined;
  }
}

/** What `attempt` does with an error, for callers that handle some errors themselves. */
export function reportError(err: unknown): void {
  if (err instanceof ApiError && (err.status === 403 || err.status === 0)) update(() => ({ phase: 'lost', lostReason: err.message }));
  else if (err instanceof ApiError && err.code === 'LOCKED') resetToLocked();
  else notify(errorText(err), 'error');
}

export async function boot(): Promise<void> {
  await attempt(async () => {
    const st = await api.state();
    update(() => ({ profileDir: st.profileDir, profile: st.profile, phase: st.locked ? 'locked' : 'ready' }));
    if (!st.locked) await refresh();
  });
}

export async function unlock(passphrase: string): Promise<void> {
  const { profile } = await api.unlock(passphrase);
  update(() => ({ profile, phase: 'ready' }));
  await refresh();
}

export async function lock(): Promise<void> {
  await attempt(() => api.lock());
  resetToLocked();
}

/** Reloads everything shown (after unlock or a reconnect, when events may have been missed). */
export async function refresh(): Promise<void> {
  update(() => ({ views: {} }));
  await loadLists();
  const panel = getState().panel;
  if (panel.kind === 'conversation') await loadLatest(panel.id);
}

export async function refreshLists(): Promise<void> {
  await attempt(loadLists);
}

/**
 * List loads in flight, and whether a live event came in meanwhile: then their answers may be
 * older than the event (e.g. a contact shown as still connecting after the event said it
 * connected), so they are dropped and the lists loaded once more.
 */
let listLoads = 0;
let staleLists = false;

async function loadLists(): Promise<void> {
  listLoads++;
  try {
    const [conversations, contacts, groups] = await Promise.all([api.conversations(), api.contacts(), api.groups()]);
    if (!staleLists) update(() => ({ conversations, contacts: byId(contacts), groups: groupsById(groups) }));
  } finally {
    listLoads--;
  }
  if (staleLists && listLoads === 0) {
    staleLists = false;
    await loadLists();
  }
}

function byId(contacts: readonly ContactInfo[]): Record<string, ContactInfo> {
  return Object.fromEntries(contacts.map((c) => [c.id, c]));
}

/** The conversation to go back to when a panel closes. */
let lastConversation: string | undefined;

export function show(panel: Panel): void {
  if (panel.kind === 'conversation') lastConversation = panel.id;
  update(() => ({ panel, focusMessageId: undefined }));
}

export function closePanel(): void {
  const id = lastConversation;
  const back = id !== undefined && getState().panel.kind !== 'conversation' && getState().conversations.some((c) => c.id === id);
  show(back ? { kind: 'conversation', id } : { kind: 'none' });
}

export async function openConversation(id: string): Promise<void> {
  show({ kind: 'conversation', id });
  if (getState().views[id] === undefined) await loadLatest(id);
  await markReadIfSeen(id);
}

async function loadLatest(id: string): Promise<void> {
  setView(id, { messages: getState().views[id]?.messages ?? [], hasMore: false, loading: true });
  const page = await attempt(() => api.history(id, { limit: PAGE }));
  setView(id, page === undefined ? { messages: [], hasMore: false, loading: false } : { messages: page.messages, hasMore: page.hasMore, loading: false });
}

export async function loadOlder(id: string): Promise<void> {
  const view = getState().views[id];
  const first = view?.messages[0];
  if (view === undefined || view.loading || !view.hasMore || first === undefined) return;
  setView(id, { ...view, loading: true });
  const page = await attempt(() => api.history(id, { before: first.seq, limit: PAGE }));
  const now = getState().views[id] ?? view;
  setView(id, page === undefined ? { ...now, loading: false } : { messages: merge(page.messages, now.messages), hasMore: page.hasMore, loading: false });
}

/** Opens the message's conversation with history loaded back to it, and marks it to be scrolled to. */
export async function jumpTo(message: MessageInfo): Promise<void> {
  const id = message.conversationId;
  show({ kind: 'conversation', id });
  const loaded = getState().views[id]?.messages ?? [];
  if (loaded[0] === undefined || loaded[0].seq > message.seq) {
    const page = await attempt(() => api.history(id, { around: message.seq }));
    if (page === undefined) return;
    setView(id, { messages: merge(page.messages, getState().views[id]?.messages ?? []), hasMore: page.hasMore, loading: false });
  }
  const found = getState().views[id]?.messages.some((m) => m.id === message.id) ?? false;
  if (!found) notify('That message is too far back to show here.', 'warning');
  update(() => ({ focusMessageId: found ? message.id : undefined }));
  await markReadIfSeen(id);
}

export async function send(conversationId: string, text: string, replyTo?: string): Promise<boolean> {
  const message = await attempt(() => api.send(conversationId, text, replyTo));
  if (message === undefined) return false;
  addMessage(message);
  return true;
}

/** A message this page sent another way than `send` (a file, issue 8). */
export function addSentMessage(message: MessageInfo): void {
  addMessage(message);
}

export async function markReadIfSeen(conversationId: string): Promise<void> {
  const s = getState();
  const conv = s.conversations.find((c) => c.id === conversationId);
  const viewing = s.panel.kind === 'conversation' && s.panel.id === conversationId;
  if (!viewing || conv === undefined || conv.unread === 0 || document.visibilityState !== 'visible') return;
  update((st) => ({ conversations: st.conversations.map((c) => (c.id === conversationId ? { ...c, unread: 0 } : c)) }));
  await attempt(() => api.markRead(conversationId));
}

export function applyEvent(event: AppEvent): void {
  if (event.type !== 'locked' && event.type !== 'unlocked' && event.type !== 'profile' && event.type !== 'backupProgress' && event.type !== 'attachmentProgress' && applyMessageEvent(event, addMessage)) return;
  if (listLoads > 0 && (event.type === 'message' || event.type === 'delivery' || event.type === 'contact' || event.type === 'identityChanged' || event.type === 'groupChanged')) staleLists = true;
  switch (event.type) {
    case 'message':
      addMessage(event.message);
      if (!event.message.outgoing) void markReadIfSeen(event.message.conversationId);
      return;
    case 'delivery':
      setDelivery(event.conversationId, event.messageId, event.state);
      return;
    case 'contact':
      update((s) => ({ contacts: { ...s.contacts, [event.contact.id]: event.contact } }));
      if (!getState().conversations.some((c) => c.id === event.contact.conversationId)) void refreshLists();
      else update((s) => ({ conversations: s.conversations.map((c) => (c.id === event.contact.conversationId ? { ...c, name: event.contact.name } : c)) }));
      return;
    case 'identityChanged':
      void warnIdentityChanged(event.contactId, event.name);
      return;
    case 'connection':
      update(() => ({ online: event.online }));
      return;
    case 'groupChanged':
      void onGroupChanged();
      return;
    case 'locked':
      resetToLocked();
      return;
    case 'unlocked':
      if (getState().phase === 'locked') {
        update(() => ({ profile: event.profile, phase: 'ready' }));
        void attempt(refresh);
      }
      return;
    case 'profile':
      update(() => ({ profile: event.profile }));
      return;
    case 'backupProgress':
      update(() => ({ backupProgress: { done: event.done, total: event.total } }));
      return;
    case 'attachmentProgress':
      relayProgress(event.uploadId, event.done, event.total);
      return;
  }
}

/**
 * The SDK also reports a refused invitation under a contact's name as an identity change; that
 * one is answered where it happened (the accept form), so only a contact now blocked gets the warning.
 */
async function warnIdentityChanged(contactId: string, name: string): Promise<void> {
  await refreshLists();
  if (getState().contacts[contactId]?.identityChanged === true) {
    notify(`${name}'s safety number changed. Sending to them is paused until you compare it again.`, 'warning');
  }
}

export function addMessage(incoming: MessageInfo): void {
  const early = earlyDelivery.get(incoming.id);
  earlyDelivery.delete(incoming.id);
  const message = early === undefined ? incoming : { ...incoming, state: early };
  const id = message.conversationId;
  const s = getState();
  const view = s.views[id];
  const known = view?.messages.some((m) => m.id === message.id) ?? false;
  if (view !== undefined && !known) setView(id, { ...view, messages: merge([message], view.messages) });
  const conv = s.conversations.find((c) => c.id === id);
  if (conv === undefined) {
    void refreshLists();
    return;
  }
  // Strictly newer: the same message comes twice (send reply and live event), and the copy
  // already shown may carry a later delivery state.
  const newer = conv.lastMessage === undefined || conv.lastMessage.seq < message.seq;
  const updated: ConversationInfo = {
    ...conv,
    lastMessage: newer ? message : conv.lastMessage,
    // Counted even when on screen: applyEvent then marks it read (which also tells the sender).
    unread: !known && !message.outgoing ? conv.unread + 1 : conv.unread,
  };
  update((st) => ({ conversations: sortConversations(st.conversations.map((c) => (c.id === id ? updated : c))) }));
}

function setDelivery(conversationId: string, messageId: string, state: DeliveryState): void {
  const s = getState();
  const view = s.views[conversationId];
  const inView = view?.messages.some((m) => m.id === messageId) ?? false;
  if (view !== undefined && inView) setView(conversationId, { ...view, messages: view.messages.map((m) => (m.id === messageId ? { ...m, state } : m)) });
  const inList = s.conversations.some((c) => c.lastMessage?.id === messageId);
  if (inList) update((st) => ({ conversations: st.conversations.map((c) => (c.lastMessage?.id === messageId ? { ...c, lastMessage: { ...c.lastMessage, state } } : c)) }));
  if (!inView && !inList) {
    earlyDelivery.set(messageId, state);
    // Reports for messages never shown need no keeping: a later load reads the state afresh.
    if (earlyDelivery.size > 200) earlyDelivery.delete(earlyDelivery.keys().next().value ?? '');
  }
}

function setView(id: string, view: ConversationView): void {
  update((s) => ({ views: { ...s.views, [id]: view } }));
}

/** Both lists sorted by seq; the result is sorted with each id once. */
function merge(a: readonly MessageInfo[], b: readonly MessageInfo[]): MessageInfo[] {
  const byId = new Map<string, MessageInfo>();
  for (const m of [...a, ...b]) byId.set(m.id, m);
  return [...byId.values()].sort((x, y) => x.seq - y.seq);
}

function sortConversations(list: readonly ConversationInfo[]): ConversationInfo[] {
  return [...list].sort((a, b) => (b.lastMessage?.sentAt ?? 0) - (a.lastMessage?.sentAt ?? 0));
}
