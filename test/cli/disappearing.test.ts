/**
 * Disappearing messages between two real `saltline` processes and a real relay process (issue 8
 * item 2): the timer set by one side shows on both; an expired message (the receiver's copy
 * counted from when it was read) is deleted on both devices by the sweep on open and leaves no
 * trace in any byte of either profile folder (#23).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodings, findIn, snapshot } from '../store/helpers.js';
import { device, history, SECRET, setUp, sync, world, type Msg } from './messageHelpers.js';
test('setup: two profiles introduced through the relay', { timeout: 30_000 }, setUp);

test('#23 a disappearing message expires on both devices and is absent from both profile folders', { timeout: 50_000 }, async () => {
  const set = await world.box.json<{ seconds: number }>('alice', ['disappear', 'Bob', '5m']);
  assert.equal(set.seconds, 300);
  await sync('bob');
  assert.match((await world.box.ok('bob', ['history', 'alice'])).stdout, /— alice set disappearing messages to 5m/);
  assert.ok((await history('alice', 'Bob')).some((m) => m.timer === 300 && m.outgoing), 'the system line on the side that set it');

  const fleeting = (await world.box.json<{ message: Msg }>('alice', ['send', 'Bob', SECRET.vanished])).message;
  assert.ok(fleeting.expiresAt !== null && fleeting.expiresAt > Date.now());
  await sync('bob');
  const unread = (await history('bob', 'alice')).find((m) => m.id === fleeting.id);
  assert.deepEqual([unread?.expiresAt, unread?.expiresIn], [null, 300], 'a received message’s timer starts when it is read');
  // Bob reads the conversation (what `saltline chat` does when it shows it).
  const reader = await device('bob');
  await reader.markRead('alice');
  await reader.close();
  const onBob = (await history('bob', 'alice')).find((m) => m.id === fleeting.id);
  assert.ok(onBob?.expiresAt !== null && onBob!.expiresAt > Date.now());

  // Each device opens its profile six minutes later: the sweep on open deletes the message.
  const later = (): number => Date.now() + 6 * 60_000;
  for (const p of ['alice', 'bob']) {
    const c = await device(p, later);
    await c.close();
  }
  for (const [p, name] of [['alice', 'Bob'], ['bob', 'alice']] as const) {
    const left = await history(p, name);
    assert.equal(left.some((m) => m.id === fleeting.id), false, `gone from ${p}'s history`);
    const c = await device(p);
    assert.deepEqual(await c.search('VANISHING'), []);
    await c.close();
  }
  for (const p of ['alice', 'bob']) assert.deepEqual(findIn(await snapshot(world.box.profile(p)), encodings(SECRET.vanished)), [], `no trace in ${p}'s folder`);

  await world.box.ok('bob', ['disappear', 'alice', 'off']);
  await sync('alice');
  assert.match((await world.box.ok('alice', ['history', 'Bob'])).stdout, /— Bob turned disappearing messages off/);
  const lasting = (await world.box.json<{ message: Msg }>('alice', ['send', 'Bob', 'this one stays'])).message;
  assert.equal(lasting.expiresAt, null);
});

