/**
 * Contact details: the safety number as digits and as a QR code, and "mark verified". Verifying
 * binds the key shown here; after an identity change this is where the user compares the new
 * number (and accepting it unblocks the conversation). A new invitation for the contact
 * reconnects someone who reinstalled; a different key answering it is refused with a warning.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { SafetyNumberResponse } from '../../../apiTypes.js';
import { attempt, closePanel, notify, openConversation, refreshLists } from '../actions.js';
import { api } from '../api.js';
import type { State } from '../store.js';
import { Avatar } from './Avatar.js';
import { ShieldIcon, WarningIcon } from './icons.js';
import { InvitationMaker } from './InvitePanel.js';
import { Panel } from './Panel.js';
import { QrCode } from './QrCode.js';

export function ContactPanel({ state, contactId }: { state: State; contactId: string }): JSX.Element {
  const contact = state.contacts[contactId];
  const [safety, setSafety] = useState<SafetyNumberResponse | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const changed = contact?.identityChanged ?? false;

  useEffect(() => {
    setSafety(undefined);
    void attempt(() => api.safetyNumber(contactId)).then((s) => setSafety(s));
  }, [contactId, changed]);

  if (contact === undefined) return <Panel title="Contact" onClose={closePanel}><p>This contact is gone.</p></Panel>;
  // After an identity change the number to compare is the one with the new key.
  const shown = safety === undefined ? undefined : safety.changed !== undefined ? { number: safety.changed, changed: true } : { number: safety, changed: false };

  const verify = async (): Promise<void> => {
    setBusy(true);
    const ok = await attempt(() => api.markVerified(contactId));
    setBusy(false);
    if (ok === undefined) return;
    notify(contact.identityChanged ? `${contact.name}’s new key is accepted and verified.` : `${contact.name} is now verified.`);
    await refreshLists();
  };

  return (
    <Panel title={contact.name} onClose={closePanel} class="contact-panel">
      <div class="contact-summary">
        <Avatar name={contact.name} size="lg" />
        <div>
          {contact.identityChanged ? (
            <p class="trust trust-bad"><WarningIcon /> Safety number changed: not verified</p>
          ) : contact.verified ? (
            <p class="trust trust-good"><ShieldIcon /> Verified</p>
          ) : (
            <p class="trust">Not verified</p>
          )}
          <button class="link-button" onClick={() => void openConversation(contact.conversationId)}>
            Open conversation
          </button>
        </div>
      </div>

      <h3>{shown?.changed === true ? 'New safety number' : 'Safety number'}</h3>
      {shown?.changed === true ? (
        <p class="muted">
          {contact.name} now answers with a different key, so this is a new number. Compare it with the one on {contact.name}’s screen — in person, or on a
          call where you recognise their voice. Only if they match, accept the new key.
        </p>
      ) : (
        <p class="muted">
          Compare these numbers with the ones on {contact.name}’s screen — in person, or on a call where you recognise their voice. If they match, nobody is
          between you.
        </p>
      )}
      {shown === undefined ? (
        <p class="muted">Loading…</p>
      ) : (
        <div class="safety">
          <ol class="safety-digits" aria-label={`Safety number: ${shown.number.groups.join(' ')}`}>
            {shown.number.groups.map((g, i) => (
              <li key={i}>{g}</li>
            ))}
          </ol>
          <figure class="safety-qr">
            <QrCode qr={shown.number.qr} label={`QR code of the safety number with ${contact.name}`} />
            <figcaption class="muted">Or scan each other’s code.</figcaption>
          </figure>
        </div>
      )}
      {shown?.changed === true && safety !== undefined && (
        <p class="safety-old muted small">
          The number you had before: <span class="mono">{safety.groups.join(' ')}</span>
        </p>
      )}
      {(!contact.verified || contact.identityChanged) && (
        <button class="primary" disabled={busy || safety === undefined} onClick={() => void verify()}>
          {contact.identityChanged ? 'They match — accept the new key' : 'They match — mark as verified'}
        </button>
      )}

      <h3>Reconnect</h3>
      <p class="muted">
        If {contact.name} reinstalled Saltline or lost their device, give them a new invitation. Your conversation continues; if a different key answers,
        you will be warned before anything is sent.
      </p>
      <InvitationMaker key={contactId} label={`New invitation for ${contact.name}`} contact={contactId} note={`Only give it to ${contact.name}. It works once.`} />
    </Panel>
  );
}
