/**
 * Adding a contact: create an invitation (a link and its QR code, to hand over on a channel you
 * trust) or accept one that someone gave you.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { InvitationResponse } from '../../../apiTypes.js';
import { attempt, closePanel, notify, openConversation, refreshLists } from '../actions.js';
import { api } from '../api.js';
import { Panel } from './Panel.js';
import { QrCode } from './QrCode.js';

export function InvitePanel(): JSX.Element {
  return (
    <Panel title="New contact" onClose={closePanel} class="invite-panel">
      <div class="two-columns">
        <CreateInvitation />
        <AcceptInvitation />
      </div>
    </Panel>
  );
}

function CreateInvitation(): JSX.Element {
  const [invitation, setInvitation] = useState<InvitationResponse | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const create = async (): Promise<void> => {
    setBusy(true);
    setInvitation(await attempt(() => api.createInvitation()));
    setBusy(false);
  };
  const copy = async (): Promise<void> => {
    if (invitation === undefined) return;
    try {
      await navigator.clipboard.writeText(invitation.link);
      notify('Invitation link copied.');
    } catch {
      notify('Could not copy: select the link and copy it by hand.', 'warning');
    }
  };
  return (
    <section class="card" aria-labelledby="create-invite">
      <h3 id="create-invite">Invite someone</h3>
      <p class="muted">
        Make a one-time invitation and give it to the person you want to talk to — show them the QR code, or send the link over a channel you trust.
        Anyone who gets the link can use it once.
      </p>
      {invitation === undefined ? (
        <button class="primary" disabled={busy} onClick={() => void create()}>
          {busy ? 'Creating…' : 'Create invitation'}
        </button>
      ) : (
        <div class="invitation">
          <QrCode qr={invitation.qr} label="QR code of the invitation link" />
          <label for="invite-link">Invitation link</label>
          <textarea id="invite-link" class="mono" readOnly rows={3} value={invitation.link} onFocus={(e) => e.currentTarget.select()} />
          <div class="row">
            <button class="secondary" onClick={() => void copy()}>
              Copy link
            </button>
            <button class="link-button" onClick={() => void create()}>
              New invitation
            </button>
          </div>
          <p class="muted small">They will appear in your conversations once their app answers.</p>
        </div>
      )}
    </section>
  );
}

function AcceptInvitation(): JSX.Element {
  const [link, setLink] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (busy || link.trim() === '' || name.trim() === '') return;
    setBusy(true);
    const contact = await attempt(() => api.acceptInvitation(link.trim(), name.trim()));
    setBusy(false);
    if (contact === undefined) return;
    notify(`${contact.name} added. Say hello!`);
    await refreshLists();
    await openConversation(contact.conversationId);
  };
  return (
    <form class="card" aria-labelledby="accept-invite" onSubmit={(e) => void submit(e)}>
      <h3 id="accept-invite">Accept an invitation</h3>
      <p class="muted">Paste the link someone gave you, and choose the name you will see them under.</p>
      <label for="accept-link">Invitation link</label>
      <textarea id="accept-link" class="mono" rows={3} value={link} onInput={(e) => setLink(e.currentTarget.value)} required />
      <label for="accept-name">Their name</label>
      <input id="accept-name" value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} required autocomplete="off" />
      <button type="submit" class="primary" disabled={busy || link.trim() === '' || name.trim() === ''}>
        {busy ? 'Connecting…' : 'Accept invitation'}
      </button>
    </form>
  );
}
