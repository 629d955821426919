/**
 * Message ids are base64url, so one in 64 begins with "-". The commands that take a message id
 * (`edit`, `react`, `delete`, `save`; issue 8) must take such an id as the id, not as an unknown
 * option — a real `saltline` process each, on a real profile.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { openProfile } from '../../src/store/index.js';
import { history, PASSPHRASE, setUp, world, type Msg } from './messageHelpers.js';

test('setup: two profiles introduced through the relay', { timeout: 30_000 }, setUp);

test('edit, react, save and delete take a message id beginning with "-" as the id', { timeout: 45_000 }, async () => {
  const sent = (await world.box.json<{ message: Msg }>('alice', ['send', 'Bob', 'a dashing message'])).message;
  // Ids are random: give this one a leading "-" in Alice's own profile, as one in 64 has.
  const dashed = `-${sent.id.slice(1)}`;
  const store = await openProfile(world.box.profile('alice'), PASSPHRASE);
  try {
    const row = await store.getMessage(sent.conversationId, sent.id);
    assert.ok(row);
    await store.deleteMessages(sent.conversationId, [sent.id]);
    await store.saveMessage({ id: dashed, conversationId: sent.conversationId, sender: 'me', timestamp: row.timestamp, body: row.body, delivery: 'sent' });
  } finally {
    await store.close();
  }

  await world.box.ok('alice', ['react', dashed, '👍']);
  await world.box.ok('alice', ['edit', dashed, 'a dashing edit']);
  const changed = (await history('alice', 'Bob')).find((m) => m.id === dashed);
  assert.deepEqual([changed?.text, changed?.edited, changed?.reactions.map((r) => r.emoji)], ['a dashing edit', true, ['👍']]);

  // Not an attachment: a typed error about the message (exit 1), not a usage error (exit 2).
  const save = await world.box.run('alice', ['save', dashed, join(world.box.root, 'out.bin')]);
  assert.equal(save.code, 1, save.stderr);
  assert.match(save.stderr, /no attachment in message/);

  await world.box.ok('alice', ['delete', dashed]);
  assert.ok(!(await history('alice', 'Bob')).some((m) => m.id === dashed));
});
