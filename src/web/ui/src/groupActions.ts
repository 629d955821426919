/**
 * What the page does with groups (issue 7 item 1 "groups (create, add, remove, leave, members)",
 * and renaming and admins as in the SDK and the CLI):
 * calls to /api/groups (src/web/groupRoutes.ts), then the lists are reloaded so the conversation
 * list, our role in each group and any open members list show the new state.
 */
import type { GroupView } from '../../apiTypes.js';
import { attempt, notify, openConversation, refreshLists } from './actions.js';
import { api } from './api.js';
import { update } from './store.js';

export function groupsById(groups: readonly GroupView[]): Record<string, GroupView> {
  return Object.fromEntries(groups.map((g) => [g.id, g]));
}

/** A group changed (ours or someone else's change): reload the lists and any open members list. */
export async function onGroupChanged(): Promise<void> {
  update((s) => ({ groupRevision: s.groupRevision + 1 }));
  await refreshLists();
}

/** Creates the group and opens its conversation; false (with a notice) if it failed. */
export async function createGroup(name: string, contactIds: readonly string[]): Promise<boolean> {
  const group = await attempt(() => api.createGroup(name, contactIds));
  if (group === undefined) return false;
  await onGroupChanged();
  await openConversation(group.id);
  return true;
}

export async function addMember(groupId: string, contactId: string, name: string): Promise<boolean> {
  const group = await attempt(() => api.addToGroup(groupId, contactId));
  if (group === undefined) return false;
  notify(`${name} was added to ${group.name}.`);
  await onGroupChanged();
  return true;
}

export async function removeMember(groupId: string, identityKey: string, name: string): Promise<boolean> {
  const group = await attempt(() => api.removeFromGroup(groupId, identityKey));
  if (group === undefined) return false;
  notify(`${name} was removed from ${group.name}.`);
  await onGroupChanged();
  return true;
}

export async function leaveGroup(groupId: string): Promise<boolean> {
  const group = await attempt(() => api.leaveGroup(groupId));
  if (group === undefined) return false;
  notify(`You left ${group.name}.`);
  await onGroupChanged();
  return true;
}

export async function renameGroup(groupId: string, name: string): Promise<boolean> {
  const group = await attempt(() => api.renameGroup(groupId, name));
  if (group === undefined) return false;
  notify(`The group is now called ${group.name}.`);
  await onGroupChanged();
  return true;
}

export async function setGroupAdmin(groupId: string, identityKey: string, name: string, admin: boolean): Promise<boolean> {
  const group = await attempt(() => api.setGroupAdmin(groupId, identityKey, admin));
  if (group === undefined) return false;
  notify(admin ? `${name} is now an admin of ${group.name}.` : `${name} is no longer an admin of ${group.name}.`);
  await onGroupChanged();
  return true;
}
