/**
 * SECURITY-TESTS #1 and #17 at the SDK level: a relay that replays old envelopes to a client that
 * restarted (so the transport's in-memory de-duplication is empty) and duplicates live ones. The
 * ratchet refuses every replay, nothing is shown twice, and the next genuine message still works.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { Client } from '../../src/client/index.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { decodeReply } from '../../src/protocol/relayWire/frames.js';
import { startRelay } from '../../src/relay/wsServer.js';
import { FAST } from './helpers.js';
import { closeTogether } from '../helpers/linkedSockets.js';


/** Forwards everything; remembers every pushed message and, when asked, pushes them all again after each new one. */
async function replayingProxy(target: string): Promise<{ url: string; replay: boolean; close(): Promise<void> }> {
  const seen: Buffer[] = [];
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  const state = { url: `ws://127.0.0.1:${(wss.address() as { port: number }).port}`, replay: false, close: async () => {} };
  wss.on('connection', (client) => {
    const upstream = new WebSocket(target);
    const early: Buffer[] = [];
    upstream.on('open', () => early.splice(0).forEach((f) => upstream.send(f)));
    client.on('message', (d: Buffer) => (upstream.readyState === upstream.OPEN ? upstream.send(d) : early.push(d)));
    upstream.on('message', (d: Buffer) => {
      const frame = Buffer.from(d);
      client.send(frame);
      let isMessage: boolean;
      try {
        isMessage = decodeReply(frame).kind === 'MSG';
      } catch {
        isMessage = false;
      }
      if (!isMessage) return;
      client.send(frame); // every live push twice
      if (state.replay) for (const old of seen) client.send(old);
      seen.push(frame);
    });
    closeTogether(client, upstream);
  });
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const c of wss.clients) c.terminate();
      wss.close(() => resolve());
    });
  return state;
}

/** Syncs until `done` holds for the sums of what the syncs took in (at most 20 rounds). */
async function syncUntil(c: Client, done: (r: { received: number; refused: number }) => boolean): Promise<{ received: number; refused: number }> {
  const total = { received: 0, refused: 0 };
  for (let round = 0; round < 20 && !done(total); round++) {
    const r = await c.sync();
    total.received += r.received;
    total.refused += r.refused;
  }
  return total;
}

test('#1 #17 replayed and duplicated envelopes are refused by the ratchet and shown once, even after a restart', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-replay-'));
  const relay = await startRelay({ dataDir: dir, store: 'memory', tls: false });
  const proxy = await replayingProxy(relay.address);
  const alice = await Client.inMemory({ name: 'Alice', relay: relay.address, ...FAST });
  const bobDir = join(dir, 'bob');
  let bob = await Client.create(bobDir, 'pw', { name: 'Bob', relay: proxy.url, pwhash: PWHASH_LIMITS.min, ...FAST });
  try {
    await alice.start();
    const { link } = await bob.createInvitation();
    await alice.acceptInvitation(link, 'Bob');
    await bob.sync();
    for (const text of ['one', 'two', 'three']) await alice.send('Bob', text);
    await alice.flush();
    // sync() stops after a quiet spell; on a loaded machine a push may come after it: sync again.
    const first = await syncUntil(bob, (r) => r.received >= 3);
    assert.equal(first.received, 3);
    await bob.close();

    // Bob restarts; the relay now replays everything it ever pushed behind each new message.
    proxy.replay = true;
    await alice.send('Bob', 'four');
    await alice.flush();
    bob = await Client.open(bobDir, 'pw', FAST);
    const second = await syncUntil(bob, (r) => r.received >= 1 && r.refused >= 3);
    assert.equal(second.received, 1);
    assert.ok(second.refused >= 3, `replays refused (${second.refused})`);
    assert.deepEqual(
      (await bob.history('Alice')).map((m) => m.text),
      ['one', 'two', 'three', 'four'],
    );

    // The session is intact: the next genuine message in each direction works.
    await bob.send('Alice', 'all here');
    await bob.flush();
    await syncUntil(alice, (r) => r.received >= 1);
    assert.deepEqual(
      (await alice.history('Bob')).map((m) => m.text),
      ['one', 'two', 'three', 'four', 'all here'],
    );
  } finally {
    await bob.close();
    await alice.close();
    await proxy.close();
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  }
});
