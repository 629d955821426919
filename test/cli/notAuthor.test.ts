/**
 * Only the author may edit or delete a message (issue 8 item 4), end to end with real processes
 * and a real relay: Bob, a malicious peer, rewrites his own profile (his device, his rules) so
 * that Alice's message looks like his, and edits and deletes it "for everyone" with the real
 * `saltline` commands. Alice's side refuses both (typed error, nothing changed), and the session
 * goes on working.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openProfile } from '../../src/store/index.js';
import { history, PASSPHRASE, setUp, sync, world, type Msg } from './messageHelpers.js';

test('setup: two profiles introduced through the relay', { timeout: 30_000 }, setUp);

test('NOT_AUTHOR: a non-author edit or delete crafted by the other peer is rejected and changes nothing', { timeout: 45_000 }, async () => {
  const target = (await world.box.json<{ message: Msg }>('alice', ['send', 'Bob', 'only Alice may change this'])).message;
  await sync('bob');
  const conversationId = (await history('bob', 'alice')).find((m) => m.id === target.id)!.conversationId;
  // Bob rewrites his own profile so that Alice's message looks like his, then edits and deletes it.
  const store = await openProfile(world.box.profile('bob'), PASSPHRASE);
  try {
    const theirs = await store.getMessage(conversationId, target.id);
    assert.ok(theirs);
    await store.deleteMessages(conversationId, [target.id]);
    await store.saveMessage({ id: target.id, conversationId, sender: 'me', timestamp: theirs.timestamp, body: theirs.body, delivery: 'sent' });
  } finally {
    await store.close();
  }
  await world.box.ok('bob', ['edit', target.id, 'forged by Bob']);
  await world.box.ok('bob', ['delete', target.id, '--for-everyone']);

  const result = await sync('alice');
  assert.equal(result.refused, 2, 'both control messages were refused');
  const after = (await history('alice', 'Bob')).find((m) => m.id === target.id);
  assert.deepEqual([after?.text, after?.edited, after?.deleted], ['only Alice may change this', false, false]);
  // The session still works after the refusals.
  await world.box.ok('bob', ['send', 'alice', 'still talking']);
  assert.equal((await sync('alice')).received, 1);
});

