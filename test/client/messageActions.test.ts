/**
 * Edits, delete for everyone, reactions, replies, disappearing timers, the read-receipt switch and
 * typing indicators through the SDK (issue 8 items 2–5), with a real relay on loopback, in 1:1
 * chats and in a group; the clock is injected so expiry needs no waiting. A disappearing message's
 * timer starts when it is sent for the sender, and when it is read for each receiver.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, MessageDeletedError, NotAuthorError, type ClientEvent, type MessageInfo } from '../../src/client/index.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';
import { until, connect } from './helpers.js';

let relay: RunningRelay;
let dir: string;
let clock = 1_800_000_000_000;
const FAST = { connectTimeoutMs: 3_000, backoff: { initialMs: 50, maxMs: 500 }, now: () => clock, sweepIntervalMs: 60_000 };

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saltline-actions-'));
  relay = await startRelay({ dataDir: dir, store: 'memory' });
});
after(async () => {
  // Closed here, not in a test, so that a failing test cannot leave clients keeping the process alive.
  await alice.close();
  await bob.close();
  await relay.close();
  await rm(dir, { recursive: true, force: true });
});

async function newClient(name: string): Promise<Client> {
  const c = await Client.inMemory({ name, relay: relay.address, ...FAST });
  await c.start();
  return c;
}

async function find(c: Client, conv: string, id: string): Promise<MessageInfo | undefined> {
  return (await c.history(conv)).find((m) => m.id === id);
}

let alice: Client;
let bob: Client;

test('edit, delete for everyone, reactions and replies reach the other side; only the author may edit or delete', async () => {
  [alice, bob] = [await newClient('Alice'), await newClient('Bob')];
  await connect(alice, bob);
  const first = await alice.send('Bob', 'see you at nine');
  await until(async () => (await find(bob, 'Alice', first.id)) !== undefined, 'bob gets it');

  const edited = await alice.edit(first.id, 'see you at ten');
  assert.equal(edited.edited, true);
  await until(async () => (await find(bob, 'Alice', first.id))?.text === 'see you at ten', 'bob sees the edit');
  assert.equal((await find(bob, 'Alice', first.id))?.edited, true);
  assert.deepEqual(await bob.search('nine'), [], 'the old text is not searchable on the receiver');
  assert.deepEqual(await alice.search('nine'), []);

  await assert.rejects(bob.edit(first.id, 'forged'), NotAuthorError, 'the SDK refuses to edit someone else’s message');
  await assert.rejects(bob.deleteForEveryone(first.id), NotAuthorError);

  const reply = await bob.send('Alice', 'ten is fine', { replyTo: first.id });
  assert.equal(reply.replyTo?.id, first.id);
  assert.equal(reply.replyTo?.text, 'see you at ten');
  await until(async () => (await find(alice, 'Bob', reply.id))?.replyTo?.text === 'see you at ten', 'alice sees the quote');

  await bob.react(first.id, '👍');
  await until(async () => (await find(alice, 'Bob', first.id))?.reactions?.[0]?.emoji === '👍', 'alice sees the reaction');
  assert.equal((await find(alice, 'Bob', first.id))?.reactions?.[0]?.senderName, 'Bob');
  await bob.react(first.id, '❤️');
  await until(async () => (await find(alice, 'Bob', first.id))?.reactions?.map((r) => r.emoji).join() === '❤️', 'the reaction is replaced, not added');
  await bob.react(first.id, null);
  await until(async () => (await find(alice, 'Bob', first.id))?.reactions === undefined, 'the reaction is removed');

  const gone = await alice.send('Bob', 'wrong chat, sorry');
  await until(async () => (await find(bob, 'Alice', gone.id)) !== undefined, 'bob gets the mistake');
  const deleted = await alice.deleteForEveryone(gone.id);
  assert.deepEqual([deleted.deleted, deleted.text], [true, '']);
  await until(async () => (await find(bob, 'Alice', gone.id))?.deleted === true, 'bob sees it deleted');
  assert.equal((await find(bob, 'Alice', gone.id))?.text, '');
  assert.deepEqual(await bob.search('wrong chat'), []);
  await assert.rejects(alice.edit(gone.id, 'again'), MessageDeletedError);
});

test('a disappearing timer set by one side shows on both; expired messages are deleted on both devices, a received one’s timer starting when it is read', async () => {
  const timerOnBob = new Promise<ClientEvent>((resolve) => {
    const off = bob.on((e) => {
      if (e.type === 'timer') {
        off();
        resolve(e);
      }
    });
  });
  const line = await bob.setDisappearing('Alice', 300);
  assert.equal(line.timer, 300);
  await timerOnBob;
  await until(async () => (await alice.disappearing('Bob')) === 300, 'alice takes the timer');
  assert.ok((await alice.history('Bob')).some((m) => m.timer === 300 && m.senderName === 'Bob'), 'a system line on the other side too');

  const keep = (await alice.history('Bob')).length;
  const fleeting = await alice.send('Bob', 'this will vanish');
  assert.equal(fleeting.expiresAt, clock + 300_000, 'ours: the timer starts when we send it');
  await until(async () => (await find(bob, 'Alice', fleeting.id)) !== undefined, 'bob gets it');
  const unread = await find(bob, 'Alice', fleeting.id);
  assert.deepEqual([unread?.expiresAt, unread?.expiresIn], [undefined, 300], 'theirs: the timer waits until it is read');

  assert.equal(await alice.sweepExpired(), 0, 'nothing expired yet');
  clock += 300_001;
  assert.equal(await alice.sweepExpired(), 1);
  assert.equal(await bob.sweepExpired(), 0, 'unread, it does not expire however late it is');
  assert.equal(await find(alice, 'Bob', fleeting.id), undefined);
  assert.notEqual(await find(bob, 'Alice', fleeting.id), undefined);
  assert.equal((await alice.history('Bob')).length, keep);

  clock += 60_000;
  const readAt = clock;
  await bob.markRead('Alice');
  const read = await find(bob, 'Alice', fleeting.id);
  assert.deepEqual([read?.expiresAt, read?.expiresIn, read?.text], [readAt + 300_000, undefined, 'this will vanish']);
  clock = readAt + 299_999;
  assert.equal(await bob.sweepExpired(), 0, 'not before read time + 5 minutes');
  clock = readAt + 300_000;
  assert.equal(await bob.sweepExpired(), 1);
  assert.equal(await find(bob, 'Alice', fleeting.id), undefined);
  assert.deepEqual(await bob.search('vanish'), []);

  await alice.setDisappearing('Bob', 0);
  await until(async () => (await bob.disappearing('Alice')) === 0, 'bob turns it off too');
  const lasting = await alice.send('Bob', 'this stays');
  assert.equal(lasting.expiresAt, undefined);
  await assert.rejects(alice.setDisappearing('Bob', 42), { code: 'BAD_TIMER' });
});

test('read receipts off: no read state reaches the sender, and none is shown to us', async () => {
  await bob.setReadReceipts(false);
  const m = await alice.send('Bob', 'did you read this?');
  await until(async () => (await find(alice, 'Bob', m.id))?.state === 'delivered', 'delivered');
  await bob.markRead('Alice');
  // A message sent after markRead gets through the same queue: once it arrives, a read receipt would have too.
  const marker = await bob.send('Alice', 'marker');
  await until(async () => (await find(alice, 'Bob', marker.id)) !== undefined, 'marker arrives');
  assert.equal((await find(alice, 'Bob', m.id))?.state, 'delivered');
  await bob.setReadReceipts(true);
  await bob.markRead('Alice');
  await until(async () => (await find(alice, 'Bob', marker.id)) !== undefined && (await find(alice, 'Bob', m.id))?.state === 'delivered', 'still delivered');
  assert.equal(bob.settings.readReceipts, true);
});

test('typing indicators are off by default; when both turn them on, "typing" arrives', async () => {
  const seen: ClientEvent[] = [];
  const off = alice.on((e) => {
    if (e.type === 'typing') seen.push(e);
  });
  assert.equal(alice.settings.typing, false);
  await bob.typing('Alice', true);
  const marker = await bob.send('Alice', 'after typing (off)');
  await until(async () => (await find(alice, 'Bob', marker.id)) !== undefined, 'marker');
  assert.equal(seen.length, 0, 'nothing sent while off');
  await alice.setTypingIndicators(true);
  await bob.setTypingIndicators(true);
  await bob.typing('Alice', true);
  await until(() => Promise.resolve(seen.length === 1), 'typing event');
  assert.ok(seen[0]?.type === 'typing' && seen[0].typing && seen[0].senderName === 'Bob');
  off();
});

test('in a group: edit, delete and react work, a member cannot edit another member’s message, and a received disappearing message’s timer starts when it is read', async () => {
  const carol = await newClient('Carol');
  try {
    await connect(alice, carol);
    await alice.createGroup('crew', ['Bob', 'Carol']);
    for (const c of [bob, carol]) await until(async () => (await c.groups()).length === 1, `${c.profile.name} joins`);
    const m = await alice.send('crew', 'group plan A');
    for (const c of [bob, carol]) await until(async () => (await find(c, 'crew', m.id)) !== undefined, 'members get it');
    await alice.edit(m.id, 'group plan B');
    for (const c of [bob, carol]) await until(async () => (await find(c, 'crew', m.id))?.text === 'group plan B', 'members see the edit');
    await carol.react(m.id, '🎉');
    for (const c of [alice, bob]) await until(async () => (await find(c, 'crew', m.id))?.reactions?.[0]?.emoji === '🎉', 'reaction in the group');
    await alice.deleteForEveryone(m.id);
    for (const c of [bob, carol]) await until(async () => (await find(c, 'crew', m.id))?.deleted === true, 'deleted in the group');
    await assert.rejects(bob.edit(m.id, 'x'), NotAuthorError);

    // Disappearing in a group: the sender's copy expires from sending, each member's from reading.
    await alice.setDisappearing('crew', 300);
    for (const c of [bob, carol]) await until(async () => (await c.disappearing('crew')) === 300, `${c.profile.name} takes the timer`);
    const sentAt = clock;
    const fleeting = await alice.send('crew', 'group rendezvous');
    assert.equal(fleeting.expiresAt, sentAt + 300_000);
    for (const c of [bob, carol]) await until(async () => (await find(c, 'crew', fleeting.id))?.expiresIn === 300, `${c.profile.name} gets it, its timer waiting`);
    clock = sentAt + 400_000;
    assert.equal(await alice.sweepExpired(), 1);
    await bob.markRead('crew');
    const readAt = clock;
    assert.equal((await find(bob, 'crew', fleeting.id))?.expiresAt, readAt + 300_000);
    clock = readAt + 299_999;
    for (const c of [bob, carol]) assert.equal(await c.sweepExpired(), 0, `${c.profile.name}: nothing expired yet`);
    clock = readAt + 300_000;
    assert.equal(await bob.sweepExpired(), 1, 'read: gone 5 minutes after reading');
    assert.equal(await carol.sweepExpired(), 0, 'unread: kept');
    assert.equal(await find(bob, 'crew', fleeting.id), undefined);
    assert.equal((await find(carol, 'crew', fleeting.id))?.text, 'group rendezvous');
    await alice.setDisappearing('crew', 0);
    for (const c of [bob, carol]) await until(async () => (await c.disappearing('crew')) === 0, `${c.profile.name} turns it off`);
  } finally {
    await carol.close();
  }
});
