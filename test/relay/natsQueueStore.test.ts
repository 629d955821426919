/**
 * The NATS JetStream queue store (issue #9) on a real 3-server cluster on loopback: the shared
 * queue-semantics suite, then what only a shared store has — two nodes sharing queues with live
 * wake-ups (republished by the stream, or sent by the node on a stream made before that), exact
 * byte accounting, hidden queue ids, and refusing a foreign operator key.
 * Skips (with the reason) when nats-server is not installed.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, type Msg } from '@nats-io/transport-node';
import { systemRng } from '../../src/crypto/random.js';
import { Secret } from '../../src/crypto/secret.js';
import { DEFAULT_NATS_STORE_OPTIONS, duplicateWindowMs, envelopeStreamConfig, parseNatsServers } from '../../src/relay/natsConfig.js';
import { NatsNaming, NATS_KEY_BYTES } from '../../src/relay/natsNaming.js';
import { NatsQueueStore } from '../../src/relay/natsQueueStore.js';
import { integerHeader } from '../../src/relay/natsRequests.js';
import { DEFAULT_QUEUE_LIMITS, QueueStoreError, type QueueLimits, type QueueStore, type StoredEnvelope } from '../../src/relay/queueStore.js';
import { NATS_MISSING, natsServerBinary, startNatsCluster, type NatsCluster } from '../helpers/natsCluster.js';
import { newQueue, queueStoreSuite } from './queueStoreSuite.js';

const skip = natsServerBinary() === undefined ? NATS_MISSING : false;
let cluster: NatsCluster | undefined;
let prefixes = 0;

before(async () => {
  if (!skip) cluster = await startNatsCluster(3);
});
after(async () => {
  await cluster?.stop();
});

/** Small enough that many test streams fit beside each other in the servers' storage reservation. */
const LIMITS: QueueLimits = { ...DEFAULT_QUEUE_LIMITS, maxTotalBytes: 64 * 1024 * 1024 };

const operatorKey = (): Secret<'NatsOperatorKey'> => Secret.adopt('NatsOperatorKey', NATS_KEY_BYTES, systemRng(NATS_KEY_BYTES));

/** Each test gets its own streams (a fresh prefix), so limits and contents never mix. */
async function openStore(limits: QueueLimits, key = operatorKey(), prefix = `t${++prefixes}`): Promise<{ store: NatsQueueStore; key: Secret<'NatsOperatorKey'>; prefix: string }> {
  const store = await NatsQueueStore.open(key.clone(), { servers: parseNatsServers(cluster!.urls), limits }, prefix);
  return { store, key, prefix };
}

queueStoreSuite(
  'nats store',
  async (limits) => {
    const opened = await openStore(limits);
    let current: QueueStore = opened.store;
    return {
      get store() {
        return current;
      },
      reopen: async () => {
        await current.close();
        current = (await openStore(limits, opened.key, opened.prefix)).store;
        return current;
      },
      cleanup: () => current.close(),
    };
  },
  { skip },
);

const natsTest = (name: string, body: () => Promise<void>): void => {
  test(name, { skip }, body);
};

natsTest('two nodes share queues: an append through one wakes the watcher on the other, an ack on it deletes for both', async () => {
  const a = await openStore(LIMITS);
  const b = (await openStore(LIMITS, a.key, a.prefix)).store;
  try {
    const q = newQueue();
    await a.store.createQueue(q);
    assert.deepEqual((await b.queueBySendId(q.sendId))?.recvId, q.recvId);
    const heard: StoredEnvelope[] = [];
    let wake: () => void = () => undefined;
    b.onAppend((id, env) => {
      if (id.equals(q.recvId)) {
        heard.push(env);
        wake();
      }
    });
    b.watch(q.recvId);
    await new Promise((r) => setTimeout(r, 300)); // let the interest reach every server
    const woken = new Promise<void>((r) => (wake = r));
    const sent = await a.store.append(q.recvId, Buffer.from('live'), 7);
    await woken;
    assert.equal(heard.at(-1)?.seq, sent.seq);
    assert.equal(heard.at(-1)?.body.toString(), 'live');
    assert.deepEqual((await b.read(q.recvId, 0, 10)).map((e) => e.body.toString()), ['live']);
    assert.equal(await b.ack(q.recvId, sent.seq), true);
    // Node A reads through JetStream, not its own memory: the envelope is gone there too.
    for (let i = 0; i < 50 && (await a.store.read(q.recvId, 0, 10)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await a.store.read(q.recvId, 0, 10), []);
    const c = (await openStore(LIMITS, a.key, a.prefix)).store;
    try {
      assert.equal(await c.ack(q.recvId, sent.seq), false, 'a third node finds nothing left to acknowledge');
    } finally {
      await c.close();
    }
    b.unwatch(q.recvId);
  } finally {
    await a.store.close();
    await b.close();
  }
});

natsTest('an envelope stream made without republishing (2.9 cannot add it later) still wakes the watching node; its duplicate window is brought down', async () => {
  const key = operatorKey();
  const prefix = `t${++prefixes}`;
  const naming = new NatsNaming(key.clone(), prefix);
  const nc = await connect({ servers: parseNatsServers(cluster!.urls) });
  try {
    const jsm = await jetstreamManager(nc);
    const older = envelopeStreamConfig(naming, { ...DEFAULT_NATS_STORE_OPTIONS, limits: LIMITS });
    delete older.republish;
    // JetStream's default, which earlier versions used.
    older.duplicate_window = 120 * 1_000_000_000;
    await jsm.streams.add(older);
  } finally {
    await nc.close();
  }
  const a = await openStore(LIMITS, key, prefix);
  const check = await connect({ servers: parseNatsServers(cluster!.urls) });
  try {
    const info = await (await jetstreamManager(check)).streams.info(naming.envelopeStream);
    assert.equal(info.config.duplicate_window, duplicateWindowMs(DEFAULT_NATS_STORE_OPTIONS) * 1_000_000);
    assert.ok(info.config.duplicate_window < 120 * 1_000_000_000);
  } finally {
    await check.close();
  }
  const b = (await openStore(LIMITS, key, prefix)).store;
  try {
    const q = newQueue();
    await a.store.createQueue(q);
    const heard: string[] = [];
    let wake: () => void = () => undefined;
    b.onAppend((id, env) => {
      if (id.equals(q.recvId)) {
        heard.push(env.body.toString());
        wake();
      }
    });
    b.watch(q.recvId);
    await new Promise((r) => setTimeout(r, 300)); // let the interest reach every server
    const woken = new Promise<void>((r) => (wake = r));
    await a.store.append(q.recvId, Buffer.from('first'), 1);
    await Promise.race([woken, new Promise((_r, reject) => setTimeout(() => reject(new Error('no wake-up within 10 s')), 10_000).unref())]);
    await a.store.append(q.recvId, Buffer.from('second'), 1);
    assert.deepEqual(heard.slice(0, 1), ['first']);
    assert.deepEqual((await b.read(q.recvId, 0, 10)).map((e) => e.body.toString()), ['first', 'second']);
    b.unwatch(q.recvId);
  } finally {
    await a.store.close();
    await b.close();
  }
});

natsTest('acknowledgements on a watched queue are purged in one go, and never past an unacknowledged envelope', async () => {
  const a = await openStore(LIMITS);
  const b = (await openStore(LIMITS, a.key, a.prefix)).store;
  try {
    const q = newQueue();
    await a.store.createQueue(q);
    a.store.watch(q.recvId);
    const sent = [];
    for (let i = 0; i < 6; i++) sent.push(await a.store.append(q.recvId, Buffer.from(`m${i}`), 1));
    assert.equal((await a.store.read(q.recvId, 0, 10)).length, 6);
    // m2 stays unacknowledged; the others are acknowledged out of order.
    for (const i of [5, 0, 1, 3, 4]) assert.equal(await a.store.ack(q.recvId, sent[i]!.seq), true);
    const left = async (): Promise<string[]> => (await b.read(q.recvId, 0, 10)).map((e) => e.body.toString());
    for (let i = 0; i < 100 && (await left()).length > 1; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await left(), ['m2']);
    assert.equal(await a.store.ack(q.recvId, sent[2]!.seq), true);
    for (let i = 0; i < 100 && (await left()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(await left(), []);
    a.store.unwatch(q.recvId);
  } finally {
    await a.store.close();
    await b.close();
  }
});

natsTest('an ack names a seq of its own queue only', async () => {
  const { store } = await openStore(LIMITS);
  try {
    const mine = newQueue();
    const other = newQueue();
    await store.createQueue(mine);
    await store.createQueue(other);
    const theirs = await store.append(other.recvId, Buffer.from('not yours'), 1);
    assert.equal(await store.ack(mine.recvId, theirs.seq), false);
    assert.equal(await store.ack(mine.recvId, theirs.seq + 1000), false);
    assert.deepEqual((await store.read(other.recvId, 0, 10)).map((e) => e.body.toString()), ['not yours']);
  } finally {
    await store.close();
  }
});

natsTest('stats count envelope bytes exactly, as the byte quotas need', async () => {
  const first = await openStore(LIMITS);
  const q = newQueue();
  await first.store.createQueue(q);
  const sizes = [1, 100, 1024, 5000];
  for (const n of sizes) await first.store.append(q.recvId, Buffer.alloc(n, 7), 1);
  await first.store.close();
  // A fresh node knows only what JetStream tells it.
  const { store } = await openStore(LIMITS, first.key, first.prefix);
  try {
    assert.deepEqual(store.stats(), { queues: 1, envelopes: sizes.length, bytes: sizes.reduce((s, n) => s + n, 0) });
  } finally {
    await store.close();
  }
});

natsTest('NATS sees no queue id, queue key or record in the clear', async () => {
  const { store, key, prefix } = await openStore(LIMITS);
  const q = newQueue();
  try {
    await store.createQueue(q);
    await store.append(q.recvId, Buffer.from('opaque padded envelope'), 1);
  } finally {
    await store.close();
  }
  const nc = await connect({ servers: parseNatsServers(cluster!.urls) });
  try {
    const jsm = await jetstreamManager(nc);
    const naming = new NatsNaming(key, prefix);
    const secrets = [q.recvId, q.sendId, q.recipientKey, q.senderKey];
    const forms = secrets.flatMap((b) => [b.toString('hex'), b.toString('base64'), b.toString('base64url')]);
    for (const stream of [naming.envelopeStream, naming.queueStream]) {
      const info = await jsm.streams.info(stream, { subjects_filter: '>' });
      const subjects = Object.keys(info.state.subjects ?? {});
      assert.ok(subjects.length > 0);
      for (const s of subjects) for (const f of forms) assert.ok(!s.includes(f), 'a queue id in a subject');
      for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
        const m = await jsm.streams.getMessage(stream, { seq });
        if (!m) continue;
        const data = Buffer.from(m.data);
        for (const b of secrets) assert.ok(!data.includes(b), 'raw id or key bytes in a stored message');
      }
    }
  } finally {
    await nc.close();
  }
});

natsTest('nodes with different operator keys refuse to share streams', async () => {
  const { store, prefix } = await openStore(LIMITS);
  try {
    await assert.rejects(openStore(LIMITS, operatorKey(), prefix), (e: unknown) => e instanceof QueueStoreError && /operator key/.test(e.message));
  } finally {
    await store.close();
  }
});

natsTest('#18 integer headers are read from the raw header bytes; absent or malformed ones are NaN', async () => {
  const nc = await connect({ servers: parseNatsServers(cluster!.urls) });
  try {
    const got: Msg[] = [];
    const sub = nc.subscribe('hdr.test', { callback: (_err, m) => void got.push(m) });
    await nc.flush();
    const send = (pairs: [string, string][]): void => {
      const h = headers();
      for (const [k, v] of pairs) h.set(k, v);
      nc.publish('hdr.test', 'x', { headers: h });
    };
    send([['Nats-Last-Sequence', '41'], ['Nats-Sequence', '42']]);
    send([['Nats-Sequence', '12x']]);
    send([['Nats-Sequence', '1'.repeat(16)], ['Other', '7']]);
    nc.publish('hdr.test', 'no headers');
    await nc.flush();
    for (let t = 0; t < 100 && got.length < 4; t++) await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    assert.equal(got.length, 4);
    const [a, b, c, d] = got as [Msg, Msg, Msg, Msg];
    assert.equal(integerHeader(a, 'Nats-Sequence'), 42);
    assert.equal(integerHeader(a, 'Nats-Last-Sequence'), 41);
    assert.ok(Number.isNaN(integerHeader(b, 'Nats-Sequence')));
    assert.ok(Number.isNaN(integerHeader(b, 'Nats-Last-Sequence')));
    assert.ok(Number.isNaN(integerHeader(c, 'Nats-Sequence')));
    assert.equal(integerHeader(c, 'Other'), 7);
    assert.ok(Number.isNaN(integerHeader(d, 'Nats-Sequence')));
  } finally {
    await nc.close();
  }
});
