/**
 * The read-receipt switch and typing indicators (issue 8 items 3 and 5) between real profiles and
 * a real relay process: with read receipts off no read state reaches the sender; typing
 * indicators are off by default and arrive once both sides turn them on.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ClientEvent } from '../../src/client/index.js';
import { device, history, setUp, sync, world, type Msg } from './messageHelpers.js';
test('setup: two profiles introduced through the relay', { timeout: 30_000 }, setUp);

test('read receipts off: no read state reaches the sender; typing indicators are off by default', { timeout: 50_000 }, async () => {
  const info = await world.box.json<{ readReceipts: boolean; typing: boolean }>('bob', ['info']);
  assert.deepEqual([info.readReceipts, info.typing], [true, false], 'read receipts on, typing indicators off by default');
  const readBob = async (): Promise<void> => {
    const c = await device('bob');
    try {
      await c.sync();
      await c.markRead('alice');
      await c.flush();
    } finally {
      await c.close();
    }
  };
  // With receipts on, Alice sees "read" (so the check below can fail).
  const first = (await world.box.json<{ message: Msg }>('alice', ['send', 'Bob', 'read me'])).message;
  await readBob();
  await sync('alice');
  assert.equal((await history('alice', 'Bob')).find((m) => m.id === first.id)?.state, 'read');

  await world.box.ok('bob', ['set-read-receipts', 'off']);
  const second = (await world.box.json<{ message: Msg }>('alice', ['send', 'Bob', 'read me too'])).message;
  await readBob();
  await world.box.ok('bob', ['send', 'alice', 'marker after reading']);
  await sync('alice');
  const mine = await history('alice', 'Bob');
  assert.ok(mine.some((m) => m.text === 'marker after reading'));
  assert.equal(mine.find((m) => m.id === second.id)?.state, 'delivered', 'no read receipt came');

  // Typing: Alice listens with indicators on; Bob's default (off) sends nothing.
  await world.box.ok('alice', ['set-typing', 'on']);
  const typingSeenByAlice = async (): Promise<ClientEvent[]> => {
    const c = await device('alice');
    const seen: ClientEvent[] = [];
    c.on((e) => {
      if (e.type === 'typing') seen.push(e);
    });
    try {
      await c.sync();
    } finally {
      await c.close();
    }
    return seen;
  };
  const typeOnBob = async (): Promise<void> => {
    const c = await device('bob');
    try {
      await c.typing('alice', true);
      await c.send('alice', 'typed');
      await c.flush();
    } finally {
      await c.close();
    }
  };
  await typeOnBob();
  assert.deepEqual(await typingSeenByAlice(), [], 'typing is off by default');
  await world.box.ok('bob', ['set-typing', 'on']);
  await typeOnBob();
  const seen = await typingSeenByAlice();
  assert.equal(seen.length, 1);
  assert.ok(seen[0]?.type === 'typing' && seen[0].typing && seen[0].senderName === 'Bob');
});
