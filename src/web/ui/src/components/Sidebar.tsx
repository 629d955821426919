/** The left column: who I am, the main actions, and the conversation list. */
import type { JSX } from 'preact';
import type { ConversationInfo } from '../../../../client/types.js';
import { openConversation, show } from '../actions.js';
import { DELIVERY_LABEL, formatListTime } from '../format.js';
import { contactForConversation, type State } from '../store.js';
import { Avatar } from './Avatar.js';
import { DeliveryMark, GearIcon, GroupIcon, PlusIcon, SearchIcon, WarningIcon } from './icons.js';

export function Sidebar({ state }: { state: State }): JSX.Element {
  const selected = state.panel.kind === 'conversation' ? state.panel.id : undefined;
  const status = !state.live ? 'Reconnecting to Saltline…' : state.online === false ? 'Relay offline' : undefined;
  return (
    <nav class="sidebar" aria-label="Conversations">
      <header class="sidebar-head">
        <Avatar name={state.profile?.name ?? '?'} />
        <div class="me">
          <strong>{state.profile?.name}</strong>
          <span class={`status-line ${status === undefined ? 'ok' : 'warn'}`}>{status ?? 'End-to-end encrypted'}</span>
        </div>
        <button class="icon-button" onClick={() => show({ kind: 'search' })} title="Search messages (Ctrl+K)" aria-label="Search messages">
          <SearchIcon />
        </button>
        <button class="icon-button" onClick={() => show({ kind: 'settings' })} title="Settings" aria-label="Settings">
          <GearIcon />
        </button>
      </header>
      <div class="new-buttons">
        <button class="new-contact" onClick={() => show({ kind: 'invite' })}>
          <PlusIcon /> New contact
        </button>
        <button class="new-contact" onClick={() => show({ kind: 'newGroup' })}>
          <GroupIcon /> New group
        </button>
      </div>
      {state.conversations.length === 0 ? (
        <p class="empty-list muted">No conversations yet. Invite someone with “New contact”.</p>
      ) : (
        <ul class="conversation-list">
          {state.conversations.map((c) => (
            <ConversationItem key={c.id} conversation={c} selected={c.id === selected} identityChanged={contactForConversation(state, c.id)?.identityChanged ?? false} />
          ))}
        </ul>
      )}
    </nav>
  );
}

function ConversationItem({ conversation: c, selected, identityChanged }: { conversation: ConversationInfo; selected: boolean; identityChanged: boolean }): JSX.Element {
  const last = c.lastMessage;
  return (
    <li>
      <button class={`conversation-item${selected ? ' selected' : ''}`} aria-current={selected ? 'true' : undefined} onClick={() => void openConversation(c.id)} data-conversation={c.name}>
        <Avatar name={c.name} group={c.kind === 'group'} />
        <span class="item-body">
          <span class="item-top">
            <span class="item-name">{c.name}</span>
            {last !== undefined && <time class="item-time">{formatListTime(last.sentAt)}</time>}
          </span>
          <span class="item-bottom">
            {identityChanged && (
              <span class="item-warning">
                <WarningIcon label="Safety number changed" />
              </span>
            )}
            {last?.outgoing === true && <DeliveryMark state={last.state} label={DELIVERY_LABEL[last.state]} />}
            <span class="item-preview">{last === undefined ? 'No messages yet' : (last.outgoing ? 'You: ' : c.kind === 'group' ? `${last.senderName}: ` : '') + (last.deleted === true ? 'Deleted message' : last.timer !== undefined ? (last.timer === 0 ? 'Disappearing messages off' : 'Disappearing messages on') : last.text)}</span>
            {c.unread > 0 && (
              <span class="unread" aria-label={`${c.unread} unread`}>
                {c.unread > 99 ? '99+' : c.unread}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}
