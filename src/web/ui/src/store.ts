/**
 * The page's state: one immutable object, replaced on every change, that components read with
 * `useAppState`. All changes go through `update` (see actions.ts for what changes it).
 */
import { useEffect, useState } from 'preact/hooks';
import type { ContactInfo, ConversationInfo, MessageInfo, ProfileInfo } from '../../../client/types.js';
import type { GroupView } from '../../apiTypes.js';

export interface ConversationView {
  /** Oldest first. */
  readonly messages: readonly MessageInfo[];
  readonly hasMore: boolean;
  readonly loading: boolean;
}

/** What the main pane shows. Groups will add their own panel kinds here. */
export type Panel =
  | { readonly kind: 'none' }
  | { readonly kind: 'conversation'; readonly id: string }
  | { readonly kind: 'contact'; readonly contactId: string }
  | { readonly kind: 'invite' }
  | { readonly kind: 'search' }
  | { readonly kind: 'settings' }
  | { readonly kind: 'group'; readonly id: string }
  | { readonly kind: 'newGroup' };

export interface Notice {
  readonly id: number;
  readonly tone: 'info' | 'warning' | 'error';
  readonly text: string;
}

export interface State {
  readonly phase: 'loading' | 'locked' | 'ready' | 'lost';
  readonly lostReason: string;
  readonly profile: ProfileInfo | undefined;
  readonly profileDir: string;
  readonly conversations: readonly ConversationInfo[];
  readonly contacts: Readonly<Record<string, ContactInfo>>;
  readonly views: Readonly<Record<string, ConversationView>>;
  readonly panel: Panel;
  /** The message a search result jumped to, highlighted once shown. */
  readonly focusMessageId: string | undefined;
  /** Relay connection as the SDK reports it; undefined until it says. */
  readonly online: boolean | undefined;
  /** Whether the page's live event socket is up. */
  readonly live: boolean;
  readonly notices: readonly Notice[];
  readonly backupProgress: { readonly done: number; readonly total: number } | undefined;
  /** Our groups by conversation id, with our role in each (see groupActions.ts). */
  readonly groups: Readonly<Record<string, GroupView>>;
  /** Counts group changes heard, so an open members list reloads. */
  readonly groupRevision: number;
  /** Issue 8: the message the composer replies to or edits. */
  readonly draft: { readonly conversationId: string; readonly kind: 'reply' | 'edit'; readonly message: MessageInfo } | undefined;
  /** Issue 8: who is typing where (until when, ms). */
  readonly typing: Readonly<Record<string, { readonly name: string; readonly until: number }>>;
}

const initial: State = {
  phase: 'loading',
  lostReason: '',
  profile: undefined,
  profileDir: '',
  conversations: [],
  contacts: {},
  views: {},
  panel: { kind: 'none' },
  focusMessageId: undefined,
  online: undefined,
  live: false,
  notices: [],
  backupProgress: undefined,
  groups: {},
  groupRevision: 0,
  draft: undefined,
  typing: {},
};

let state = initial;
const listeners = new Set<() => void>();

export const getState = (): State => state;

export function update(change: (s: State) => Partial<State>): void {
  state = { ...state, ...change(state) };
  for (const listener of listeners) listener();
}

/** Forget everything the unlocked profile showed (on lock). */
export function resetToLocked(): void {
  update((s) => ({ ...initial, phase: 'locked', profileDir: s.profileDir, live: s.live }));
}

export function useAppState(): State {
  const [, rerender] = useState(0);
  useEffect(() => {
    const listener = (): void => rerender((n) => n + 1);
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }, []);
  return state;
}

export function contactForConversation(s: State, conversationId: string): ContactInfo | undefined {
  return Object.values(s.contacts).find((c) => c.conversationId === conversationId);
}
