/**
 * Group attacks at the SDK level (issue 6 §Tests; SECURITY-TESTS #1 #2 #3 #13 #16 #17 #20): real
 * clients and a real relay on loopback, with a proxy in front of Bob that holds, reorders,
 * duplicates and drops what the relay pushes to him, and a relay that injects and replays
 * envelopes. "Refused" means: nothing shown, nothing changed, the next genuine message works.
 */
import assert from 'node:assert/strict';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { Client } from '../../src/client/index.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { decodeReply } from '../../src/protocol/relayWire/frames.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';
import { FAST, connect, until } from './helpers.js';
import { closeTogether } from '../helpers/linkedSockets.js';

const GROUP_TYPE = 3;

interface Proxy {
  readonly url: string;
  /** While set, pushed group messages are kept here instead of forwarded. */
  hold: boolean;
  readonly held: Buffer[];
  /** Sends frames to every connected client. */
  push(frames: readonly Buffer[]): void;
  close(): Promise<void>;
}

/** A relay in the middle: forwards everything, except that it can hold back pushed group messages. */
async function meddlingProxy(target: string): Promise<Proxy> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const clients = new Set<WebSocket>();
  const proxy: Proxy = {
    url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`,
    hold: false,
    held: [],
    push: (frames) => {
      for (const c of clients) for (const f of frames) c.send(f);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
  wss.on('connection', (client) => {
    clients.add(client);
    const upstream = new WebSocket(target);
    const early: Buffer[] = [];
    upstream.on('open', () => early.splice(0).forEach((f) => upstream.send(f)));
    client.on('message', (d: Buffer) => (upstream.readyState === upstream.OPEN ? upstream.send(d) : early.push(d)));
    upstream.on('message', (d: Buffer) => {
      const frame = Buffer.from(d);
      let group: boolean;
      try {
        const reply = decodeReply(frame);
        group = reply.kind === 'MSG' && reply.envelope[1] === GROUP_TYPE;
      } catch {
        group = false;
      }
      if (group && proxy.hold) proxy.held.push(frame);
      else client.send(frame);
    });
    closeTogether(client, upstream, () => clients.delete(client));
  });
  return proxy;
}

let dir: string;
let relay: RunningRelay;
let proxy: Proxy;
let alice: Client;
let bob: Client;
let carol: Client;
let dave: Client;
const bobFolder = (): string => join(dir, 'bob');
const daveFolder = (): string => join(dir, 'dave');
/** Every envelope the relay stored: what a malicious relay can replay or inject. */
const seen: { recvId: Buffer; body: Buffer }[] = [];

const texts = async (c: Client, group = 'yard'): Promise<string[]> => (await c.history(group, { limit: 500 })).map((m) => m.text);

async function readsAll(sender: Client, text: string, readers: readonly Client[]): Promise<void> {
  await sender.send('yard', text);
  for (const r of readers) await until(async () => (await r.history('yard', { limit: 500 })).some((m) => m.text === text && m.senderName === sender.profile.name), `${r.profile.name} reads "${text}"`);
}

/** Queues (recvId hex) that a client's envelopes went to while `act` ran. */
async function queuesHit(act: () => Promise<void>): Promise<Set<string>> {
  const from = seen.length;
  await act();
  return new Set(seen.slice(from).map((s) => s.recvId.toString('hex')));
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saltline-group-attacks-'));
  relay = await startRelay({ dataDir: dir, store: 'memory', tls: false });
  relay.core.store.onAppend((recvId, env) => seen.push({ recvId: Buffer.from(recvId), body: Buffer.from(env.body) }));
  proxy = await meddlingProxy(relay.address);
  alice = await Client.inMemory({ name: 'Alice', relay: relay.address, ...FAST });
  bob = await Client.create(bobFolder(), 'pw', { name: 'Bob', relay: proxy.url, pwhash: PWHASH_LIMITS.min, ...FAST });
  carol = await Client.inMemory({ name: 'Carol', relay: relay.address, ...FAST });
  dave = await Client.create(daveFolder(), 'pw', { name: 'Dave', relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
  for (const c of [alice, bob, carol, dave]) await c.start();
  for (const c of [bob, carol, dave]) await connect(alice, c);
  await alice.createGroup('yard', ['Bob', 'Carol', 'Dave']);
  for (const c of [bob, carol, dave]) await until(async () => (await c.groups()).length === 1, `${c.profile.name} joins`);
  for (const c of [alice, bob, carol, dave]) await readsAll(c, `${c.profile.name} is here`, [alice, bob, carol, dave].filter((x) => x !== c));
});

after(async () => {
  await Promise.all([alice, bob, carol, dave].map((c) => c?.close().catch(() => undefined)));
  await proxy?.close();
  await relay?.close();
  await rm(dir, { recursive: true, force: true });
});

test('#2 #3 #17 group messages reordered, duplicated and dropped on the way to a member decrypt exactly once', async () => {
  proxy.hold = true;
  const sent = Array.from({ length: 12 }, (_, i) => `burst ${i}`);
  for (const t of sent) await alice.send('yard', t);
  await alice.flush();
  await until(() => Promise.resolve(proxy.held.length >= sent.length), 'the proxy holds the burst');
  proxy.hold = false;
  const frames = proxy.held.splice(0);
  // Reversed, each twice, and three of them held back ("dropped") for now.
  const dropped = new Set([1, 5, 9]);
  const first = frames.map((f, i) => ({ f, i })).filter(({ i }) => !dropped.has(i)).reverse();
  proxy.push(first.flatMap(({ f }) => [f, f]));
  const delivered = sent.filter((_, i) => !dropped.has(i));
  const hasAll = async (want: readonly string[]): Promise<boolean> => {
    const got = await texts(bob);
    return want.every((t) => got.includes(t));
  };
  await until(() => hasAll(delivered), 'bob reads what got through');
  const seenByBob = await texts(bob);
  assert.ok(!sent.filter((_, i) => dropped.has(i)).some((t) => seenByBob.includes(t)), 'the dropped ones are not there yet');
  // The dropped ones arrive late (and twice): each is shown once.
  proxy.push(frames.filter((_, i) => dropped.has(i)).flatMap((f) => [f, f]));
  await until(() => hasAll(sent), 'bob reads the late ones');
  const all = await texts(bob);
  for (const t of sent) assert.equal(all.filter((x) => x === t).length, 1, `"${t}" exactly once`);
  await readsAll(alice, 'after the burst', [bob]);
});

test('#13 #16 a member forging another member as sender is refused (its own message under Alice\'s key id)', async () => {
  const aliceMessage = seen.filter((s) => s.body[1] === GROUP_TYPE).at(-1)!.body;
  const aliceKeyId = aliceMessage.subarray(2, 18);
  const bobQueues = await queuesHit(() => readsAll(carol, 'carol, genuinely', [bob]));
  const carolMessage = seen.filter((s) => s.body[1] === GROUP_TYPE && bobQueues.has(s.recvId.toString('hex'))).at(-1)!.body;
  const forged = Buffer.from(carolMessage);
  aliceKeyId.copy(forged, 2);
  const before = await bob.history('yard', { limit: 500 });
  for (const q of bobQueues) await relay.core.store.append(Buffer.from(q, 'hex'), forged, Date.now());
  const r = await bob.sync();
  assert.equal(r.received, 0);
  assert.ok(r.refused >= 1);
  assert.deepEqual(await bob.history('yard', { limit: 500 }), before, 'nothing shown, as Alice or as Carol');
  await readsAll(alice, 'alice still reads as alice', [bob]);
  await readsAll(carol, 'carol still reads as carol', [bob]);
});

test('#1 #20 old group changes replayed to a restarted member are refused; its state is unchanged', async () => {
  const id = (await alice.groups())[0]!.id;
  const fromChanges = seen.length;
  await alice.renameGroup('yard', 'yard-2');
  await until(async () => (await bob.groups())[0]?.name === 'yard-2', 'bob sees the rename');
  await alice.renameGroup('yard-2', 'yard');
  await until(async () => (await bob.groups())[0]?.name === 'yard', 'bob sees the name back');
  const changes = seen.slice(fromChanges);
  // Bob restarts (so the transport's memory of message ids is gone); the relay replays both changes.
  await bob.close();
  bob = await Client.open(bobFolder(), 'pw', FAST);
  for (const s of changes) await relay.core.store.append(s.recvId, s.body, Date.now());
  const r = await bob.sync();
  assert.equal(r.received, 0);
  assert.ok(r.refused >= 2, `replays refused (${r.refused})`);
  const g = (await bob.groups())[0]!;
  assert.deepEqual([g.id, g.name, g.members, g.role], [id, 'yard', 4, 'member']);
  await bob.start();
  await readsAll(alice, 'after the replay', [bob]);
  await readsAll(bob, 'bob after the replay', [alice, carol]);
});

test('#13 a removed member keeping its old state can neither read the group nor send to it', async () => {
  // A copy of Dave's profile from before his removal: the "old state" he keeps.
  await dave.close();
  await cp(daveFolder(), join(dir, 'dave-old'), { recursive: true });
  dave = await Client.open(daveFolder(), 'pw', FAST);
  await dave.start();
  const withDave = await queuesHit(() => readsAll(bob, 'bob before the removal', [alice, carol, dave]));

  await alice.removeFromGroup('yard', 'Dave');
  await until(async () => (await dave.groups())[0]?.role === 'left', 'dave sees he was removed');
  for (const c of [bob, carol]) await until(async () => (await c.groups())[0]?.members === 3, `${c.profile.name} applies the removal`);
  const withoutDave = await queuesHit(() => readsAll(bob, 'bob without dave', [alice, carol]));
  const daveQueues = [...withDave].filter((q) => !withoutDave.has(q));
  assert.ok(daveQueues.length > 0);

  // Dave swaps in his old copy (the real profile, which applied the removal, stays closed).
  await dave.close();
  const old = await Client.open(join(dir, 'dave-old'), 'pw', FAST);
  try {
    assert.equal((await old.groups())[0]?.role, 'member', 'the old copy still thinks it is a member');
    // The relay hands him what was sent after his removal: he cannot read it.
    const after = seen.filter((s) => s.body[1] === GROUP_TYPE && withoutDave.has(s.recvId.toString('hex'))).map((s) => s.body);
    for (const q of daveQueues) for (const body of after) await relay.core.store.append(Buffer.from(q, 'hex'), body, Date.now());
    await old.sync();
    assert.ok(!(await texts(old)).includes('bob without dave'));
    // He sends with his old sender key: every member refuses it.
    await old.send('yard', 'let me back in');
    await old.flush();
    for (const c of [alice, bob, carol]) {
      await c.sync();
      assert.ok(!(await texts(c)).includes('let me back in'), `${c.profile.name} refuses it`);
    }
  } finally {
    await old.close();
  }
  await readsAll(carol, 'carol after dave tried', [alice, bob]);
});
