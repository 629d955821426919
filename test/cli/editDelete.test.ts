/**
 * Edit, delete for everyone, reactions and replies between two real `saltline` processes and a
 * real relay process (issue 8 item 4). Neither the edited-away nor the deleted text is left in any
 * byte of either folder (#23). (A non-author's edit or deletion: notAuthor.test.ts.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodings, findIn, snapshot } from '../store/helpers.js';
import { history, SECRET, setUp, sync, world, type Msg } from './messageHelpers.js';
test('setup: two profiles introduced through the relay', { timeout: 30_000 }, setUp);

test('edit and delete for everyone are seen on the other side; reactions and replies too', { timeout: 45_000 }, async () => {
  const sent = (await world.box.json<{ message: Msg }>('alice', ['send', 'Bob', SECRET.edited])).message;
  const doomed = (await world.box.json<{ message: Msg }>('alice', ['send', 'Bob', SECRET.deleted])).message;
  await sync('bob');
  const edited = (await world.box.json<{ message: Msg }>('alice', ['edit', sent.id, 'new plan: the pier'])).message;
  assert.deepEqual([edited.text, edited.edited], ['new plan: the pier', true]);
  await world.box.ok('alice', ['delete', doomed.id, '--for-everyone']);
  await sync('bob');
  const onBob = await history('bob', 'alice');
  const changed = onBob.find((m) => m.id === sent.id);
  assert.deepEqual([changed?.text, changed?.edited], ['new plan: the pier', true]);
  const tomb = onBob.find((m) => m.id === doomed.id);
  assert.deepEqual([tomb?.deleted, tomb?.text], [true, '']);
  assert.equal((await world.box.json<{ messages: Msg[] }>('bob', ['search', 'EDITEDAWAY'])).messages.length, 0);

  await world.box.ok('bob', ['react', sent.id, '👍']);
  const reply = (await world.box.json<{ message: Msg }>('bob', ['send', 'alice', 'the pier it is', '--reply-to', sent.id])).message;
  assert.equal(reply.replyTo?.text, 'new plan: the pier');
  await sync('alice');
  const mine = await history('alice', 'Bob');
  assert.deepEqual(
    mine.find((m) => m.id === sent.id)?.reactions.map((r) => [r.emoji, r.sender]),
    [['👍', 'Bob']],
  );
  assert.deepEqual(mine.find((m) => m.id === reply.id)?.replyTo, { id: sent.id, text: 'new plan: the pier', sender: 'Alice' });
  const plain = (await world.box.ok('alice', ['history', 'Bob'])).stdout;
  assert.match(plain, /me: new plan: the pier \(edited\) {2}\[👍 Bob\]/);
  assert.match(plain, /me: \(deleted\)/);
  assert.match(plain, /Bob: \[↪ Alice: new plan: the pier\] the pier it is/);
  assert.match((await world.box.ok('bob', ['history', 'alice'])).stdout, /alice: new plan: the pier \(edited\)[^\n]*\n[^\n]*alice: \(deleted\)/);
  await world.box.ok('bob', ['react', sent.id, '--remove']);
  await sync('alice');
  assert.deepEqual((await history('alice', 'Bob')).find((m) => m.id === sent.id)?.reactions, []);

  // Neither text is left in either folder.
  for (const p of ['alice', 'bob']) assert.deepEqual(findIn(await snapshot(world.box.profile(p)), [...encodings(SECRET.edited), ...encodings(SECRET.deleted)]), []);
});
