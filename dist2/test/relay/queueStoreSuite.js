/**
 * The queue-semantics suite every QueueStore backend must pass (issue #4 §Persistence, issue #9):
 * call it with a factory for the store under test.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { systemRng } from '../../src/crypto/random.js';
import { QueueStoreError } from '../../src/relay/queueStore.js';
const LIMITS = { maxMessagesPerQueue: 5, maxBytesPerQueue: 1000, maxTotalBytes: 2500, maxQueues: 4 };
export function newQueue(now = 1000) {
    return { recvId: systemRng(24), sendId: systemRng(24), recipientKey: systemRng(32), senderKey: systemRng(32), createdAt: now };
}
async function rejectsWith(p, reason) {
    await assert.rejects(p, (e) => e instanceof QueueStoreError && e.reason === reason);
}
export function queueStoreSuite(name, factory, options = {}) {
    const withStore = (title, body) => {
        test(`${name}: ${title}`, { skip: options.skip ?? false }, async () => {
            const h = await factory(LIMITS);
            try {
                await body(h);
            }
            finally {
                await h.cleanup();
            }
        });
    };
    withStore('a queue is found by either id and not by foreign ids', async ({ store }) => {
        const q = newQueue();
        await store.createQueue(q);
        assert.deepEqual((await store.queueByRecvId(q.recvId))?.sendId, q.sendId);
        assert.deepEqual((await store.queueBySendId(q.sendId))?.recvId, q.recvId);
        assert.equal(await store.queueByRecvId(q.sendId), undefined);
        assert.equal(await store.queueBySendId(q.recvId), undefined);
        await rejectsWith(store.createQueue({ ...newQueue(), recvId: q.recvId }), 'DUPLICATE_QUEUE');
    });
    withStore('envelopes come back in order and ack deletes at once', async ({ store }) => {
        const q = newQueue();
        await store.createQueue(q);
        const seqs = [];
        for (let i = 0; i < 3; i++)
            seqs.push((await store.append(q.recvId, Buffer.from(`m${i}`), 2000 + i)).seq);
        assert.ok(seqs[0] < seqs[1] && seqs[1] < seqs[2]);
        const all = await store.read(q.recvId, 0, 10);
        assert.deepEqual(all.map((e) => e.body.toString()), ['m0', 'm1', 'm2']);
        assert.deepEqual((await store.read(q.recvId, seqs[0], 1)).map((e) => e.body.toString()), ['m1']);
        assert.equal(await store.ack(q.recvId, seqs[1]), true);
        assert.equal(await store.ack(q.recvId, seqs[1]), false);
        assert.deepEqual((await store.read(q.recvId, 0, 10)).map((e) => e.body.toString()), ['m0', 'm2']);
        assert.equal(store.stats().envelopes, 2);
    });
    withStore('append order is call order even without awaiting', async ({ store }) => {
        const q = newQueue();
        await store.createQueue(q);
        const results = await Promise.all([0, 1, 2, 3].map((i) => store.append(q.recvId, Buffer.from([i]), 1)));
        assert.deepEqual(results.map((r) => r.body[0]), [0, 1, 2, 3]);
        assert.deepEqual(results.map((r) => r.seq), [...results.map((r) => r.seq)].sort((a, b) => a - b));
    });
    withStore('quotas: messages per queue, bytes per queue, total bytes, queue count', async ({ store }) => {
        const a = newQueue();
        await store.createQueue(a);
        for (let i = 0; i < 5; i++)
            await store.append(a.recvId, Buffer.alloc(10), 1);
        await rejectsWith(store.append(a.recvId, Buffer.alloc(10), 1), 'QUEUE_FULL');
        const b = newQueue();
        await store.createQueue(b);
        await store.append(b.recvId, Buffer.alloc(900), 1);
        await rejectsWith(store.append(b.recvId, Buffer.alloc(101), 1), 'QUEUE_FULL');
        const c = newQueue();
        await store.createQueue(c);
        await store.append(c.recvId, Buffer.alloc(900), 1);
        await store.append(c.recvId, Buffer.alloc(100), 1);
        const d = newQueue();
        await store.createQueue(d);
        await rejectsWith(store.append(d.recvId, Buffer.alloc(600), 1), 'RELAY_FULL');
        await rejectsWith(store.createQueue(newQueue()), 'RELAY_FULL');
        await rejectsWith(store.append(systemRng(24), Buffer.alloc(1), 1), 'NO_QUEUE');
        // A refused append changed nothing: acking frees room again.
        const first = (await store.read(a.recvId, 0, 1))[0];
        await store.ack(a.recvId, first.seq);
        await store.append(a.recvId, Buffer.alloc(10), 1);
    });
    withStore('expiry drops old envelopes only', async ({ store }) => {
        const q = newQueue();
        await store.createQueue(q);
        await store.append(q.recvId, Buffer.from('old'), 100);
        await store.append(q.recvId, Buffer.from('new'), 500);
        assert.equal(await store.expire(200), 1);
        assert.deepEqual((await store.read(q.recvId, 0, 10)).map((e) => e.body.toString()), ['new']);
    });
    withStore('deleting a queue removes it and its envelopes', async ({ store }) => {
        const q = newQueue();
        await store.createQueue(q);
        await store.append(q.recvId, Buffer.from('x'), 1);
        assert.equal(await store.deleteQueue(q.recvId), true);
        assert.equal(await store.deleteQueue(q.recvId), false);
        assert.equal(await store.queueBySendId(q.sendId), undefined);
        assert.equal(store.stats().envelopes, 0);
        await rejectsWith(store.append(q.recvId, Buffer.from('y'), 1), 'NO_QUEUE');
    });
    withStore('append listeners hear each envelope', async ({ store }) => {
        const q = newQueue();
        await store.createQueue(q);
        const heard = [];
        const off = store.onAppend((id, env) => {
            if (id.equals(q.recvId))
                heard.push(env.body.toString());
        });
        await store.append(q.recvId, Buffer.from('a'), 1);
        off();
        await store.append(q.recvId, Buffer.from('b'), 1);
        assert.deepEqual(heard, ['a']);
    });
    withStore('a reopened store keeps queues, unacked envelopes and seq (persistent backends)', async (h) => {
        if (!h.reopen)
            return;
        const q = newQueue();
        const gone = newQueue();
        await h.store.createQueue(q);
        await h.store.createQueue(gone);
        const e1 = await h.store.append(q.recvId, Buffer.from('one'), 1);
        await h.store.append(q.recvId, Buffer.from('two'), 1);
        await h.store.ack(q.recvId, e1.seq);
        await h.store.deleteQueue(gone.recvId);
        const store = await h.reopen();
        assert.deepEqual((await store.read(q.recvId, 0, 10)).map((e) => e.body.toString()), ['two']);
        assert.equal(await store.queueByRecvId(gone.recvId), undefined);
        const e3 = await store.append(q.recvId, Buffer.from('three'), 1);
        assert.ok(e3.seq > e1.seq + 1, 'seq is never reused');
    });
}
//# sourceMappingURL=queueStoreSuite.js.map