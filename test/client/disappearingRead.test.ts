/**
 * The receiver's side of disappearing messages (issue 8 item 2), driven directly over a real
 * in-memory store with an injected clock: a received message's timer starts when it is read, a
 * message never read never expires, and rows saved under the old rule (expiry from receipt)
 * still expire as they were saved. The end-to-end cases are in messageActions.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Disappearing } from '../../src/client/disappearing.js';
import { MessageActions, type ActionsHost } from '../../src/client/messageActions.js';
import { decodeBody, encodeBody } from '../../src/client/messageBody.js';
import type { MessageInfo } from '../../src/client/types.js';
import { systemRng } from '../../src/crypto/random.js';
import { MemoryStore } from '../../src/store/memoryStore.js';

const MINUTE = 60_000;

async function setUp(): Promise<{ store: MemoryStore; actions: MessageActions; disappearing: Disappearing; clock: { now: number } }> {
  const store = new MemoryStore();
  await store.putConversation({ id: 'c', title: '', memberIds: [], createdAt: 1, meta: new Uint8Array(0) });
  const clock = { now: 1_800_000_000_000 };
  const disappearing = new Disappearing({ store, now: () => clock.now, messagesDeleted: () => Promise.resolve() });
  const host: ActionsHost = {
    store,
    rng: systemRng,
    disappearing,
    now: () => clock.now,
    emit: () => undefined,
    conversationIds: () => Promise.resolve(['c']),
    sendContent: () => Promise.resolve(undefined),
    messageInfo: (m) => Promise.resolve({ id: m.id } as unknown as MessageInfo),
    messagesDeleted: () => Promise.resolve(),
  };
  return { store, actions: new MessageActions(host), disappearing, clock };
}

const id = (n: number): Buffer => Buffer.alloc(16, n);

test('a received message with a 5-minute timer keeps until read, then goes 5 minutes after reading and not before', async () => {
  const { store, actions, disappearing, clock } = await setUp();
  await disappearing.set('c', 300, 1);
  const body = await actions.incomingBody('c', { kind: 'text', id: id(1), sentAt: clock.now, text: 'short lived words' });
  assert.deepEqual(decodeBody(body).header, { expiresIn: 300 });
  const m = await store.saveMessage({ id: id(1).toString('base64url'), conversationId: 'c', sender: 'bob', timestamp: clock.now, body, delivery: 'received' });
  await actions.saved(m);

  clock.now += 4 * 7 * 24 * 60 * MINUTE;
  assert.deepEqual(await disappearing.sweep(), [], 'unread: never expires, however late');
  assert.ok(await store.getMessage('c', m.id));

  await actions.markRead('c', [m]);
  const readAt = clock.now;
  const read = (await store.getMessage('c', m.id))!;
  assert.equal(read.delivery, 'read');
  assert.deepEqual(decodeBody(read.body).header, { expiresAt: readAt + 5 * MINUTE });
  assert.equal(decodeBody(read.body).text, 'short lived words');

  clock.now = readAt + 5 * MINUTE - 1;
  assert.deepEqual(await disappearing.sweep(), []);
  clock.now = readAt + 5 * MINUTE;
  assert.deepEqual(await disappearing.sweep(), [{ conversationId: 'c', messageIds: [m.id] }]);
  assert.equal(await store.getMessage('c', m.id), undefined);
});

test('the timer a message carried wins over the conversation’s; a file’s timer also waits for reading', async () => {
  const { actions, disappearing, clock } = await setUp();
  await disappearing.set('c', 3600, 1);
  const rich = await actions.incomingBody('c', { kind: 'rich', id: id(1), sentAt: clock.now, text: 'carried', replyTo: undefined, expiresIn: 300 });
  assert.equal(decodeBody(rich).header.expiresIn, 300);
  const file = await actions.incomingBody('c', {
    kind: 'attachment',
    id: id(2),
    sentAt: clock.now,
    attachment: { relay: 'ws://127.0.0.1:1', getId: Buffer.alloc(24), key: Buffer.alloc(32), header: Buffer.alloc(24), hash: Buffer.alloc(32), size: 1, chunkBytes: 65_536, name: 'a.txt', mime: 'text/plain', thumbnail: Buffer.alloc(0) },
  });
  assert.deepEqual([decodeBody(file).header.expiresIn, decodeBody(file).header.expiresAt], [3600, undefined]);
  await disappearing.set('c', 0, 1);
  const off = await actions.incomingBody('c', { kind: 'text', id: id(3), sentAt: clock.now, text: 'stays' });
  assert.deepEqual(decodeBody(off).header, {}, 'no timer, nothing recorded');
});

test('a row saved under the old rule (expiry from receipt) keeps its expiry when read and goes when it said', async () => {
  const { store, actions, disappearing, clock } = await setUp();
  const expiresAt = clock.now + 5 * MINUTE;
  const m = await store.saveMessage({ id: id(1).toString('base64url'), conversationId: 'c', sender: 'bob', timestamp: clock.now, body: encodeBody('old style', { expiresAt }), delivery: 'received' });
  await actions.saved(m);
  clock.now += 4 * MINUTE;
  await actions.markRead('c', [m]);
  assert.deepEqual(decodeBody((await store.getMessage('c', m.id))!.body).header, { expiresAt }, 'reading does not restart it');
  clock.now = expiresAt;
  assert.deepEqual(await disappearing.sweep(), [{ conversationId: 'c', messageIds: [m.id] }]);
});
