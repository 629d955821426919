/** Runs the shared queue-semantics suite against every store, plus the log store's own crash cases. */
import assert from 'node:assert/strict';
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { LOG_FILE, LogQueueStore } from '../../src/relay/logStore.js';
import { MemoryQueueStore } from '../../src/relay/memoryStore.js';
import { DEFAULT_QUEUE_LIMITS } from '../../src/relay/queueStore.js';
import { newQueue, queueStoreSuite } from './queueStoreSuite.js';
queueStoreSuite('memory store', (limits) => {
    const store = new MemoryQueueStore(limits);
    return Promise.resolve({ store, cleanup: () => store.close() });
});
queueStoreSuite('log store', async (limits) => {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-logstore-'));
    let current = await LogQueueStore.open(dir, { limits });
    return {
        get store() {
            return current;
        },
        reopen: async () => {
            await current.close();
            current = await LogQueueStore.open(dir, { limits });
            return current;
        },
        cleanup: async () => {
            await current.close();
            await rm(dir, { recursive: true, force: true });
        },
    };
});
test('log store: a torn record at the end is dropped and the log stays writable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-logstore-'));
    try {
        let store = await LogQueueStore.open(dir);
        const q = newQueue();
        await store.createQueue(q);
        await store.append(q.recvId, Buffer.from('kept'), 1);
        await store.close();
        await appendFile(join(dir, LOG_FILE), Buffer.from([0, 0, 1, 0, 9, 9, 9])); // a half-written header
        store = await LogQueueStore.open(dir);
        assert.deepEqual((await store.read(q.recvId, 0, 10)).map((e) => e.body.toString()), ['kept']);
        await store.append(q.recvId, Buffer.from('after'), 1);
        await store.close();
        store = await LogQueueStore.open(dir);
        assert.deepEqual((await store.read(q.recvId, 0, 10)).map((e) => e.body.toString()), ['kept', 'after']);
        await store.close();
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
test('log store: acknowledged envelopes leave the disk at the next start', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-logstore-'));
    try {
        let store = await LogQueueStore.open(dir, { limits: DEFAULT_QUEUE_LIMITS });
        const q = newQueue();
        await store.createQueue(q);
        const marker = Buffer.from('SECRET-MARKER-0123456789');
        const e = await store.append(q.recvId, marker, 1);
        await store.ack(q.recvId, e.seq);
        await store.close();
        assert.ok((await readFile(join(dir, LOG_FILE))).includes(marker), 'before compaction the ack is only logged');
        store = await LogQueueStore.open(dir);
        await store.close();
        const bytes = await readFile(join(dir, LOG_FILE));
        assert.ok(!bytes.includes(marker));
        assert.ok((await stat(join(dir, LOG_FILE))).size < 200);
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
test('log store: the log is compacted while running; appends made during compaction stay durable', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-logstore-'));
    try {
        let store = await LogQueueStore.open(dir, { compactSlackBytes: 64 * 1024 });
        const q = newQueue();
        await store.createQueue(q);
        const kept = [];
        let largest = 0;
        for (let round = 0; round < 40; round++) {
            // Many appends in one turn, some acknowledged at once: the log grows faster than the live state.
            const envs = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(q.recvId, Buffer.alloc(512, `r${round}-${i};`), 1)));
            for (const [i, e] of envs.entries()) {
                if (i % 10 === 0)
                    kept.push(`r${round}-${i};`);
                else
                    await store.ack(q.recvId, e.seq);
            }
            largest = Math.max(largest, (await stat(join(dir, LOG_FILE))).size);
        }
        await store.close();
        assert.ok(largest < 4 * 64 * 1024, `the log stayed small while running (largest ${largest} bytes)`);
        store = await LogQueueStore.open(dir);
        const bodies = (await store.read(q.recvId, 0, 1000)).map((e) => e.body.toString('latin1', 0, e.body.indexOf(';') + 1));
        assert.deepEqual(bodies, kept);
        await store.close();
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
//# sourceMappingURL=queueStores.test.js.map