/**
 * Groups through the SDK (issue 6 items 5–6) with a real relay on loopback: create, messages,
 * introductions between members who were not contacts, add, remove (the removed member reads
 * nothing new), leave; and the routing cases only a client can get wrong (SECURITY-TESTS #14,
 * #15, #1): envelopes a relay injects or replays on the wrong path are refused.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '../../src/client/index.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';
import { FAST, connect, until } from './helpers.js';

let relay: RunningRelay;
let dir: string;
/** Every envelope the relay stored, by queue (what a malicious relay sees and can replay). */
const seen: { recvId: Buffer; body: Buffer }[] = [];

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saltline-groups-'));
  relay = await startRelay({ dataDir: dir, store: 'memory' });
  relay.core.store.onAppend((recvId, env) => seen.push({ recvId: Buffer.from(recvId), body: Buffer.from(env.body) }));
});
after(async () => {
  await relay.close();
  await rm(dir, { recursive: true, force: true });
});

async function newClient(name: string): Promise<Client> {
  const c = await Client.inMemory({ name, relay: relay.address, ...FAST });
  await c.start();
  return c;
}

/** Sends and waits until each reader has it in the group's history with the right sender name. */
async function readsAll(sender: Client, group: string, text: string, readers: readonly Client[]): Promise<void> {
  await sender.send(group, text);
  for (const r of readers) {
    await until(async () => (await r.history(group)).some((m) => m.text === text && m.senderName === sender.profile.name), `${r.profile.name} reads "${text}"`);
  }
}

async function memberNames(c: Client, group: string): Promise<string[]> {
  return (await c.groupMembers(group)).map((m) => m.name).sort();
}

/** Queues (recvId hex) that received something while Carol became Alice's contact: Carol's among them. */
let carolQueues: string[] = [];
let alice: Client;
let bob: Client;
let carol: Client;
let dave: Client;
/** The `groupChanged` events each client emitted (conversation ids, in order). */
const changed = new Map<Client, string[]>();
function watchGroups(c: Client): void {
  const seenIds: string[] = [];
  changed.set(c, seenIds);
  c.on((e) => {
    if (e.type !== 'groupChanged') return;
    assert.equal(e.groupId, e.conversationId);
    seenIds.push(e.conversationId);
  });
}
const changesOf = (c: Client, id: string): number => (changed.get(c) ?? []).filter((x) => x === id).length;

test('create a group; members who were not contacts are introduced and everyone reads everyone', async () => {
  [alice, bob, carol, dave] = (await Promise.all(['Alice', 'Bob', 'Carol', 'Dave'].map(newClient))) as [Client, Client, Client, Client];
  for (const c of [alice, bob, carol, dave]) watchGroups(c);
  await connect(alice, bob);
  const beforeCarol = seen.length;
  await connect(alice, carol);
  // Carol's queue for Alice is where Alice's first reply (the handshake's end) went.
  carolQueues = [...new Set(seen.slice(beforeCarol).map((x) => x.recvId.toString('hex')))];
  await connect(alice, dave);

  const created = await alice.createGroup('harbour', ['Bob', 'Carol']);
  assert.deepEqual({ name: created.name, members: created.members, role: created.role }, { name: 'harbour', members: 3, role: 'admin' });
  assert.equal(changesOf(alice, created.id), 1, 'groupChanged on create');
  for (const c of [bob, carol]) await until(async () => (await c.groups()).length === 1, `${c.profile.name} joins`);
  assert.deepEqual(await bob.groups().then((g) => g.map((x) => [x.name, x.members, x.role])), [['harbour', 3, 'member']]);
  for (const c of [bob, carol]) assert.ok(changesOf(c, created.id) >= 1, `groupChanged when ${c.profile.name} joins`);
  assert.equal(changesOf(dave, created.id), 0, 'nothing for a non-member');

  await readsAll(alice, 'harbour', 'hello group', [bob, carol]);
  // Bob and Carol set up a session through an introduction once one of them sends (its key goes over it).
  await readsAll(bob, 'harbour', 'bob here', [alice, carol]);
  await readsAll(carol, 'harbour', 'carol here', [alice, bob]);
  await until(async () => (await memberNames(bob, 'harbour')).includes('Carol'), 'bob learns carol\'s name');
  await until(async () => (await memberNames(carol, 'harbour')).includes('Bob'), 'carol learns bob\'s name');
  assert.deepEqual((await bob.contacts()).map((c) => c.name), ['Alice'], 'an introduced member is not listed as a contact');
  const convs = await carol.conversations();
  assert.ok(convs.some((c) => c.kind === 'group' && c.name === 'harbour' && c.lastMessage !== undefined));
  assert.deepEqual((await bob.search('carol')).map((m) => m.text), ['carol here'], 'group messages are searchable');
});

test('add a member nobody else knows; it reads new messages only', async () => {
  const before = (await alice.history('harbour')).length;
  await alice.addToGroup('harbour', 'Dave');
  await until(async () => (await dave.groups()).length === 1, 'dave joins');
  await readsAll(dave, 'harbour', 'dave says hi', [alice, bob, carol]);
  for (const c of [bob, carol]) await until(async () => (await memberNames(c, 'harbour')).includes('Dave'), `${c.profile.name} meets dave`);
  await readsAll(bob, 'harbour', 'welcome dave', [alice, carol, dave]);
  assert.ok(before >= 3);
  assert.ok(!(await dave.history('harbour')).some((m) => m.text === 'hello group'), 'no earlier messages for a newcomer');
});

test('#14 a removed member cannot read anything sent after its removal, and its messages are refused', async () => {
  const id = (await alice.groups())[0]!.id;
  const counts = [alice, bob, carol, dave].map((c) => changesOf(c, id));
  await alice.removeFromGroup('harbour', 'Carol');
  await until(async () => (await carol.groups())[0]?.role === 'left', 'carol sees she was removed');
  assert.ok(changesOf(alice, id) > counts[0]! && changesOf(carol, id) > counts[2]!, 'groupChanged for the remover and the removed');
  for (const c of [bob, dave]) await until(async () => !(await memberNames(c, 'harbour')).includes('Carol'), `${c.profile.name} applies the removal`);
  assert.ok(changesOf(bob, id) > counts[1]! && changesOf(dave, id) > counts[3]!, 'groupChanged for the others');
  await readsAll(bob, 'harbour', 'after carol left', [alice, dave]);
  await readsAll(alice, 'harbour', 'also after', [bob, dave]);
  assert.ok(!(await carol.history('harbour')).some((m) => m.text === 'after carol left' || m.text === 'also after'));
  await assert.rejects(carol.send('harbour', 'still here?'), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'NOT_A_MEMBER');
  // The relay hands Carol copies of what was sent after her removal (it sees every envelope): she cannot read them.
  const afterRemoval = seen.filter((x) => x.body.length > 1 && x.body[1] === 3).slice(-4);
  for (const q of carolQueues) for (const x of afterRemoval) await relay.core.store.append(Buffer.from(q, 'hex'), x.body, Date.now());
  const r = await carol.sync();
  assert.equal(r.received, 0);
  assert.ok(!(await carol.history('harbour')).some((m) => m.text === 'after carol left' || m.text === 'also after'));

});

test('#14 a plain member cannot add Mallory: its change is refused and Mallory gets no group and no keys', async () => {
  const mallory = await newClient('Mallory');
  try {
    const known = new Set(seen.map((x) => x.recvId.toString('hex')));
    await connect(bob, mallory);
    await assert.rejects(bob.addToGroup('harbour', 'Mallory'), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'UNAUTHORIZED_CHANGE');
    // The relay (which sees every envelope) hands Mallory copies of everything sent so far.
    const mine = [...new Set(seen.map((x) => x.recvId.toString('hex')))].filter((q) => !known.has(q));
    for (const s of seen.filter((x) => x.body.length > 1 && x.body[1] === 3)) for (const q of mine) await relay.core.store.append(Buffer.from(q, 'hex'), s.body, Date.now());
    await mallory.sync();
    assert.deepEqual(await mallory.groups(), []);
    assert.deepEqual(await mallory.conversations().then((c) => c.filter((x) => x.kind === 'group')), []);
    assert.deepEqual(await memberNames(alice, 'harbour'), ['Bob', 'Dave', 'you']);
  } finally {
    await mallory.close();
  }
});

test('#1 #15 the relay replays every envelope into every queue: nothing is accepted twice or on the wrong path', async () => {
  const before = await Promise.all([alice, bob, carol, dave].map((c) => c.history('harbour', { limit: 500 })));
  const direct = await Promise.all([alice, bob, carol, dave].map(async (c) => Promise.all((await c.contacts()).map((x) => c.history(x.id, { limit: 500 })))));
  const queues = [...new Set(seen.map((s) => s.recvId.toString('hex')))];
  const copies = seen.slice();
  for (const q of queues) for (const s of copies) await relay.core.store.append(Buffer.from(q, 'hex'), s.body, Date.now());
  const results = await Promise.all([alice, bob, carol, dave].map((c) => c.sync({ timeoutMs: 20_000 })));
  assert.ok(results.every((r) => r.received === 0), 'nothing new was accepted');
  assert.ok(results.every((r) => r.refused > 0), 'every client refused the copies');
  assert.deepEqual(await Promise.all([alice, bob, carol, dave].map((c) => c.history('harbour', { limit: 500 }))), before, 'group histories unchanged');
  assert.deepEqual(
    await Promise.all([alice, bob, carol, dave].map(async (c) => Promise.all((await c.contacts()).map((x) => c.history(x.id, { limit: 500 }))))),
    direct,
    '1:1 histories unchanged',
  );
  await readsAll(dave, 'harbour', 'still working', [alice, bob]);
});

test('leave: the group goes on without the leaver', async () => {
  await dave.leaveGroup('harbour');
  assert.equal((await dave.groups())[0]?.role, 'left');
  for (const c of [alice, bob]) await until(async () => !(await memberNames(c, 'harbour')).includes('Dave'), `${c.profile.name} sees dave leave`);
  await readsAll(alice, 'harbour', 'just us now', [bob]);
  assert.ok(!(await dave.history('harbour')).some((m) => m.text === 'just us now'));
});

test('rename and admin changes reach every member; only admins may make them', async () => {
  const id = (await alice.groups()).find((g) => g.name === 'harbour')!.id;
  const bobChanges = changesOf(bob, id);
  await alice.renameGroup('harbour', 'quay');
  await until(async () => (await bob.groups()).some((g) => g.name === 'quay'), 'bob sees the new name');
  assert.ok(changesOf(bob, id) > bobChanges, 'groupChanged on rename');
  await assert.rejects(bob.renameGroup('quay', 'mine'), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'UNAUTHORIZED_CHANGE');
  await alice.setGroupAdmin('quay', 'Bob', true);
  await until(async () => (await bob.groups()).find((g) => g.id === id)?.role === 'admin', 'bob becomes an admin');
  assert.deepEqual((await alice.groupMembers('quay')).map((m) => [m.name, m.role]), [['you', 'admin'], ['Bob', 'admin']]);
  await bob.renameGroup('quay', 'harbour');
  await until(async () => (await alice.groups()).some((g) => g.id === id && g.name === 'harbour'), 'alice sees bob\'s rename');
  await alice.setGroupAdmin('harbour', 'Bob', false);
  await until(async () => (await bob.groups()).find((g) => g.id === id)?.role === 'member', 'bob is a plain member again');
  await assert.rejects(bob.setGroupAdmin('harbour', 'Alice', false), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'UNAUTHORIZED_CHANGE');
  await readsAll(bob, 'harbour', 'renamed and back', [alice]);
});

test('concurrent changes: an admin adds while a member leaves; everyone converges and the leave is re-issued', async () => {
  await alice.createGroup('race', ['Bob', 'Dave']);
  for (const c of [bob, dave]) await until(async () => (await c.groups()).some((g) => g.name === 'race'), `${c.profile.name} joins race`);
  await until(async () => (await memberNames(bob, 'race')).includes('Dave') && (await memberNames(dave, 'race')).includes('Bob'), 'bob and dave meet');
  // Both sign a change on the same state, at once.
  await Promise.all([alice.addToGroup('race', 'Carol'), dave.leaveGroup('race')]);
  const expected = ['Alice', 'Bob', 'Carol'];
  const view = async (c: Client): Promise<string[]> => (await c.groupMembers('race')).map((m) => (m.self ? c.profile.name : m.name)).sort();
  for (const c of [alice, bob, carol]) await until(async () => JSON.stringify(await view(c)) === JSON.stringify(expected), `${c.profile.name} converges`);
  await until(async () => (await dave.groups()).find((g) => g.name === 'race')?.role === 'left', 'dave is out');
  await readsAll(carol, 'race', 'carol in the race', [alice, bob]);
  await readsAll(bob, 'race', 'bob in the race', [alice, carol]);
  assert.ok(!(await dave.history('race')).some((m) => m.text === 'bob in the race'));
});

test('a group survives closing and reopening a profile folder (record, queue, keys)', async () => {
  const folder = join(dir, 'erin');
  let erin = await Client.create(folder, 'pass', { name: 'Erin', relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
  try {
    await erin.start();
    await connect(erin, bob);
    await erin.createGroup('pier', ['Bob']);
    await until(async () => (await bob.groups()).some((g) => g.name === 'pier'), 'bob joins pier');
    await readsAll(erin, 'pier', 'before closing', [bob]);
    await erin.close();
    await bob.send('pier', 'while erin was away');
    await bob.flush();
    erin = await Client.open(folder, 'pass', FAST);
    await erin.sync();
    assert.deepEqual(
      (await erin.history('pier')).map((m) => [m.senderName, m.text]),
      [
        ['Erin', 'before closing'],
        ['Bob', 'while erin was away'],
      ],
    );
    await readsAll(erin, 'pier', 'back again', [bob]);
  } finally {
    await erin.close();
  }
});

test('cleanup', async () => {
  await Promise.all([alice, bob, carol, dave].map((c) => c.close()));
});

