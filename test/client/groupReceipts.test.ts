/**
 * Delivery and read receipts for group messages (issue 8 item 3; docs/groups.md "Receipts"), with
 * real clients on a loopback relay: each member tells the author alone, over their 1:1 session;
 * the author's message is `delivered` once every member it went to has it and `read` once every
 * one of them read it. The author's bookkeeping (src/client/groupReceipts.ts) is also driven
 * directly over a real store for receipts a client cannot be made to send honestly: for another
 * group's message, from someone it was not sent to, repeated.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '../../src/client/index.js';
import { GROUP_RECEIPT_LIMITS, GroupReceipts } from '../../src/client/groupReceipts.js';
import { SETTINGS } from '../../src/client/records.js';
import type { ClientEvent } from '../../src/client/types.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';
import { MemoryStore } from '../../src/store/index.js';
import { FAST, connect, until } from './helpers.js';

const PASSPHRASE = 'group receipts';
let relay: RunningRelay;
let dir: string;
let carolDir: string;
let alice: Client;
let bob: Client;
let carol: Client;
const aliceEvents: ClientEvent[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saltline-group-receipts-'));
  relay = await startRelay({ dataDir: dir, store: 'memory' });
  carolDir = join(dir, 'carol');
  alice = await Client.inMemory({ name: 'Alice', relay: relay.address, ...FAST });
  bob = await Client.inMemory({ name: 'Bob', relay: relay.address, ...FAST });
  // Carol keeps a profile folder: she is closed and opened again.
  carol = await Client.create(carolDir, PASSPHRASE, { name: 'Carol', relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
  alice.on((e) => aliceEvents.push(e));
  for (const c of [alice, bob, carol]) await c.start();
  await connect(alice, bob);
  await connect(alice, carol);
  await alice.createGroup('harbour', ['Bob', 'Carol']);
  for (const c of [bob, carol]) await until(async () => (await c.groups()).length === 1, `${c.profile.name} joins`);
});
after(async () => {
  await Promise.all([alice, bob, carol].map((c) => c.close()));
  await relay.close();
  await rm(dir, { recursive: true, force: true });
});

async function stateAt(c: Client, text: string): Promise<string | undefined> {
  return (await c.history('harbour')).find((m) => m.text === text && m.outgoing)?.state;
}

async function has(c: Client, text: string): Promise<boolean> {
  return (await c.history('harbour')).some((m) => m.text === text);
}

/**
 * Once Alice has a 1:1 message `member` sent after everything before it, she has processed what
 * `member` sent her before (receipts included): one queue, delivered and handled in order.
 */
async function drained(member: Client, text: string): Promise<void> {
  await member.send('Alice', text);
  await until(async () => (await alice.history(member.profile.name)).some((m) => m.text === text), `alice has "${text}" from ${member.profile.name}`);
}

test('an own group message is delivered once every member has it, and read once every member read it', async () => {
  await carol.close();
  const sent = await alice.send('harbour', 'tide at six');
  await until(async () => has(bob, 'tide at six'), 'bob has it');
  await until(async () => (await stateAt(alice, 'tide at six')) === 'sent', 'the relay has it');
  await drained(bob, 'bob drained 1');
  assert.equal(await stateAt(alice, 'tide at six'), 'sent', 'not delivered while carol has not got it');

  carol = await Client.open(carolDir, PASSPHRASE, FAST);
  await carol.start();
  await until(async () => has(carol, 'tide at six'), 'carol has it after she is back');
  await until(async () => (await stateAt(alice, 'tide at six')) === 'delivered', 'delivered once carol has it');

  await bob.markRead('harbour');
  await drained(bob, 'bob drained 2');
  assert.equal(await stateAt(alice, 'tide at six'), 'delivered', 'one reader is not everyone');
  await carol.markRead('harbour');
  await until(async () => (await stateAt(alice, 'tide at six')) === 'read', 'read once both read it');

  const states = aliceEvents.filter((e) => e.type === 'delivery' && e.messageId === sent.id).map((e) => (e.type === 'delivery' ? e.state : ''));
  assert.deepEqual(states.slice(-2), ['delivered', 'read'], 'the same delivery events as for a 1:1 message');
  // Only the author learns it: bob's copy of the message is his, without states of others.
  assert.equal((await bob.history('harbour')).find((m) => m.text === 'tide at six')?.outgoing, false);
});

test('a member with read receipts off: the message is delivered but never read', async () => {
  await bob.setReadReceipts(false);
  try {
    await alice.send('harbour', 'storm warning');
    await until(async () => (await stateAt(alice, 'storm warning')) === 'delivered', 'delivered to both');
    await carol.markRead('harbour');
    await bob.markRead('harbour');
    await drained(carol, 'carol drained');
    await drained(bob, 'bob drained 3');
    assert.equal(await stateAt(alice, 'storm warning'), 'delivered', 'bob sent no read receipt');
  } finally {
    await bob.setReadReceipts(true);
  }
});

test('a member’s message: the others’ receipts reach it, one over the 1:1 session the group introduced', async () => {
  await bob.send('harbour', 'bob checks in');
  await until(async () => (await stateAt(bob, 'bob checks in')) === 'delivered', 'delivered to alice and carol');
  assert.deepEqual((await carol.contacts()).map((c) => c.name), ['Alice'], 'bob is only a group member to carol');
  await alice.markRead('harbour');
  await carol.markRead('harbour');
  await until(async () => (await stateAt(bob, 'bob checks in')) === 'read', 'read by both');
});

test('a member removed after the send is no longer waited for', async () => {
  await carol.close();
  await alice.send('harbour', 'low water');
  await until(async () => has(bob, 'low water'), 'bob has it');
  await drained(bob, 'bob drained 4');
  assert.equal(await stateAt(alice, 'low water'), 'sent');
  await alice.removeFromGroup('harbour', 'Carol');
  await until(async () => (await stateAt(alice, 'low water')) === 'delivered', 'delivered from the remaining member');
  await bob.markRead('harbour');
  await until(async () => (await stateAt(alice, 'low water')) === 'read', 'read by the remaining member');
  carol = await Client.open(carolDir, PASSPHRASE, FAST);
});

// ---- the author's bookkeeping over a real store -------------------------------------------------

const BOB = 'b'.repeat(64);
const CAROL = 'c'.repeat(64);
const DAVE = 'd'.repeat(64);
const members = (byGroup: Record<string, string[]>) => (conversationId: string) => Promise.resolve(byGroup[conversationId] && new Set(byGroup[conversationId]));

test('receipts for a message we do not wait on, or from someone it was not sent to, change nothing', async () => {
  const store = new MemoryStore();
  const receipts = new GroupReceipts(store);
  const groups = members({ g1: [BOB, CAROL], g2: [CAROL, DAVE] });
  await receipts.track('g1', 'm1', [BOB, CAROL]);
  await receipts.track('g2', 'm2', [CAROL, DAVE]);
  const saved = Buffer.from((await store.getSetting(SETTINGS.groupReceipts))!);
  // Bob is not in g2, and "x" is no message of ours (another conversation's, someone else's).
  assert.deepEqual(await receipts.receive(BOB, ['m2', 'x'], 'read', groups), []);
  assert.deepEqual(Buffer.from((await store.getSetting(SETTINGS.groupReceipts))!), saved, 'nothing written');
  // The same id in a receipt from a member it was sent to does count.
  assert.deepEqual(await receipts.receive(CAROL, ['m2'], 'delivered', groups), []);
  assert.deepEqual(await receipts.receive(DAVE, ['m2'], 'delivered', groups), [{ conversationId: 'g2', id: 'm2', state: 'delivered' }]);
});

test('#17 a repeated receipt counts once; a read receipt implies delivery', async () => {
  const receipts = new GroupReceipts(new MemoryStore());
  const groups = members({ g1: [BOB, CAROL] });
  await receipts.track('g1', 'm1', [BOB, CAROL]);
  for (let i = 0; i < 3; i++) assert.deepEqual(await receipts.receive(BOB, ['m1', 'm1'], 'delivered', groups), []);
  assert.deepEqual(await receipts.receive(BOB, ['m1'], 'read', groups), []);
  assert.deepEqual(await receipts.receive(CAROL, ['m1'], 'read', groups), [{ conversationId: 'g1', id: 'm1', state: 'read' }]);
  // Done: the message is no longer tracked.
  assert.deepEqual(await receipts.receive(CAROL, ['m1'], 'read', groups), []);
});

test('members who left are not waited for; a gone group or a deleted message is forgotten', async () => {
  const store = new MemoryStore();
  const receipts = new GroupReceipts(store);
  await receipts.track('g1', 'm1', [BOB, CAROL]);
  await receipts.track('g1', 'm2', [BOB, CAROL]);
  assert.deepEqual(await receipts.receive(BOB, ['m1', 'm2'], 'delivered', members({ g1: [BOB, CAROL] })), []);
  assert.deepEqual(await receipts.membersChanged('g1', new Set([BOB])), [
    { id: 'm1', state: 'delivered' },
    { id: 'm2', state: 'delivered' },
  ]);
  // A receipt from a member who left does not count (and is not waited for).
  await receipts.track('g1', 'm3', [BOB, CAROL]);
  assert.deepEqual(await receipts.receive(CAROL, ['m3'], 'read', members({ g1: [BOB] })), []);
  assert.deepEqual(await receipts.receive(BOB, ['m3'], 'read', members({ g1: [BOB] })), [{ conversationId: 'g1', id: 'm3', state: 'read' }]);
  // Everyone it went to left before answering: nothing is reached (it is not "read" by nobody).
  await receipts.track('g3', 'm4', [BOB, CAROL]);
  assert.deepEqual(await receipts.receive(CAROL, ['m4'], 'read', members({ g3: [BOB] })), [], 'a receipt from a member who left');
  assert.deepEqual(await receipts.membersChanged('g3', new Set()), []);
  assert.deepEqual(await receipts.receive(BOB, ['m4'], 'read', members({ g3: [BOB] })), [], 'm4 is forgotten');
  // One had it, then everyone left: delivered, not read.
  await receipts.track('g3', 'm5', [BOB, CAROL]);
  assert.deepEqual(await receipts.receive(BOB, ['m5'], 'delivered', members({ g3: [BOB, CAROL] })), []);
  assert.deepEqual(await receipts.membersChanged('g3', new Set()), [{ id: 'm5', state: 'delivered' }]);
  assert.deepEqual(await receipts.receive(BOB, ['m1'], 'delivered', members({})), [], 'group gone');
  await receipts.forget(['m2']);
  assert.deepEqual(await receipts.receive(BOB, ['m2'], 'read', members({ g1: [BOB] })), [], 'deleted message');
  assert.equal(await store.getSetting(SETTINGS.groupReceipts), undefined, 'nothing left to wait for');
});

test('bounds: only the newest messages per group, and groups up to the member limit', async () => {
  const receipts = new GroupReceipts(new MemoryStore());
  const groups = members({ g1: [BOB] });
  for (let i = 0; i <= GROUP_RECEIPT_LIMITS.perGroup; i++) await receipts.track('g1', `m${i}`, [BOB]);
  assert.deepEqual(await receipts.receive(BOB, ['m0'], 'read', groups), [], 'the oldest is no longer tracked');
  assert.deepEqual(await receipts.receive(BOB, ['m1'], 'read', groups), [{ conversationId: 'g1', id: 'm1', state: 'read' }]);
  const big = Array.from({ length: GROUP_RECEIPT_LIMITS.members + 1 }, (_, i) => i.toString(16).padStart(64, '0'));
  await receipts.track('g2', 'm', big);
  assert.deepEqual(await receipts.receive(big[0]!, ['m'], 'read', members({ g2: big })), [], 'too big a group is not tracked');
});
