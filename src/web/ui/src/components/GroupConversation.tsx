/**
 * The group parts of a conversation (issue 7 item 1 "groups"), kept apart from ConversationView:
 * the header's member count and "Members" button, and the note that replaces the composer once
 * we left or were removed. The sender's name on incoming group messages is in the message itself.
 */
import type { JSX } from 'preact';
import { show } from '../actions.js';
import { useAppState } from '../store.js';
import { GroupIcon } from './icons.js';

export function GroupSubtitle({ id }: { id: string }): JSX.Element | null {
  const group = useAppState().groups[id];
  if (group === undefined) return null;
  return <span class="trust">{group.role === 'left' ? 'You are no longer a member' : `${group.members} ${group.members === 1 ? 'member' : 'members'}`}</span>;
}

export function MembersButton({ id }: { id: string }): JSX.Element {
  return (
    <button class="secondary" onClick={() => show({ kind: 'group', id })}>
      <GroupIcon /> Members
    </button>
  );
}

export function GroupLeftNote({ name }: { name: string }): JSX.Element {
  return (
    <p class="group-left-note muted" role="note">
      You are no longer a member of {name}, so you cannot send messages here. The history stays on this device.
    </p>
  );
}
