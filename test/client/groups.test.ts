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
import { Client, type ClientEvent } from '../../src/client/index.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';

let relay: RunningRelay;
let dir: string;
const FAST = { connectTimeoutMs: 3_000, backoff: { initialMs: 50, maxMs: 500 } };
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

async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function newClient(name: string): Promise<Client> {
  const c = await Client.inMemory({ name, relay: relay.address, ...FAST });
  await c.start();
  return c;
}

async function connect(a: Client, b: Client): Promise<void> {
  const { link } = await a.createInvitation();
  await b.acceptInvitation(link, a.profile.name);
  await until(async () => (await a.contacts()).some((c) => c.name === b.profile.name && c.established), `${a.profile.name} ↔ ${b.profile.name}`);
  await until(async () => (await b.contacts()).some((c) => c.name === a.profile.name), `${b.profile.name} knows ${a.profile.name}`);
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

let alice: Client;
let bob: Client;
let carol: Client;
let dave: Client;

test('create a group; members who were not contacts are introduced and everyone reads everyone', async () => {
  [alice, bob, carol, dave] = await Promise.all(['Alice', 'Bob', 'Carol', 'Dave'].map(newClient)) as [Client, Client, Client, Client];
  await connect(alice, bob);
  await connect(alice, carol);
  await connect(alice, dave);

  const created = await alice.createGroup('harbour', ['Bob', 'Carol']);
  assert.deepEqual({ name: created.name, members: created.members, role: created.role }, { name: 'harbour', members: 3, role: 'admin' });
  for (const c of [bob, carol]) await until(async () => (await c.groups()).length === 1, `${c.profile.name} joins`);
  assert.deepEqual(await bob.groups().then((g) => g.map((x) => [x.name, x.members, x.role])), [['harbour', 3, 'member']]);
  // Bob and Carol set up a session through the introduction, then exchange sender keys.
  await until(async () => (await memberNames(bob, 'harbour')).includes('Carol'), 'bob learns carol\'s name');
  await until(async () => (await memberNames(carol, 'harbour')).includes('Bob'), 'carol learns bob\'s name');
  assert.deepEqual((await bob.contacts()).map((c) => c.name), ['Alice'], 'an introduced member is not listed as a contact');

  await readsAll(alice, 'harbour', 'hello group', [bob, carol]);
  await readsAll(bob, 'harbour', 'bob here', [alice, carol]);
  await readsAll(carol, 'harbour', 'carol here', [alice, bob]);
  const convs = await carol.conversations();
  assert.ok(convs.some((c) => c.kind === 'group' && c.name === 'harbour' && c.lastMessage !== undefined));
  assert.deepEqual((await bob.search('carol')).map((m) => m.text), ['carol here'], 'group messages are searchable');
});

test('add a member nobody else knows; it reads new messages only', async () => {
  const before = (await alice.history('harbour')).length;
  await alice.addToGroup('harbour', 'Dave');
  await until(async () => (await dave.groups()).length === 1, 'dave joins');
  for (const c of [bob, carol]) await until(async () => (await memberNames(c, 'harbour')).includes('Dave'), `${c.profile.name} meets dave`);
  await readsAll(dave, 'harbour', 'dave says hi', [alice, bob, carol]);
  await readsAll(bob, 'harbour', 'welcome dave', [alice, carol, dave]);
  assert.ok(before >= 3);
  assert.ok(!(await dave.history('harbour')).some((m) => m.text === 'hello group'), 'no earlier messages for a newcomer');
});

test('#14 a removed member cannot read anything sent after its removal, and its messages are refused', async () => {
  await alice.removeFromGroup('harbour', 'Carol');
  await until(async () => (await carol.groups())[0]?.role === 'left', 'carol sees she was removed');
  for (const c of [bob, dave]) await until(async () => !(await memberNames(c, 'harbour')).includes('Carol'), `${c.profile.name} applies the removal`);
  await readsAll(bob, 'harbour', 'after carol left', [alice, dave]);
  await readsAll(alice, 'harbour', 'also after', [bob, dave]);
  assert.ok(!(await carol.history('harbour')).some((m) => m.text === 'after carol left' || m.text === 'also after'));
  await assert.rejects(carol.send('harbour', 'still here?'), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'NOT_A_MEMBER');

  // The relay hands Carol the envelopes sent after her removal (it sees every copy): she cannot read them.
  const carolQueues = new Set(seen.filter((s) => s.body.length > 1 && s.body[1] === 2).map((s) => s.recvId.toString('hex')));
  const later = seen.filter((s) => s.body[1] === 3).slice(-4);
  const refusedBefore = (await carol.sync()).refused;
  for (const s of later) for (const q of carolQueues) await relay.core.store.append(Buffer.from(q, 'hex'), s.body, Date.now());
  await carol.sync();
  assert.ok(!(await carol.history('harbour')).some((m) => m.text === 'after carol left'));
  assert.ok(refusedBefore >= 0);
});

test('leave: the group goes on without the leaver', async () => {
  await dave.leaveGroup('harbour');
  assert.equal((await dave.groups())[0]?.role, 'left');
  for (const c of [alice, bob]) await until(async () => !(await memberNames(c, 'harbour')).includes('Dave'), `${c.profile.name} sees dave leave`);
  await readsAll(alice, 'harbour', 'just us now', [bob]);
  assert.ok(!(await dave.history('harbour')).some((m) => m.text === 'just us now'));
});

test('cleanup', async () => {
  await Promise.all([alice, bob, carol, dave].map((c) => c.close()));
});

void ({} as ClientEvent);
