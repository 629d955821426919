/**
 * Groups through the real `saltline` binary (issue 6 item 6, scenario test): separate processes
 * for each person, real profile folders and a relay process on loopback. Alice creates a group with
 * Bob and Carol (who are not each other's contacts: the group introduces them), everyone talks,
 * Alice adds Dave (a contact of hers only), removes Carol — who then cannot read what follows —
 * and Dave leaves.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupScenario, type SyncedMessage } from './groupScenario.js';

interface Member {
  name: string;
  role: string;
  self: boolean;
  contact: boolean;
}

const { world, inbox, got, syncUntil, aliceKnowsEveryone } = groupScenario();

const members = async (who: string, name: string): Promise<Member[]> => (await world.box.json<{ members: Member[] }>(who, ['group', 'members', name])).members;


test('create, send, add a stranger, remove, leave — with real processes and a relay', { timeout: 240_000 }, async () => {
  await aliceKnowsEveryone();

  // Bob and Carol are not each other's contacts: the group introduces them.
  const created = await world.box.json<{ group: { name: string; members: number; role: string } }>('alice', ['group', 'create', 'crew', '--members', 'Bob,Carol']);
  assert.deepEqual([created.group.name, created.group.members, created.group.role], ['crew', 3, 'admin']);
  await world.box.ok('alice', ['send', 'crew', 'welcome aboard']);
  const trio = ['alice', 'bob', 'carol'];
  await syncUntil(trio, () => got('bob', 'welcome aboard', 'Alice') && got('carol', 'welcome aboard', 'Alice'), 'bob and carol join');
  await Promise.all([world.box.ok('bob', ['send', 'crew', 'hello crew']), world.box.ok('carol', ['send', 'crew', 'carol checking in'])]);
  await syncUntil(
    trio,
    () => got('carol', 'hello crew', 'Bob') && got('bob', 'carol checking in', 'Carol') && got('alice', 'carol checking in', 'Carol') && got('alice', 'hello crew', 'Bob'),
    'bob and carol read each other over their introduced session',
  );
  // Dave is a contact of Alice only. (Bob's view is read meanwhile: separate profiles, separate processes.)
  const [bobSees] = await Promise.all([members('bob', 'crew'), world.box.ok('alice', ['group', 'add', 'crew', 'Dave']).then(() => world.box.ok('alice', ['send', 'crew', 'meet dave']))]);
  assert.deepEqual(
    bobSees.map((m) => [m.name, m.role, m.contact]),
    [
      ['you', 'member', false],
      ['Alice', 'admin', true],
      ['Carol', 'member', false],
    ],
    'carol is known by the name she chose, and is not made a contact',
  );
  const all = [...trio, 'dave'];
  await syncUntil(all, () => got('dave', 'meet dave', 'Alice'), 'dave joins');
  await Promise.all([world.box.ok('dave', ['send', 'crew', 'dave aboard']), world.box.ok('carol', ['send', 'crew', 'hi dave'])]);
  await syncUntil(all, () => got('carol', 'dave aboard', 'Dave') && got('dave', 'hi dave', 'Carol') && got('bob', 'dave aboard', 'Dave'), 'dave and the others read each other');
  assert.ok(!(inbox.get('dave') ?? []).some((m) => m.text === 'hello crew'), 'a newcomer reads nothing from before');

  // Carol is removed: what is sent afterwards is not hers to read, and she cannot send.
  await world.box.ok('alice', ['group', 'remove', 'crew', 'Carol']);
  await world.box.ok('alice', ['send', 'crew', 'without carol']);
  await syncUntil(all, () => got('bob', 'without carol', 'Alice') && got('dave', 'without carol', 'Alice'), 'the others read on');
  const carolTries = (async () => ({
    groups: await world.box.json<{ groups: { role: string }[] }>('carol', ['group', 'list']),
    send: await world.box.run('carol', ['send', 'crew', 'let me back']),
  }))();
  // Dave leaves meanwhile (separate profiles, separate processes).
  const [{ groups: carolGroups, send: carolSends }, left] = await Promise.all([carolTries, world.box.json<{ group: { role: string } }>('dave', ['group', 'leave', 'crew'])]);
  assert.equal(carolGroups.groups[0]?.role, 'left');
  assert.ok(!(inbox.get('carol') ?? []).some((m) => m.text === 'without carol'));
  assert.notEqual(carolSends.code, 0, 'a removed member cannot send');
  assert.equal(left.group.role, 'left');
  await syncUntil(['alice', 'bob'], async () => (await world.box.json<{ groups: { members: number }[] }>('alice', ['group', 'list'])).groups[0]?.members === 2, 'alice sees dave leave');
  const history = await world.box.json<{ messages: SyncedMessage[] }>('bob', ['history', 'crew']);
  assert.deepEqual(
    history.messages.map((m) => m.text).sort(),
    ['carol checking in', 'dave aboard', 'hello crew', 'hi dave', 'meet dave', 'welcome aboard', 'without carol'],
    'the group conversation, through `history NAME`',
  );
});
