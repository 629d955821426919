/**
 * What issue 8 adds to a conversation: the disappearing-timer selector in the header, system lines
 * for timer changes, quoted replies, "edited" and "deleted" labels, reactions, a per-message
 * actions menu (reply, react, edit, delete for everyone; every item is a button, so it is reachable
 * with Tab and Enter), the composer's reply/edit banner, and "typing…".
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { MessageInfo } from '../../../../client/types.js';
import { addMessage, attempt } from '../actions.js';
import { api } from '../api.js';
import { cancelDraft, deleteForEveryone, react, setDisappearing, startDraft } from '../messageActions.js';
import type { State } from '../store.js';

export const TIMERS: readonly { readonly seconds: number; readonly label: string }[] = [
  { seconds: 0, label: 'Off' },
  { seconds: 300, label: '5 minutes' },
  { seconds: 3600, label: '1 hour' },
  { seconds: 28_800, label: '8 hours' },
  { seconds: 86_400, label: '1 day' },
  { seconds: 604_800, label: '1 week' },
  { seconds: 2_419_200, label: '4 weeks' },
];
const REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'];

const timerLabel = (seconds: number): string => TIMERS.find((t) => t.seconds === seconds)?.label.toLowerCase() ?? `${seconds} seconds`;

export function DisappearingSelect({ conversationId, messages }: { conversationId: string; messages: readonly MessageInfo[] }): JSX.Element {
  const [seconds, setSeconds] = useState<number | undefined>(undefined);
  // The newest timer line shown is the current setting (the other side may have changed it).
  const latest = [...messages].reverse().find((m) => m.timer !== undefined)?.timer;
  useEffect(() => {
    void attempt(() => api.disappearing(conversationId)).then((r) => r && setSeconds(r.seconds));
  }, [conversationId, latest]);
  return (
    <label class="disappearing">
      <span class="sr-only">Disappearing messages</span>
      <span aria-hidden="true">⏱</span>
      <select
        aria-label="Disappearing messages"
        value={String(seconds ?? 0)}
        onChange={(e) => {
          const next = Number(e.currentTarget.value);
          void setDisappearing(conversationId, next, addMessage).then((ok) => ok && setSeconds(next));
        }}
      >
        {TIMERS.map((t) => (
          <option key={t.seconds} value={String(t.seconds)}>
            {t.seconds === 0 ? 'Disappearing: off' : `Disappear after ${t.label}`}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SystemLine({ message: m }: { message: MessageInfo }): JSX.Element {
  const who = m.outgoing ? 'You' : m.senderName;
  return (
    <div class="system-line" data-message-id={m.id} role="note">
      <span>{m.timer === 0 ? `${who} turned disappearing messages off` : `${who} set disappearing messages to ${timerLabel(m.timer ?? 0)}`}</span>
    </div>
  );
}

export function Quote({ message: m }: { message: MessageInfo }): JSX.Element | null {
  if (m.replyTo === undefined) return null;
  return (
    <blockquote class="quote">
      {m.replyTo.text === undefined ? <em>A message that is no longer here</em> : (
        <>
          <strong>{m.replyTo.senderName}</strong> {m.replyTo.text}
        </>
      )}
    </blockquote>
  );
}

export function Reactions({ message: m }: { message: MessageInfo }): JSX.Element | null {
  if (m.reactions === undefined || m.reactions.length === 0) return null;
  const counts = new Map<string, string[]>();
  for (const r of m.reactions) counts.set(r.emoji, [...(counts.get(r.emoji) ?? []), r.senderId === undefined ? 'You' : r.senderName]);
  return (
    <ul class="reactions" aria-label="Reactions">
      {[...counts].map(([emoji, who]) => (
        <li key={emoji} class="reaction" title={who.join(', ')}>
          {emoji}
          {who.length > 1 ? ` ${who.length}` : ''}
          <span class="sr-only"> from {who.join(', ')}</span>
        </li>
      ))}
    </ul>
  );
}

/** The "…" button and what it opens. */
export function MessageMenu({ message: m }: { message: MessageInfo }): JSX.Element | null {
  const [open, setOpen] = useState(false);
  if (m.deleted === true) return null;
  const close = (): void => setOpen(false);
  return (
    <div class="message-menu" onKeyDown={(e) => e.key === 'Escape' && close()}>
      <button class="icon-button menu-toggle" aria-label="Message actions" aria-expanded={open} onClick={() => setOpen(!open)}>
        ⋯
      </button>
      {open && (
        <div class="menu" role="group" aria-label="Message actions">
          <div class="reaction-picker" role="group" aria-label="React">
            {REACTIONS.map((emoji) => (
              <button
                key={emoji}
                class="react-button"
                aria-label={`React ${emoji}`}
                onClick={() => {
                  close();
                  void react(m, emoji);
                }}
              >
                {emoji}
              </button>
            ))}
          </div>
          <button
            onClick={() => {
              close();
              startDraft('reply', m);
            }}
          >
            Reply
          </button>
          {m.outgoing && (
            <button
              onClick={() => {
                close();
                startDraft('edit', m);
              }}
            >
              Edit
            </button>
          )}
          {m.outgoing && (
            <button
              class="danger"
              onClick={() => {
                close();
                if (confirm('Delete this message for everyone?')) void deleteForEveryone(m);
              }}
            >
              Delete for everyone
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function DraftBanner({ draft }: { draft: NonNullable<State['draft']> }): JSX.Element {
  return (
    <div class="draft-banner" role="status">
      <span>
        {draft.kind === 'edit' ? 'Editing your message' : `Replying to ${draft.message.outgoing ? 'yourself' : draft.message.senderName}`}: <em>{draft.message.text.slice(0, 80)}</em>
      </span>
      <button class="icon-button" aria-label={draft.kind === 'edit' ? 'Cancel editing' : 'Cancel reply'} onClick={cancelDraft}>
        ✕
      </button>
    </div>
  );
}

export function TypingLine({ state, conversationId }: { state: State; conversationId: string }): JSX.Element | null {
  const t = state.typing[conversationId];
  if (t === undefined) return null;
  return (
    <p class="typing muted" aria-live="polite">
      {t.name} is typing…
    </p>
  );
}
