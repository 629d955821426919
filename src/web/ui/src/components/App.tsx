/** The page: unlock screen, or the two-pane chat (list + conversation or panel), plus global keys. */
import type { JSX } from 'preact';
import { useEffect } from 'preact/hooks';
import { closePanel, markReadIfSeen, show } from '../actions.js';
import { getState, useAppState, type State } from '../store.js';
import { ContactPanel } from './ContactPanel.js';
import { ConversationView } from './ConversationView.js';
import { GroupPanel } from './GroupPanel.js';
import { InvitePanel } from './InvitePanel.js';
import { NewGroupDialog } from './NewGroupDialog.js';
import { Notices } from './Notices.js';
import { RelayBanner } from './RelayBanner.js';
import { SearchPanel } from './SearchPanel.js';
import { SettingsPanel } from './SettingsPanel.js';
import { Sidebar } from './Sidebar.js';
import { UnlockScreen } from './UnlockScreen.js';

export function App(): JSX.Element {
  const state = useAppState();
  useGlobalKeys();
  return (
    <>
      {state.phase === 'loading' && <main class="splash muted">Opening Saltline…</main>}
      {state.phase === 'lost' && (
        <main class="splash">
          <div class="unlock-card">
            <h1>Saltline</h1>
            <p>{state.lostReason}</p>
          </div>
        </main>
      )}
      {state.phase === 'locked' && <UnlockScreen profileDir={state.profileDir} />}
      {state.phase === 'ready' && <Shell state={state} />}
      <Notices notices={state.notices} />
    </>
  );
}

function Shell({ state }: { state: State }): JSX.Element {
  return (
    <div class={`shell${state.panel.kind === 'none' ? '' : ' has-panel'}`}>
      <RelayBanner offline={state.online === false} />
      <Sidebar state={state} />
      <MainPane state={state} />
    </div>
  );
}

function MainPane({ state }: { state: State }): JSX.Element {
  const panel = state.panel;
  switch (panel.kind) {
    case 'conversation':
      return <ConversationView state={state} id={panel.id} />;
    case 'contact':
      return <ContactPanel state={state} contactId={panel.contactId} />;
    case 'invite':
      return <InvitePanel />;
    case 'search':
      return <SearchPanel state={state} />;
    case 'settings':
      return <SettingsPanel state={state} />;
    case 'group':
      return <GroupPanel state={state} id={panel.id} />;
    case 'newGroup':
      return <NewGroupDialog state={state} />;
    case 'none':
      return (
        <section class="main-pane empty-pane">
          <p class="muted">Choose a conversation, or add a contact with “New contact”.</p>
        </section>
      );
  }
}

function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (getState().phase !== 'ready') return;
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        show({ kind: 'search' });
      } else if (e.key === 'Escape' && getState().panel.kind !== 'conversation' && getState().panel.kind !== 'none') {
        e.preventDefault();
        closePanel();
      }
    };
    const onVisible = (): void => {
      const panel = getState().panel;
      if (panel.kind === 'conversation') void markReadIfSeen(panel.id);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, []);
}
