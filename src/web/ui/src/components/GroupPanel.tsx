/**
 * A group's members panel (issue 7 item 1 "groups (add, remove, leave, members)"): who is in it,
 * each member's role, and for members who are our contacts whether we verified their safety
 * number; admins add contacts, remove members, rename the group and make members admins (or
 * plain members again); anyone still in the group can leave it.
 */
import type { JSX, RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { GroupMemberView, GroupView } from '../../../apiTypes.js';
import { attempt, closePanel, openConversation, refreshLists, show } from '../actions.js';
import { api } from '../api.js';
import { addMember, leaveGroup, removeMember, renameGroup, setGroupAdmin } from '../groupActions.js';
import { getState, type State } from '../store.js';
import { Avatar } from './Avatar.js';
import { ShieldIcon, WarningIcon } from './icons.js';
import { cannotJoin } from './NewGroupDialog.js';
import { Panel } from './Panel.js';

/** A two-step action: focus moves to the confirming button when it appears, and back when cancelled. */
function useConfirmFocus(confirming: boolean): { ask: RefObject<HTMLButtonElement | null>; confirm: RefObject<HTMLButtonElement | null> } {
  const ask = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    (confirming ? confirm : ask).current?.focus();
  }, [confirming]);
  return { ask, confirm };
}

const ROLE_LINE: Record<GroupView['role'], string> = {
  admin: 'You are an admin of this group.',
  member: 'You are a member of this group.',
  left: 'You are no longer a member of this group.',
};

export function GroupPanel({ state, id }: { state: State; id: string }): JSX.Element {
  const group = state.groups[id];
  const [members, setMembers] = useState<readonly GroupMemberView[] | undefined>(undefined);

  useEffect(() => {
    let current = true;
    void attempt(() => api.groupMembers(id)).then((list) => {
      if (!current || list === undefined) return;
      setMembers(list);
      // Someone else's change we were not told about: the lists (member count, our role) are stale too.
      const known = getState().groups[id];
      if (known !== undefined && known.members !== list.length) void refreshLists();
    });
    return () => void (current = false);
  }, [id, state.groupRevision]);

  if (group === undefined) return <Panel title="Group" onClose={closePanel}><p>This group is gone.</p></Panel>;
  const admin = group.role === 'admin';
  return (
    <Panel title={group.name} onClose={closePanel} class="group-panel">
      <div class="contact-summary">
        <Avatar name={group.name} group size="lg" />
        <div>
          <p>
            {group.members} {group.members === 1 ? 'member' : 'members'}. {ROLE_LINE[group.role]}
          </p>
          <button class="link-button" onClick={() => void openConversation(id)}>
            Open conversation
          </button>
        </div>
      </div>
      <h3 id="members-title">Members</h3>
      {members === undefined ? (
        <p class="muted">Loading members…</p>
      ) : (
        <ul class="member-list" aria-labelledby="members-title">
          {members.map((m) => (
            <Member key={m.identityKey} groupId={id} member={m} canManage={admin && !m.self} selfName={state.profile?.name ?? 'You'} />
          ))}
        </ul>
      )}
      {admin && members !== undefined && <AddMember state={state} groupId={id} members={members} />}
      {admin && <RenameGroup key={group.name} groupId={id} name={group.name} />}
      {group.role !== 'left' && <LeaveGroup groupId={id} name={group.name} />}
    </Panel>
  );
}

function Trust({ member: m }: { member: GroupMemberView }): JSX.Element | null {
  if (m.self) return null;
  if (m.contactId === undefined) return <span class="trust">Not in your contacts</span>;
  if (m.identityChanged) return <span class="trust trust-bad"><WarningIcon /> Safety number changed</span>;
  if (m.verified) return <span class="trust trust-good"><ShieldIcon /> Verified</span>;
  return <span class="trust">Not verified</span>;
}

function Member({ groupId, member: m, canManage, selfName }: { groupId: string; member: GroupMemberView; canManage: boolean; selfName: string }): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const focus = useConfirmFocus(confirming);
  const name = m.self ? 'You' : m.name;
  const remove = async (): Promise<void> => {
    setBusy(true);
    if (!(await removeMember(groupId, m.identityKey, m.name))) setBusy(false);
  };
  const isAdmin = m.role === 'admin';
  const toggleAdmin = async (): Promise<void> => {
    setBusy(true);
    await setGroupAdmin(groupId, m.identityKey, m.name, !isAdmin);
    setBusy(false);
  };
  return (
    <li class="member" data-member={m.self ? 'you' : m.name}>
      <Avatar name={m.self ? selfName : m.name} />
      <span class="member-body">
        <span class="member-name">
          {name}
          {m.role === 'admin' && <span class="badge">Admin</span>}
        </span>
        <Trust member={m} />
      </span>
      <span class="member-actions">
        {m.contactId !== undefined && (
          <button class="link-button" onClick={() => show({ kind: 'contact', contactId: m.contactId! })} aria-label={`Safety number of ${m.name}`}>
            Safety number
          </button>
        )}
        {canManage && !confirming && (
          <button class="link-button" disabled={busy} onClick={() => void toggleAdmin()} aria-label={isAdmin ? `Make ${m.name} a plain member` : `Make ${m.name} an admin`}>
            {isAdmin ? 'Revoke admin' : 'Make admin'}
          </button>
        )}
        {canManage &&
          (confirming ? (
            <>
              <button class="warning-action" ref={focus.confirm} disabled={busy} onClick={() => void remove()}>
                Remove {m.name}
              </button>
              <button class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button class="secondary" ref={focus.ask} onClick={() => setConfirming(true)} aria-label={`Remove ${m.name} from the group`}>
              Remove
            </button>
          ))}
      </span>
    </li>
  );
}

function AddMember({ state, groupId, members }: { state: State; groupId: string; members: readonly GroupMemberView[] }): JSX.Element {
  const inGroup = new Set(members.map((m) => m.contactId));
  const candidates = Object.values(state.contacts)
    .filter((c) => !inGroup.has(c.id) && cannotJoin(c) === undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
  const [picked, setPicked] = useState('');
  const [busy, setBusy] = useState(false);
  const chosen = candidates.find((c) => c.id === picked) ?? candidates[0];
  const add = async (): Promise<void> => {
    if (chosen === undefined) return;
    setBusy(true);
    await addMember(groupId, chosen.id, chosen.name);
    setBusy(false);
    setPicked('');
  };
  return (
    <form
      class="card add-member"
      onSubmit={(e) => {
        e.preventDefault();
        void add();
      }}
    >
      <h3>Add a member</h3>
      {candidates.length === 0 ? (
        <p class="muted">Every contact you can add is already in the group. Add new people as contacts first (“New contact”).</p>
      ) : (
        <div class="row">
          <label for="add-member" class="sr-only">
            Contact to add
          </label>
          <select id="add-member" value={chosen?.id} onChange={(e) => setPicked(e.currentTarget.value)}>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add to group'}
          </button>
        </div>
      )}
    </form>
  );
}

function RenameGroup({ groupId, name }: { groupId: string; name: string }): JSX.Element {
  const [draft, setDraft] = useState(name);
  const [busy, setBusy] = useState(false);
  const changed = draft.trim().length > 0 && draft.trim() !== name;
  const rename = async (): Promise<void> => {
    if (!changed) return;
    setBusy(true);
    if (!(await renameGroup(groupId, draft.trim()))) setBusy(false);
  };
  return (
    <form
      class="card rename-group"
      onSubmit={(e) => {
        e.preventDefault();
        void rename();
      }}
    >
      <h3>Group name</h3>
      <div class="row">
        <label for="rename-group" class="sr-only">
          New group name
        </label>
        <input id="rename-group" value={draft} maxLength={100} onInput={(e) => setDraft(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy || !changed}>
          {busy ? 'Renaming…' : 'Rename'}
        </button>
      </div>
    </form>
  );
}

function LeaveGroup({ groupId, name }: { groupId: string; name: string }): JSX.Element {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const focus = useConfirmFocus(confirming);
  const leave = async (): Promise<void> => {
    setBusy(true);
    await leaveGroup(groupId);
    setBusy(false);
    setConfirming(false);
  };
  return (
    <section class="card leave-group" aria-labelledby="leave-title">
      <h3 id="leave-title">Leave group</h3>
      <p class="muted">You will stop getting {name}’s messages. The history stays on this device.</p>
      {confirming ? (
        <div class="row">
          <button class="warning-action" ref={focus.confirm} disabled={busy} onClick={() => void leave()}>
            Leave {name}
          </button>
          <button class="secondary" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button class="secondary" ref={focus.ask} onClick={() => setConfirming(true)}>
          Leave group…
        </button>
      )}
    </section>
  );
}
