/**
 * End-to-end delivery through a relay child process on 127.0.0.1 (issue #4 §Tests; SECURITY-TESTS
 * #21 for kill -9): offline delivery, relay restart, kill -9 mid-stream, sender and receiver
 * restarts, TLS pinning.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { systemRng } from '../../src/crypto/random.js';
import { parseRelayAddress } from '../../src/protocol/relayWire/relayAddress.js';
import { startRelay } from '../../src/relay/wsServer.js';
import { encodeQueueAddress, type QueueAddress } from '../../src/transport/address.js';
import { TransportError } from '../../src/transport/errors.js';
import { MemoryOutbox, OutboxStatus } from '../../src/transport/outbox.js';
import { OutboxSender } from '../../src/transport/outboxSender.js';
import { deliveryAddressOf } from '../../src/transport/recipientQueue.js';
import { memoryDedupe, RelayClient, type DedupeHook } from '../../src/transport/relayClient.js';
import { respawnRelay, spawnRelay } from './relayProcess.js';
import { until } from '../helpers/until.js';

const FAST = { backoff: { initialMs: 20, maxMs: 300 }, handlerBackoff: { initialMs: 20, maxMs: 200 }, commandTimeoutMs: 3000, connectTimeoutMs: 3000 };
const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'saltline-transport-'));
  dirs.push(d);
  return d;
}

const envelopeFor = (i: number): Buffer => {
  const b = Buffer.alloc(256);
  b.write(`m:${i}`);
  return b;
};
const indexOf = (env: Buffer): number => Number(env.toString('latin1').replace(/\0+$/, '').slice(2));

test('delivered while the recipient is offline and across a relay restart (wss, pinned)', async () => {
  const dir = await tempDir();
  let relay = await spawnRelay(dir);
  try {
    assert.ok(relay.address.startsWith('wss://127.0.0.1:'));
    const alice = new RelayClient(FAST);
    const queue = await alice.createQueue(parseRelayAddress(relay.address));
    const addressBytes = encodeQueueAddress(deliveryAddressOf(queue));
    const bob = new RelayClient(FAST);
    const outbox = new MemoryOutbox();
    const sender = new OutboxSender(bob, outbox, { backoff: FAST.backoff });
    for (let i = 0; i < 5; i++) await sender.enqueue(`id${i}`, addressBytes, envelopeFor(i));
    await sender.idle();
    assert.equal((await outbox.list(OutboxStatus.SENT)).length, 5);
    await relay.stop();
    relay = await respawnRelay(dir, relay.port, true);
    const got: number[] = [];
    const sub = alice.subscribe(queue, (m) => {
      got.push(indexOf(m.envelope));
      return Promise.resolve();
    });
    await until(() => got.length === 5, 'offline messages', 10_000);
    assert.deepEqual(got, [0, 1, 2, 3, 4]);
    // Live delivery on the same subscription after the restart.
    await sender.enqueue('id5', addressBytes, envelopeFor(5));
    await until(() => got.length === 6, 'live message', 10_000);
    // The relay may push before it has answered the sender: wait for that answer before closing.
    await sender.idle();
    sender.stop();
    sub.close();
    alice.close();
    bob.close();
    const logs = relay.stderr.join('');
    for (const id of [queue.recvId, queue.sendId]) for (const enc of ['hex', 'base64', 'base64url'] as const) assert.ok(!logs.includes(id.toString(enc)));
  } finally {
    await relay.stop();
  }
});

test('#21 kill -9 of the relay at random points of a 1,000-message stream, plus sender and receiver restarts: each delivered exactly once, in order', async () => {
  const dir = await tempDir();
  let relay = await spawnRelay(dir, { tls: false });
  const relayAddress = parseRelayAddress(relay.address);
  const N = 1000;
  try {
    let recipientClient = new RelayClient(FAST);
    const queue = await recipientClient.createQueue(relayAddress);
    const to = encodeQueueAddress(deliveryAddressOf(queue));
    // Stands for the recipient's durable store: committed messages and the dedupe that checks them.
    const delivered: number[] = [];
    const committed = new Set<string>();
    const dedupe: DedupeHook = { seen: (m) => committed.has(m.envelope.toString('base64')) };
    const handler = async (m: { envelope: Buffer }): Promise<void> => {
      await new Promise((r) => setImmediate(r));
      committed.add(m.envelope.toString('base64'));
      delivered.push(indexOf(m.envelope));
    };
    let sub = recipientClient.subscribe(queue, handler, { dedupe });
    // Stands for the sender's durable outbox: it outlives the sender's client and OutboxSender.
    const outbox = new MemoryOutbox();
    let senderClient = new RelayClient(FAST);
    let sender = new OutboxSender(senderClient, outbox, { backoff: FAST.backoff, maxInFlight: 32 });
    for (let i = 0; i < N; i++) await sender.enqueue(`m${i}`, to, envelopeFor(i));

    const kills = 4;
    for (let k = 0; k < kills; k++) {
      const target = Math.floor(((k + 1) * N) / (kills + 2) + (systemRng(1)[0]! % 60));
      await until(() => delivered.length >= target || delivered.length === N, `progress to ${target}`, 30_000);
      await relay.kill9();
      if (k === 1) {
        // The sender restarts: a new client resumes from the outbox.
        sender.stop();
        senderClient.close();
        senderClient = new RelayClient(FAST);
        sender = new OutboxSender(senderClient, outbox, { backoff: FAST.backoff, maxInFlight: 32 });
        await sender.start();
      }
      if (k === 2) {
        // The receiver restarts: a new client resubscribes with the same durable dedupe.
        sub.close();
        recipientClient.close();
        recipientClient = new RelayClient(FAST);
        sub = recipientClient.subscribe(queue, handler, { dedupe });
      }
      relay = await respawnRelay(dir, relay.port, false);
    }
    await until(() => delivered.length >= N, 'all messages', 40_000);
    await sender.idle();
    await new Promise((r) => setTimeout(r, 200)); // any stray redelivery would show up now
    assert.equal(delivered.length, N);
    assert.deepEqual(delivered, Array.from({ length: N }, (_, i) => i));
    assert.equal((await outbox.list(OutboxStatus.SENT)).length, N);
    sender.stop();
    sub.close();
    recipientClient.close();
    senderClient.close();
  } finally {
    await relay.stop();
  }
});

test('a relay whose TLS key does not match the address fingerprint is refused before any command', async () => {
  const dir = await tempDir();
  const relay = await startRelay({ dataDir: dir, store: 'memory' });
  try {
    const genuine = parseRelayAddress(relay.address);
    const impostor = parseRelayAddress(`${genuine.url}#${systemRng(32).toString('base64url')}`);
    const client = new RelayClient(FAST);
    await assert.rejects(client.createQueue(impostor), (e: unknown) => e instanceof TransportError && e.reason === 'PIN_MISMATCH');
    assert.equal(relay.core.store.stats().queues, 0);
    const queue = await client.createQueue(genuine);
    assert.equal(relay.core.store.stats().queues, 1);
    assert.equal(queue.relay.text, relay.address);
    client.close();
  } finally {
    await relay.close();
  }
});

test('a permanent refusal marks the outbox entry failed; the next genuine message still goes', async () => {
  const dir = await tempDir();
  const relay = await startRelay({ dataDir: dir, tls: false, store: 'memory' });
  try {
    const client = new RelayClient(FAST);
    const queue = await client.createQueue(parseRelayAddress(relay.address));
    const good = encodeQueueAddress(deliveryAddressOf(queue));
    const wrongKey = encodeQueueAddress({ ...deliveryAddressOf(queue), senderSeed: deliveryAddressOf(queue).senderSeed.clone() });
    wrongKey.set(systemRng(32), wrongKey.length - 32);
    const outbox = new MemoryOutbox();
    const failed: string[] = [];
    const sender = new OutboxSender(client, outbox, { backoff: FAST.backoff, onFailed: (id, why) => failed.push(`${id}:${why}`) });
    await sender.enqueue('bad', wrongKey, envelopeFor(1));
    await sender.enqueue('good', good, envelopeFor(2));
    await sender.idle();
    assert.deepEqual(failed, ['bad:AUTH']);
    assert.deepEqual((await outbox.list(OutboxStatus.SENT)).map((e) => e.id), ['good']);
    const got: number[] = [];
    const sub = client.subscribe(queue, (m) => {
      got.push(indexOf(m.envelope));
      return Promise.resolve();
    }, { dedupe: memoryDedupe() });
    await until(() => got.length === 1, 'good message', 5000);
    assert.deepEqual(got, [2]);
    sender.stop();
    sub.close();
    client.close();
  } finally {
    await relay.close();
  }
});

test('once its client is closed, the outbox sender stops trying; the entry stays SENDING for a restart', async () => {
  const dir = await tempDir();
  const relay = await startRelay({ dataDir: dir, tls: false, store: 'memory' });
  try {
    const owner = new RelayClient(FAST);
    const queue = await owner.createQueue(parseRelayAddress(relay.address));
    owner.close();
    let attempts = 0;
    class CountingClient extends RelayClient {
      override send(to: QueueAddress, envelope: Buffer): Promise<void> {
        attempts++;
        return super.send(to, envelope);
      }
    }
    const client = new CountingClient(FAST);
    client.close();
    const outbox = new MemoryOutbox();
    const sender = new OutboxSender(client, outbox, { backoff: { initialMs: 1, maxMs: 2 } });
    await sender.enqueue('m', encodeQueueAddress(deliveryAddressOf(queue)), envelopeFor(1));
    // A sender still retrying would have tried dozens of times by now.
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(attempts, 1);
    assert.deepEqual((await outbox.list(OutboxStatus.SENDING)).map((e) => e.id), ['m']);
  } finally {
    await relay.close();
  }
});

test('sends share a connection only within a channel: one per queue without, one per relay with', async () => {
  const dir = await tempDir();
  const relay = await startRelay({ dataDir: dir, tls: false, store: 'memory' });
  const owner = new RelayClient(FAST);
  const sender = new RelayClient(FAST);
  try {
    const relayAddress = parseRelayAddress(relay.address);
    const queues = [await owner.createQueue(relayAddress), await owner.createQueue(relayAddress), await owner.createQueue(relayAddress)];
    const received = queues.map(() => [] as number[]);
    let subscribed = 0;
    queues.forEach((q, i) =>
      owner.subscribe(
        q,
        (m) => {
          received[i]!.push(indexOf(m.envelope));
          return Promise.resolve();
        },
        { onSubscribed: () => subscribed++ },
      ),
    );
    await until(() => subscribed === queues.length, 'the owner subscribed', 5000);
    const before = relay.core.connectionCount;

    const addresses = queues.map((q) => deliveryAddressOf(q));
    for (const [i, to] of addresses.entries()) await sender.send(to, envelopeFor(i), 'group-a');
    assert.equal(relay.core.connectionCount, before + 1, 'one connection for the channel');
    for (const [i, to] of addresses.entries()) await sender.send(to, envelopeFor(10 + i), 'group-a');
    assert.equal(relay.core.connectionCount, before + 1, 'repeat sends on the same connection');
    await sender.send(addresses[0]!, envelopeFor(20), 'group-b');
    assert.equal(relay.core.connectionCount, before + 2, 'another channel, another connection');
    for (const [i, to] of addresses.entries()) await sender.send(to, envelopeFor(30 + i));
    assert.equal(relay.core.connectionCount, before + 5, 'without a channel, a connection per queue');

    await until(() => received.every((r, i) => r.length === (i === 0 ? 4 : 3)), 'every envelope delivered', 5000);
    assert.deepEqual(received, [
      [0, 10, 20, 30],
      [1, 11, 31],
      [2, 12, 32],
    ]);
  } finally {
    sender.close();
    owner.close();
    await relay.close();
  }
});
