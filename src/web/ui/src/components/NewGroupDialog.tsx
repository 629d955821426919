/**
 * Making a group (issue 7 item 1 "groups: create"): a name and the contacts to add, picked from a
 * list of checkboxes. Only contacts whose handshake is complete and whose key has not changed can
 * be added (the SDK refuses the others); the rest are listed, disabled, with the reason.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { ContactInfo } from '../../../../client/types.js';
import { closePanel } from '../actions.js';
import { createGroup } from '../groupActions.js';
import type { State } from '../store.js';
import { Avatar } from './Avatar.js';
import { Panel } from './Panel.js';

/** Why a contact cannot join a group yet, or undefined if it can. */
export function cannotJoin(c: ContactInfo): string | undefined {
  if (c.identityChanged) return 'safety number changed';
  if (!c.established) return 'not connected yet';
  return undefined;
}

export function NewGroupDialog({ state }: { state: State }): JSX.Element {
  const [name, setName] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const contacts = Object.values(state.contacts).sort((a, b) => a.name.localeCompare(b.name));

  const toggle = (id: string, on: boolean): void => {
    const next = new Set(picked);
    if (on) next.add(id);
    else next.delete(id);
    setPicked(next);
  };
  const submit = async (): Promise<void> => {
    if (busy || name.trim() === '') return;
    setBusy(true);
    const ok = await createGroup(name.trim(), [...picked]);
    if (!ok) setBusy(false);
  };

  return (
    <Panel title="New group" onClose={closePanel} class="new-group">
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <label for="group-name">Group name</label>
        <input id="group-name" value={name} maxLength={100} required autocomplete="off" onInput={(e) => setName(e.currentTarget.value)} />
        <fieldset class="member-picker">
          <legend>Members</legend>
          {contacts.length === 0 ? (
            <p class="muted">You have no contacts yet. You can make the group now and add people later.</p>
          ) : (
            <ul>
              {contacts.map((c) => {
                const reason = cannotJoin(c);
                const id = `pick-${c.id}`;
                return (
                  <li key={c.id}>
                    <input type="checkbox" id={id} checked={picked.has(c.id)} disabled={reason !== undefined} onChange={(e) => toggle(c.id, e.currentTarget.checked)} />
                    <label for={id}>
                      <Avatar name={c.name} />
                      <span>{c.name}</span>
                      {reason !== undefined && <span class="muted small">({reason})</span>}
                    </label>
                  </li>
                );
              })}
            </ul>
          )}
        </fieldset>
        <p class="muted small">
          {picked.size === 0 ? 'Nobody picked yet.' : `${picked.size} ${picked.size === 1 ? 'person' : 'people'} picked.`} You will be the group’s
          admin: only admins add and remove members.
        </p>
        <button type="submit" class="primary" disabled={busy || name.trim() === ''}>
          {busy ? 'Creating…' : 'Create group'}
        </button>
      </form>
    </Panel>
  );
}
