/**
 * The SDK's relay connection events (issue 7's relay-offline indicator rests on them): a client
 * reports `connection` online:false once the relay goes away and online:true when it is back —
 * once each, however many reconnection attempts fail in between — and what was sent meanwhile
 * waits in the outbox and is delivered afterwards. A real relay (TLS, queues on disk) is stopped
 * and started again on the same port with the same folder.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Client, type ClientEvent } from '../../src/client/index.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { startRelay } from '../../src/relay/wsServer.js';
import { FAST, introduce, waitForEvent } from '../web/helpers/people.js';

test('a lost relay is reported once as offline and once as back online; a message sent meanwhile is delivered', { timeout: 45_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-connection-'));
  let relay = await startRelay({ dataDir: dir, store: 'embedded' });
  const port = relay.port;
  const people: Client[] = [];
  try {
    const maya = await Client.inMemory({ name: 'Maya', relay: relay.address, ...FAST });
    const jonas = await Client.inMemory({ name: 'Jonas', relay: relay.address, ...FAST });
    people.push(maya, jonas);
    assert.equal(maya.relayConnected, undefined);
    await maya.start();
    await jonas.start();
    await introduce(maya, jonas, 'Maya');
    assert.equal(maya.relayConnected, true);

    const seen: boolean[] = [];
    maya.on((e: ClientEvent) => {
      if (e.type === 'connection') seen.push(e.online);
    });
    const offline = waitForEvent(maya, (e) => e.type === 'connection' && !e.online, 'the offline event');
    await relay.close();
    await offline;
    assert.equal(maya.relayConnected, false);

    const queued = await maya.send('Jonas', 'written while the relay was away');
    assert.equal(queued.state, 'sending');
    // Several reconnection attempts fail meanwhile (the backoff is capped at 500 ms).
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    assert.deepEqual(seen, [false]);

    const online = waitForEvent(maya, (e) => e.type === 'connection' && e.online, 'the online event');
    const delivered = waitForEvent(jonas, (e) => e.type === 'message' && e.message.text === 'written while the relay was away', 'the queued message');
    relay = await startRelay({ dataDir: dir, store: 'embedded', port });
    await online;
    await delivered;
    assert.equal(maya.relayConnected, true);
    assert.deepEqual(seen, [false, true]);
  } finally {
    await Promise.all(people.map((p) => p.close()));
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('a client that starts while its relay is down says it is offline', { timeout: 30_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-connection-'));
  const relay = await startRelay({ dataDir: dir, store: 'memory' });
  const profile = join(dir, 'maya');
  const people: Client[] = [];
  try {
    const maya = await Client.create(profile, 'maya passphrase', { name: 'Maya', relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
    const jonas = await Client.inMemory({ name: 'Jonas', relay: relay.address, ...FAST });
    people.push(jonas);
    await maya.start();
    await jonas.start();
    await introduce(maya, jonas, 'Maya');
    await maya.close();
    await relay.close();

    const again = await Client.open(profile, 'maya passphrase', FAST);
    people.push(again);
    const offline = waitForEvent(again, (e) => e.type === 'connection' && !e.online, 'the offline event');
    await again.start();
    await offline;
    assert.equal(again.relayConnected, false);
  } finally {
    await Promise.all(people.map((p) => p.close()));
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  }
});
