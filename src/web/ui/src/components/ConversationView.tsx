/**
 * One conversation: header (with the contact's trust state), the identity-change warning, the
 * message history that pages back as you scroll up, and the composer (Enter sends).
 */
import { Fragment, type JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ContactInfo, ConversationInfo, MessageInfo } from '../../../../client/types.js';
import { loadOlder, send, show } from '../actions.js';
import { DELIVERY_LABEL, formatDay, formatTime, sameDay } from '../format.js';
import { contactForConversation, type ConversationView as View, type State } from '../store.js';
import { AttachButton, AttachmentBody, UploadProgress } from './Attachment.js';
import { Avatar } from './Avatar.js';
import { GroupLeftNote, GroupSubtitle, MembersButton } from './GroupConversation.js';
import { BackIcon, DeliveryMark, SendIcon, ShieldIcon, WarningIcon } from './icons.js';
import { cancelDraft, editMessage, typed } from '../messageActions.js';
import { DisappearingSelect, DraftBanner, MessageMenu, Quote, Reactions, SystemLine, TypingLine } from './MessageExtras.js';

export function ConversationView({ state, id }: { state: State; id: string }): JSX.Element {
  const conversation = state.conversations.find((c) => c.id === id);
  const contact = contactForConversation(state, id);
  const view = state.views[id];
  if (conversation === undefined) return <section class="main-pane empty-pane">This conversation is gone.</section>;
  const blocked = contact?.identityChanged === true;
  return (
    <section class={`main-pane conversation${conversation.kind === 'group' ? ' group' : ''}`} aria-label={`Conversation with ${conversation.name}`}>
      <Header conversation={conversation} contact={contact} messages={view?.messages ?? []} />
      {blocked && <IdentityWarning contact={contact} />}
      <MessageList key={id} conversationId={id} view={view} focusMessageId={state.focusMessageId} />
      <TypingLine state={state} conversationId={id} />
      <UploadProgress conversationId={id} />
      {state.groups[id]?.role === 'left' ? (
        <GroupLeftNote name={conversation.name} />
      ) : (
        <Composer conversationId={id} name={conversation.name} blocked={blocked} draft={state.draft?.conversationId === id ? state.draft : undefined} />
      )}
    </section>
  );
}

function Header({ conversation, contact, messages }: { conversation: ConversationInfo; contact: ContactInfo | undefined; messages: readonly MessageInfo[] }): JSX.Element {
  return (
    <header class="pane-head">
      <button class="icon-button back" onClick={() => show({ kind: 'none' })} aria-label="Back to conversations">
        <BackIcon />
      </button>
      <Avatar name={conversation.name} group={conversation.kind === 'group'} />
      <div class="pane-title">
        <h2>{conversation.name}</h2>
        {contact !== undefined && <TrustLine contact={contact} />}
        {conversation.kind === 'group' && <GroupSubtitle id={conversation.id} />}
      </div>
      <DisappearingSelect conversationId={conversation.id} messages={messages} />
      {conversation.kind === 'group' && <MembersButton id={conversation.id} />}
      {contact !== undefined && (
        <button class="secondary" onClick={() => show({ kind: 'contact', contactId: contact.id })}>
          Safety number
        </button>
      )}
    </header>
  );
}

function TrustLine({ contact }: { contact: ContactInfo }): JSX.Element {
  if (contact.identityChanged) return <span class="trust trust-bad"><WarningIcon /> Safety number changed</span>;
  if (contact.verified) return <span class="trust trust-good"><ShieldIcon /> Verified</span>;
  if (!contact.established) return <span class="trust">Waiting for {contact.name} to connect</span>;
  return <span class="trust">Not verified yet</span>;
}

export function IdentityWarning({ contact }: { contact: ContactInfo }): JSX.Element {
  return (
    <div class="identity-warning" role="alert">
      <WarningIcon />
      <div>
        <strong>{contact.name}’s safety number has changed.</strong> This happens when they reinstall Saltline, but it can also mean someone is
        intercepting your conversation. Sending is paused until you compare the new safety number with {contact.name}.
      </div>
      <button class="warning-action" onClick={() => show({ kind: 'contact', contactId: contact.id })}>
        Compare safety number
      </button>
    </div>
  );
}

function MessageList({ conversationId, view, focusMessageId }: { conversationId: string; view: View | undefined; focusMessageId: string | undefined }): JSX.Element {
  const list = useRef<HTMLDivElement>(null);
  // Where the reader was after the last render or scroll: which messages framed the list, how far
  // the top was from the end, and whether they were reading at the bottom.
  const anchor = useRef({ first: undefined as string | undefined, last: undefined as string | undefined, fromBottom: 0, atBottom: true });
  const measure = (el: HTMLElement): { fromBottom: number; atBottom: boolean } => ({
    fromBottom: el.scrollHeight - el.scrollTop,
    atBottom: el.scrollHeight - el.scrollTop - el.clientHeight < 120,
  });
  const messages = view?.messages ?? [];
  const first = messages[0];
  const last = messages.at(-1);

  // Keep the reader's place when older messages are prepended; follow new ones at the bottom.
  useLayoutEffect(() => {
    const el = list.current;
    if (el === null) return;
    const before = anchor.current;
    if (focusMessageId !== undefined) {
      const target = el.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(focusMessageId)}"]`);
      target?.scrollIntoView({ block: 'center' });
      target?.focus({ preventScroll: true });
    } else if (before.first !== undefined && first?.id !== before.first && last?.id === before.last) {
      el.scrollTop = el.scrollHeight - before.fromBottom;
    } else if (last?.id !== before.last && (before.atBottom || last?.outgoing === true || before.last === undefined)) {
      el.scrollTop = el.scrollHeight;
    }
    anchor.current = { first: first?.id, last: last?.id, ...measure(el) };
  }, [first?.id, last?.id, focusMessageId]);

  // When the list shrinks (the composer grows, the window narrows), a reader at the bottom stays there.
  useEffect(() => {
    const el = list.current;
    if (el === null) return;
    const observer = new ResizeObserver(() => {
      if (anchor.current.atBottom) el.scrollTop = el.scrollHeight;
      anchor.current = { ...anchor.current, ...measure(el) };
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A first page shorter than the window cannot be scrolled, so fetch more until it can.
  useEffect(() => {
    const el = list.current;
    if (el !== null && view?.hasMore === true && !view.loading && el.scrollHeight <= el.clientHeight) void loadOlder(conversationId);
  }, [conversationId, view?.hasMore, view?.loading, first?.id]);

  const onScroll = (): void => {
    const el = list.current;
    if (el === null) return;
    anchor.current = { ...anchor.current, ...measure(el) };
    if (el.scrollTop < 150) void loadOlder(conversationId);
  };

  return (
    <div class="messages" ref={list} onScroll={onScroll} role="log" aria-live="polite" aria-label="Messages" tabIndex={0}>
      {view?.loading === true && <p class="loading-older muted">Loading earlier messages…</p>}
      {view !== undefined && !view.hasMore && !view.loading && messages.length > 0 && <p class="history-start muted">Start of your conversation</p>}
      {view !== undefined && messages.length === 0 && !view.loading && <p class="history-start muted">No messages yet. Say hello!</p>}
      {messages.map((m, i) => {
        const prev = messages[i - 1];
        return (
          <Fragment key={m.id}>
            {(prev === undefined || !sameDay(prev.sentAt, m.sentAt)) && (
              <div class="day-separator">
                <span>{formatDay(m.sentAt)}</span>
              </div>
            )}
            {m.timer !== undefined ? <SystemLine message={m} /> : <Message message={m} grouped={prev !== undefined && prev.outgoing === m.outgoing && m.sentAt - prev.sentAt < 5 * 60_000} focused={m.id === focusMessageId} />}
          </Fragment>
        );
      })}
    </div>
  );
}

function Message({ message: m, grouped, focused }: { message: MessageInfo; grouped: boolean; focused: boolean }): JSX.Element {
  return (
    <div
      class={`message ${m.outgoing ? 'out' : 'in'}${grouped ? ' grouped' : ''}${focused ? ' focused' : ''}`}
      data-message-id={m.id}
      data-state={m.state}
      tabIndex={focused ? -1 : undefined}
    >
      <div class="bubble">
        <span class="sr-only">{m.outgoing ? 'You' : m.senderName}: </span>
        {!m.outgoing && <span class="sender-name" aria-hidden="true">{m.senderName}</span>}
        <Quote message={m} />
        {m.deleted === true ? <p class="text deleted">This message was deleted</p> : m.attachment !== undefined ? <AttachmentBody message={m} /> : <p class="text">{m.text}</p>}
        <span class="meta">
          {m.edited === true && m.deleted !== true && <span class="edited">edited</span>}
          {m.expiresAt !== undefined && <span class="expires" title={`Disappears ${new Date(m.expiresAt).toLocaleString()}`} aria-label="Disappearing message">⏱</span>}
          {m.expiresAt === undefined && m.expiresIn !== undefined && <span class="expires" title="Disappears after it is read" aria-label="Disappearing message">⏱</span>}
          <time dateTime={new Date(m.sentAt).toISOString()}>{formatTime(m.sentAt)}</time>
          {m.outgoing && <DeliveryMark state={m.state} label={DELIVERY_LABEL[m.state]} />}
        </span>
        <Reactions message={m} />
      </div>
      <MessageMenu message={m} />
    </div>
  );
}

function Composer({ conversationId, name, blocked, draft }: { conversationId: string; name: string; blocked: boolean; draft: State['draft'] }): JSX.Element {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    setText('');
    if (!blocked) input.current?.focus();
  }, [conversationId, blocked]);
  // Editing starts from the message's text.
  useEffect(() => {
    if (draft?.kind === 'edit') setText(draft.message.text);
  }, [draft?.kind, draft?.message.id]);

  const submit = async (): Promise<void> => {
    const body = text.trim();
    if (body.length === 0 || busy || blocked) return;
    setBusy(true);
    setText('');
    const ok = draft?.kind === 'edit' ? await editMessage(draft.message.id, body) : await send(conversationId, body, draft?.kind === 'reply' ? draft.message.id : undefined);
    if (ok && draft?.kind === 'reply') cancelDraft();
    if (!ok) setText(text);
    setBusy(false);
    input.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      void submit();
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {draft !== undefined && <DraftBanner draft={draft} />}
      <AttachButton conversationId={conversationId} disabled={blocked || draft !== undefined} />
      <label for="compose" class="sr-only">
        Message to {name}
      </label>
      <textarea
        id="compose"
        ref={input}
        rows={1}
        value={text}
        placeholder={blocked ? 'Sending is paused until you compare the safety number' : `Message ${name}`}
        disabled={blocked}
        onInput={(e) => {
          setText(e.currentTarget.value);
          typed(conversationId);
        }}
        onKeyDown={onKeyDown}
        aria-describedby="compose-hint"
      />
      <span id="compose-hint" class="sr-only">
        Enter sends, Shift+Enter adds a new line.
      </span>
      <button type="submit" class="send" disabled={blocked || busy || text.trim().length === 0} aria-label="Send">
        <SendIcon />
      </button>
    </form>
  );
}
