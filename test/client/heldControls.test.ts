/**
 * Edits, deletions and reactions that arrive before the message they change (issue 8 items 4–5)
 * are held and applied when it arrives, not dropped.
 *
 * The reaction case runs end to end: three clients in a group on a real relay, Alice's queues
 * behind a loopback proxy that holds back Carol's connection, so Bob's reaction to Carol's message
 * reaches Alice first (different senders, different connections), as it can on real networks.
 * A correct sender's own edit or deletion never overtakes its message (both go in order through the
 * same queue), and the SDK refuses to send an edit of someone else's message, so those cases drive
 * `MessageActions.receive` and the arrival hook directly, over a real profile store (LanceDB).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { Disappearing } from '../../src/client/disappearing.js';
import { HELD_LIMITS } from '../../src/client/heldControls.js';
import { Client, type ClientEvent, type MessageInfo } from '../../src/client/index.js';
import { MessageActions, type ActionsHost } from '../../src/client/messageActions.js';
import { decodeBody, encodeBody } from '../../src/client/messageBody.js';
import { SETTINGS } from '../../src/client/records.js';
import { systemRng } from '../../src/crypto/random.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { decodeCommand } from '../../src/protocol/relayWire/frames.js';
import { startRelay } from '../../src/relay/wsServer.js';
import { createProfile } from '../../src/store/index.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import type { Store, StoredMessage } from '../../src/store/types.js';
import { FAST, connect, until } from './helpers.js';
import { closeTogether } from '../helpers/linkedSockets.js';

/**
 * Forwards every connection to the relay. Once `holdNextSender()` is called, the first connection
 * that sends a SEND has that frame and everything after it kept back until `release()`; other
 * connections flow. Counts the ACKs clients send (an ACK follows the commit of what arrived).
 */
async function holdingProxy(target: string): Promise<{ url: string; acks: number; held: number; holdNextSender(): void; release(): void; close(): Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  let armed = false;
  let holder: WebSocket | undefined;
  let flushHeld: (() => void) | undefined;
  const state = {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`,
    acks: 0,
    held: 0,
    holdNextSender: () => {
      armed = true;
    },
    release: () => {
      armed = false;
      holder = undefined;
      flushHeld?.();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (client) => {
    const upstream = new WebSocket(target);
    const early: Buffer[] = [];
    const held: Buffer[] = [];
    const forward = (f: Buffer): void => {
      if (upstream.readyState === upstream.OPEN) upstream.send(f);
      else early.push(f);
    };
    upstream.on('open', () => early.splice(0).forEach((f) => upstream.send(f)));
    client.on('message', (d: Buffer) => {
      const frame = Buffer.from(d);
      let kind: string | undefined;
      try {
        kind = decodeCommand(frame).body.kind;
      } catch {
        kind = undefined;
      }
      if (kind === 'ACK') state.acks++;
      if (armed && holder === undefined && kind === 'SEND') {
        holder = client;
        flushHeld = () => held.splice(0).forEach(forward);
      }
      if (holder === client) {
        held.push(frame);
        state.held++;
      } else forward(frame);
    });
    upstream.on('message', (d: Buffer) => client.send(Buffer.from(d)));
    closeTogether(client, upstream);
  });
  return state;
}

async function find(c: Client, conv: string, id: string): Promise<MessageInfo | undefined> {
  return (await c.history(conv)).find((m) => m.id === id);
}

test('a reaction that reaches Alice before the message it reacts to is applied when the message arrives', { timeout: 50_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-held-'));
  const relay = await startRelay({ dataDir: dir, store: 'memory', tls: false });
  const proxy = await holdingProxy(relay.address);
  const alice = await Client.inMemory({ name: 'Alice', relay: proxy.url, ...FAST });
  const bob = await Client.inMemory({ name: 'Bob', relay: relay.address, ...FAST });
  const carol = await Client.inMemory({ name: 'Carol', relay: relay.address, ...FAST });
  const everyone = [alice, bob, carol];
  try {
    for (const c of everyone) await c.start();
    await connect(alice, bob);
    await connect(alice, carol);
    await alice.createGroup('crew', ['Bob', 'Carol']);
    for (const c of [bob, carol]) await until(async () => (await c.groups()).length === 1, `${c.profile.name} joins`);
    // Everyone speaks once, so every sender key and introduction is in place before the race.
    for (const sender of everyone) {
      const m = await sender.send('crew', `hello from ${sender.profile.name}`);
      for (const r of everyone) await until(async () => (await find(r, 'crew', m.id)) !== undefined, `${r.profile.name} reads ${sender.profile.name}`);
    }
    for (const c of everyone) await c.flush();

    const events: ClientEvent[] = [];
    alice.on((e) => events.push(e));
    proxy.holdNextSender();
    const question = await carol.send('crew', 'where do we meet?');
    await until(async () => (await find(bob, 'crew', question.id)) !== undefined, 'bob reads carol');
    assert.ok(proxy.held > 0, 'carol’s envelope to alice is held back');

    const acksBefore = proxy.acks;
    await bob.react(question.id, '👍');
    await until(async () => (await find(carol, 'crew', question.id))?.reactions?.[0]?.emoji === '👍', 'carol sees the reaction');
    await until(() => Promise.resolve(proxy.acks > acksBefore), 'alice took in bob’s reaction');
    assert.equal(await find(alice, 'crew', question.id), undefined, 'the reaction came first');
    assert.equal(events.filter((e) => e.type === 'reaction').length, 0, 'nothing to show yet');

    proxy.release();
    await until(async () => (await find(alice, 'crew', question.id))?.reactions?.[0]?.emoji === '👍', 'alice shows the reaction once the message arrives');
    const stored = await find(alice, 'crew', question.id);
    assert.equal(stored?.text, 'where do we meet?');
    assert.deepEqual(
      stored?.reactions?.map((r) => [r.emoji, r.senderName]),
      [['👍', 'Bob']],
    );
    const kinds = events.filter((e) => (e.type === 'message' || e.type === 'reaction') && e.message.id === question.id).map((e) => e.type);
    assert.deepEqual(kinds, ['message', 'reaction'], 'the same events as a live reaction, after the message');
    const live = events.find((e) => e.type === 'reaction');
    assert.ok(live?.type === 'reaction' && live.message.reactions?.[0]?.senderName === 'Bob');
  } finally {
    for (const c of everyone) await c.close();
    await proxy.close();
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  }
});

// ---- the arrival hook driven directly ---------------------------------------------------------

const id = (n: number): Buffer => Buffer.alloc(16, n);
const b64 = (b: Buffer): string => b.toString('base64url');

async function setUp(store: Store, now: () => number): Promise<{ actions: MessageActions; events: ClientEvent[] }> {
  await store.putConversation({ id: 'g', title: '', memberIds: [], createdAt: 1, meta: new Uint8Array(0) });
  const events: ClientEvent[] = [];
  const host: ActionsHost = {
    store,
    rng: systemRng,
    disappearing: new Disappearing({ store, now, messagesDeleted: () => Promise.resolve() }),
    now,
    emit: (e) => events.push(e),
    conversationIds: () => Promise.resolve(['g']),
    sendContent: () => Promise.resolve(undefined),
    messageInfo: (m) => {
      const { text, header } = decodeBody(m.body);
      return Promise.resolve({ id: m.id, text, ...(header.deleted ? { deleted: true } : {}), ...(header.edited !== undefined ? { edited: true } : {}) } as unknown as MessageInfo);
    },
    messagesDeleted: () => Promise.resolve(),
  };
  return { actions: new MessageActions(host), events };
}

/** What the client does with a message that arrived: save it, then let the held controls at it. */
async function arrive(store: Store, actions: MessageActions, n: number, sender: string, text: string): Promise<{ m: StoredMessage; deleted: boolean }> {
  const m = await store.saveMessage({ id: b64(id(n)), conversationId: 'g', sender, timestamp: n, body: encodeBody(text), delivery: 'received' });
  await actions.saved(m);
  return { m, deleted: await actions.arrived(m) };
}

test('held edits and deletions keep the author rule: a non-author’s is dropped, the author’s delete leaves a tombstone with the text erased', { timeout: 30_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-held-store-'));
  const store = await createProfile(join(dir, 'profile'), 'pw', { pwhash: PWHASH_LIMITS.min });
  try {
    const { actions, events } = await setUp(store, () => 5_000);
    // Dave forges an edit and a deletion of Carol's message 1; Carol edits message 2 then deletes
    // message 3; Bob reacts to 3. All before the messages.
    await actions.receive('g', 'member:DAVE', { kind: 'edit', id: id(11), sentAt: 1, target: id(1), text: 'FORGED words' });
    await actions.receive('g', 'member:DAVE', { kind: 'delete', id: id(12), sentAt: 2, target: id(1) });
    await actions.receive('g', 'member:CAROL', { kind: 'edit', id: id(13), sentAt: 3, target: id(2), text: 'meet at noon' });
    await actions.receive('g', 'member:BOB', { kind: 'reaction', id: id(14), sentAt: 4, target: id(3), emoji: '😮' });
    await actions.receive('g', 'member:CAROL', { kind: 'delete', id: id(15), sentAt: 5, target: id(3) });
    await actions.receive('g', 'member:CAROL', { kind: 'delete', id: id(15), sentAt: 5, target: id(3) });
    assert.equal(events.length, 0, 'nothing applied while the targets are missing');
    assert.ok(await store.getSetting(SETTINGS.heldControls), 'held in the encrypted settings');

    const first = await arrive(store, actions, 1, 'member:CAROL', 'original plan');
    assert.equal(first.deleted, false);
    assert.deepEqual(decodeBody((await store.getMessage('g', b64(id(1))))!.body).text, 'original plan', 'the forged edit and delete were dropped');
    assert.deepEqual(await store.search('forged'), []);

    await arrive(store, actions, 2, 'member:CAROL', 'meet at ten');
    const edited = decodeBody((await store.getMessage('g', b64(id(2))))!.body);
    assert.deepEqual([edited.text, edited.header.edited], ['meet at noon', 3]);
    assert.deepEqual(await store.search('ten'), [], 'the edited-away text is not searchable');

    const third = await arrive(store, actions, 3, 'member:CAROL', 'SECRETWORD harbour code');
    assert.equal(third.deleted, true);
    const tomb = await store.getMessage('g', b64(id(3)));
    const body = decodeBody(tomb!.body);
    assert.deepEqual([body.text, body.header.deleted, body.header.reactions], ['', true, undefined]);
    assert.deepEqual(await store.search('SECRETWORD'), [], 'the deleted text is not searchable');
    assert.ok(!(await store.history('g')).some((m) => Buffer.from(m.body).includes('SECRETWORD')), 'no stored body holds the text');
    assert.deepEqual(
      events.map((e) => e.type),
      ['edited', 'reaction', 'deleted'],
      'the events a live control would emit, in arrival order; the duplicate delete counted once',
    );
    assert.equal(await store.getSetting(SETTINGS.heldControls), undefined, 'nothing left held');
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('held controls are bounded: 256 per conversation, none older than 7 days, none for a conversation that is gone', async () => {
  const store = new MemoryStore();
  let clock = 1_000_000;
  const { actions, events } = await setUp(store, () => clock);
  // 257 reactions by different members to message 1: the oldest is dropped.
  for (let i = 0; i <= HELD_LIMITS.perConversation; i++) {
    await actions.receive('g', `member:${i}`, { kind: 'reaction', id: Buffer.alloc(16, i % 256).fill(i >> 8, 0, 1), sentAt: i, target: id(1), emoji: '👍' });
  }
  await arrive(store, actions, 1, 'member:CAROL', 'popular');
  const reactions = decodeBody((await store.getMessage('g', b64(id(1))))!.body).header.reactions ?? {};
  assert.equal(Object.keys(reactions).length, HELD_LIMITS.perConversation);
  assert.equal(reactions['member:0'], undefined, 'the oldest went first');
  assert.equal(reactions[`member:${HELD_LIMITS.perConversation}`], '👍');
  events.length = 0;

  // A reaction whose target never arrives: kept a week, then dropped by the sweep; too old is never applied.
  await actions.receive('g', 'member:BOB', { kind: 'reaction', id: id(40), sentAt: 1, target: id(2), emoji: '🎉' });
  await actions.receive('g', 'member:BOB', { kind: 'reaction', id: id(41), sentAt: 1, target: id(3), emoji: '🎉' });
  clock += HELD_LIMITS.maxAgeMs - 1;
  await actions.pruneHeld();
  assert.ok(await store.getSetting(SETTINGS.heldControls), 'still held within the week');
  clock += 1;
  await arrive(store, actions, 3, 'member:CAROL', 'late');
  assert.equal(decodeBody((await store.getMessage('g', b64(id(3))))!.body).header.reactions, undefined, 'a week-old reaction is not applied');
  await actions.pruneHeld();
  assert.equal(await store.getSetting(SETTINGS.heldControls), undefined, 'dropped after a week');
  assert.equal(events.length, 0);

  await actions.receive('g', 'member:BOB', { kind: 'reaction', id: id(42), sentAt: 1, target: id(4), emoji: '🎉' });
  await store.deleteConversation('g');
  await actions.pruneHeld();
  assert.equal(await store.getSetting(SETTINGS.heldControls), undefined, 'dropped with its conversation');
});
