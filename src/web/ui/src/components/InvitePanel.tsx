/**
 * Adding a contact: create an invitation (a link and its QR code, to hand over on a channel you
 * trust) or accept one that someone gave you.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ContactInfo } from '../../../../client/types.js';
import type { InvitationResponse } from '../../../apiTypes.js';
import { attempt, closePanel, notify, openConversation, refreshLists, reportError } from '../actions.js';
import { ApiError, api } from '../api.js';
import { WarningIcon } from './icons.js';
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
  return (
    <section class="card" aria-labelledby="create-invite">
      <h3 id="create-invite">Invite someone</h3>
      <p class="muted">
        Make a one-time invitation and give it to the person you want to talk to — show them the QR code, or send the link over a channel you trust.
        Anyone who gets the link can use it once.
      </p>
      <InvitationMaker label="Create invitation" note="They will appear in your conversations once their app answers." />
    </section>
  );
}

/**
 * A button that makes an invitation, then shows it as a QR code and a link to copy. With
 * `contact`, the invitation is for that existing contact (see ContactPanel).
 */
export function InvitationMaker({ label, note, contact }: { label: string; note: string; contact?: string }): JSX.Element {
  const [invitation, setInvitation] = useState<InvitationResponse | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const create = async (): Promise<void> => {
    setBusy(true);
    setInvitation(await attempt(() => api.createInvitation(contact)));
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
  if (invitation === undefined) {
    return (
      <button class="primary" disabled={busy} onClick={() => void create()}>
        {busy ? 'Creating…' : label}
      </button>
    );
  }
  const id = contact === undefined ? 'invite-link' : 'reinvite-link';
  return (
    <div class="invitation">
      <QrCode qr={invitation.qr} label="QR code of the invitation link" />
      <label for={id}>Invitation link</label>
      <textarea id={id} class="mono" readOnly rows={3} value={invitation.link} onFocus={(e) => e.currentTarget.select()} />
      <div class="row">
        <button class="secondary" onClick={() => void copy()}>
          Copy link
        </button>
        <button class="link-button" onClick={() => void create()}>
          New invitation
        </button>
      </div>
      <p class="muted small">{note}</p>
    </div>
  );
}

function AcceptInvitation(): JSX.Element {
  const [link, setLink] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  /** The name is a contact's, but the invitation comes from another key: ask before replacing it. */
  const [conflict, setConflict] = useState<string | undefined>(undefined);

  const accept = async (replaceIdentity: boolean): Promise<void> => {
    if (busy || link.trim() === '' || name.trim() === '') return;
    setBusy(true);
    let contact: ContactInfo | undefined;
    try {
      contact = await api.acceptInvitation(link.trim(), name.trim(), replaceIdentity);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'IDENTITY_CHANGED') setConflict(name.trim());
      else reportError(err);
    }
    setBusy(false);
    if (contact === undefined) return;
    setConflict(undefined);
    notify(replaceIdentity ? `${contact.name}’s key was replaced. Compare safety numbers again.` : `${contact.name} added. Say hello!`);
    await refreshLists();
    await openConversation(contact.conversationId);
  };
  const edit = (change: () => void): void => {
    change();
    setConflict(undefined);
  };
  return (
    <form
      class="card"
      aria-labelledby="accept-invite"
      onSubmit={(e) => {
        e.preventDefault();
        void accept(false);
      }}
    >
      <h3 id="accept-invite">Accept an invitation</h3>
      <p class="muted">Paste the link someone gave you, and choose the name you will see them under.</p>
      <label for="accept-link">Invitation link</label>
      <textarea id="accept-link" class="mono" rows={3} value={link} onInput={(e) => edit(() => setLink(e.currentTarget.value))} required />
      <label for="accept-name">Their name</label>
      <input id="accept-name" value={name} maxLength={100} onInput={(e) => edit(() => setName(e.currentTarget.value))} required autocomplete="off" />
      {conflict !== undefined ? (
        <div class="identity-warning compact" role="alert">
          <WarningIcon />
          <div>
            <strong>This invitation is not from the {conflict} you know.</strong> It comes from a different key than your contact {conflict}. If{' '}
            {conflict} reinstalled Saltline, you can replace their key and compare safety numbers again; otherwise choose another name.
            <div class="row">
              <button type="button" class="warning-action" disabled={busy} onClick={() => void accept(true)}>
                Replace {conflict}’s key
              </button>
            </div>
          </div>
        </div>
      ) : (
        <button type="submit" class="primary" disabled={busy || link.trim() === '' || name.trim() === ''}>
          {busy ? 'Connecting…' : 'Accept invitation'}
        </button>
      )}
    </form>
  );
}
