/**
 * Concurrent group changes through the real `saltline` binary (issue 6 §Tests, "concurrent
 * changes" with real processes; docs/groups.md "Concurrent changes"): two admins, each in their own
 * process, change the same group state at once — one adds while the other removes, then both
 * rename. Every member's profile converges to the same member list, roles and name, and everyone
 * still reads everyone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupScenario } from './groupScenario.js';

interface Member {
  identityKey: string;
  name: string;
  role: string;
}
interface GroupLine {
  id: string;
  name: string;
  members: number;
  role: string;
}

const { world, inbox, got, syncUntil, aliceKnowsEveryone } = groupScenario();

const group = async (who: string): Promise<GroupLine> => {
  const { groups } = await world.box.json<{ groups: GroupLine[] }>(who, ['group', 'list']);
  assert.equal(groups.length, 1);
  return groups[0]!;
};
const membersOf = async (who: string, name: string): Promise<Member[] | undefined> => {
  const r = await world.box.run(who, ['group', 'members', name, '--json']);
  return r.code === 0 ? (JSON.parse(r.stdout) as { members: Member[] }).members : undefined;
};
/** A profile's view of the group `name`: each member (by identity key) with its role; '' while it does not hold the group. */
async function view(who: string, name: string): Promise<string> {
  const members = await membersOf(who, name);
  return members ? JSON.stringify(members.map((m) => `${m.identityKey}:${m.role}`).sort()) : '';
}

test('two admins change the group at once (add ∥ remove, rename ∥ rename): all members converge and chat', { timeout: 240_000 }, async () => {
  const people = ['alice', 'bob', 'carol', 'dave'];
  await aliceKnowsEveryone();

  await world.box.ok('alice', ['group', 'create', 'crew', '--members', 'Bob,Carol']);
  await world.box.ok('alice', ['group', 'admin', 'crew', 'Bob', 'on']);
  await syncUntil(['alice', 'bob', 'carol'], async () => (await group('bob')).role === 'admin', 'bob becomes an admin');
  const carolKey = (await membersOf('alice', 'crew'))!.find((m) => m.name === 'Carol')!.identityKey;

  // Both admins sign a change on the same state, in separate processes, at once. (Bob and Carol
  // have not met — neither has sent anything — so Bob names her by her identity key.)
  await Promise.all([world.box.ok('alice', ['group', 'add', 'crew', 'Dave']), world.box.ok('bob', ['group', 'remove', 'crew', carolKey])]);
  const stayers = ['alice', 'bob', 'dave'];
  let expected = '';
  const converged = async (): Promise<boolean> => {
    const [aliceSees, views, carol] = await Promise.all([membersOf('alice', 'crew'), Promise.all(stayers.map((p) => view(p, 'crew'))), group('carol')]);
    const byName = JSON.stringify((aliceSees ?? []).map((m) => `${m.name}:${m.role}`).sort());
    expected = views[0]!;
    return byName === JSON.stringify(['Bob:admin', 'Dave:member', 'you:admin']) && views.every((v) => v === expected) && carol.role === 'left';
  };
  await syncUntil(people, converged, 'add ∥ remove converges (the remove is re-based on the add)');

  // Both rename at once: the senior admin's change wins the fork; the other is re-based on top.
  await Promise.all([world.box.ok('alice', ['group', 'rename', 'crew', 'deck']), world.box.ok('bob', ['group', 'rename', 'crew', 'bridge'])]);
  let name = '';
  await syncUntil(
    stayers,
    async () => {
      const views = await Promise.all(stayers.map(group));
      name = views[0]!.name;
      return views.every((v) => v.id === views[0]!.id && v.name === name && v.members === 3 && v.role !== 'left') && name !== 'crew';
    },
    'rename ∥ rename converges',
  );
  assert.ok(name === 'deck' || name === 'bridge', name);
  assert.deepEqual(await Promise.all(stayers.map((p) => view(p, name))), [expected, expected, expected], 'members and roles unchanged by the renames');

  await Promise.all(stayers.map((p) => world.box.ok(p, ['send', name, `${p} after the race`])));
  const reads = (): boolean => stayers.every((r) => stayers.every((s) => r === s || got(r, `${s} after the race`, s[0]!.toUpperCase() + s.slice(1))));
  await syncUntil([...stayers, 'carol'], reads, 'everyone reads everyone after the races');
  assert.ok(!(inbox.get('carol') ?? []).some((m) => m.text.endsWith('after the race')), 'the removed member reads nothing');
});
