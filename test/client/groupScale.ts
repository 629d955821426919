/**
 * A large group through the SDK (issue 6 item 6, "groups of at least 1,000 members work"), shared
 * by test/client/groupScale.test.ts and a direct run (`node dist/test/client/groupScale.js 1000`).
 *
 * Every member is a real `Client` with its own in-memory store and a real relay on loopback. Four
 * take part (Alice the admin, Bob and Carol who send, Dave who is removed); the others are cheap:
 * each accepts Alice's invitation, sends its handshake and closes, so it is a member whose queue
 * collects its welcome and introductions but who never reads them. What is checked: the group is
 * created with everyone, a message from a member reaches the members online, members who only read
 * set up no sessions, and a removal rekeys (the removed member reads nothing afterwards).
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '../../src/client/index.js';
import { startRelay } from '../../src/relay/wsServer.js';
import { until } from './helpers.js';

const FAST = { connectTimeoutMs: 30_000, backoff: { initialMs: 50, maxMs: 500 } };
/** Cheap members joining at once (each opens a connection to the relay). */
const JOINING_AT_ONCE = 20;

export interface ScaleResult {
  readonly members: number;
  /** Wall times of each step, ms (informative only: tests never assert timings). */
  readonly ms: Record<string, number>;
}

/** Runs the scenario with `members` members in all (at least 5). */
export async function groupAtScale(members: number, log: (line: string) => void = () => undefined): Promise<ScaleResult> {
  assert.ok(members >= 5);
  const dir = await mkdtemp(join(tmpdir(), 'saltline-group-scale-'));
  const relay = await startRelay({ dataDir: dir, store: 'memory' });
  const clients: Client[] = [];
  const ms: Record<string, number> = {};
  let t = Date.now();
  const step = (name: string): void => {
    ms[name] = Date.now() - t;
    log(`${name}: ${ms[name]} ms`);
    t = Date.now();
  };
  const wait = (check: () => Promise<boolean>, what: string): Promise<void> => until(check, what, 60_000 + members * 60);
  try {
    const open = async (name: string): Promise<Client> => {
      const c = await Client.inMemory({ name, relay: relay.address, ...FAST });
      clients.push(c);
      return c;
    };
    const [alice, bob, carol, dave] = await Promise.all(['Alice', 'Bob', 'Carol', 'Dave'].map(open));
    if (!alice || !bob || !carol || !dave) throw new Error('unreachable');
    for (const c of [alice, bob, carol, dave]) await c.start();
    for (const c of [bob, carol, dave]) await c.acceptInvitation((await alice.createInvitation()).link, 'Alice');

    // The cheap members: a handshake each, then gone.
    const cheap = members - 4;
    for (let i = 0; i < cheap; i += JOINING_AT_ONCE) {
      await Promise.all(
        Array.from({ length: Math.min(JOINING_AT_ONCE, cheap - i) }, async (_, j) => {
          const { link } = await alice.createInvitation();
          const c = await Client.inMemory({ name: `m${i + j}`, relay: relay.address, ...FAST });
          try {
            await c.acceptInvitation(link, 'Alice');
            await c.flush();
          } finally {
            await c.close();
          }
        }),
      );
    }
    await wait(async () => (await alice.contacts()).filter((c) => c.established).length === members - 1, 'alice knows everyone');
    step('contacts');

    const created = await alice.createGroup('thousand', (await alice.contacts()).map((c) => c.id));
    assert.equal(created.members, members);
    await alice.flush({ timeoutMs: 60_000 });
    step('create');
    for (const c of [bob, carol, dave]) await wait(async () => (await c.groups())[0]?.members === members, `${c.profile.name} joins`);
    step('join');

    const readsIt = async (sender: Client, text: string, readers: readonly Client[]): Promise<void> => {
      await sender.send('thousand', text);
      for (const r of readers) await wait(async () => (await r.history('thousand')).some((m) => m.text === text && m.senderName === sender.profile.name), `${r.profile.name} reads "${text}"`);
    };
    await readsIt(bob, 'hello, a thousand', [alice, carol, dave]);
    step('first message (Bob introduces himself to every member)');
    await readsIt(carol, 'carol too', [alice, bob, dave]);
    step('second sender');
    await readsIt(bob, 'bob again', [alice, carol, dave]);
    step('a later message');
    // Dave only read: he introduced himself to nobody, and knows only Alice, Bob and Carol.
    assert.equal((await dave.groupMembers('thousand')).filter((m) => !m.name.startsWith('member ')).length, 4);

    await alice.removeFromGroup('thousand', 'Dave');
    await wait(async () => (await dave.groups())[0]?.role === 'left', 'dave sees he was removed');
    for (const c of [bob, carol]) await wait(async () => (await c.groups())[0]?.members === members - 1, `${c.profile.name} applies the removal`);
    step('remove');
    await readsIt(bob, 'without dave', [alice, carol]);
    await readsIt(carol, 'carol without dave', [alice, bob]);
    step('messages after the removal');
    await dave.sync();
    const daveRead = (await dave.history('thousand', { limit: 500 })).map((m) => m.text);
    assert.ok(!daveRead.includes('without dave') && !daveRead.includes('carol without dave'), 'the removed member reads nothing new');
    await assert.rejects(dave.send('thousand', 'still here'), (e: unknown) => e instanceof Error && 'code' in e && e.code === 'NOT_A_MEMBER');
    return { members, ms };
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const n = Number(process.argv[2] ?? 1000);
  const r = await groupAtScale(n, (line) => console.log(line));
  console.log(JSON.stringify(r));
}
