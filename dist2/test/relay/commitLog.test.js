/**
 * The relay's group-committing log (issue #4 §Persistence, §Benchmark): batching of durable
 * writes, lazy records, failure, replacement, and `kill -9` in the middle of large batches.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { systemRng } from '../../src/crypto/random.js';
import { CommitLog, CommitLogError } from '../../src/relay/commitLog.js';
import { LogQueueStore } from '../../src/relay/logStore.js';
import { crashBody } from './appendWorker.js';
const WORKER = fileURLToPath(new URL('./appendWorker.js', import.meta.url));
async function withDir(body) {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-commitlog-'));
    try {
        await body(dir);
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
}
const record = (i) => Buffer.from(`record ${i};`);
const turn = () => new Promise((r) => setImmediate(r));
async function eventually(what, check) {
    for (let i = 0; i < 200; i++) {
        if (await check())
            return;
        await new Promise((r) => setTimeout(r, 25));
    }
    assert.fail(`never: ${what}`);
}
test('appends made in one event-loop turn share one durable write, and land in order', async () => {
    await withDir(async (dir) => {
        const log = new CommitLog(join(dir, 'log'), 0, { sync: true });
        const done = Array.from({ length: 1000 }, (_, i) => log.append(record(i)));
        const writesWhenAcknowledged = [];
        for (const d of done)
            void d.then(() => writesWhenAcknowledged.push(log.writes));
        await Promise.all(done);
        assert.ok(writesWhenAcknowledged.every((n) => n === 1), 'no record is acknowledged before the write carrying it has returned');
        assert.equal(log.writes, 1);
        const expected = Buffer.concat(Array.from({ length: 1000 }, (_, i) => record(i)));
        assert.deepEqual(await readFile(join(dir, 'log')), expected);
        assert.equal(log.bytes, expected.length);
        await log.close();
    });
});
test('appends of later turns are written in order, at most one write per turn', async () => {
    await withDir(async (dir) => {
        const log = new CommitLog(join(dir, 'log'), 0, { sync: true });
        const done = [];
        for (let t = 0; t < 20; t++) {
            for (let i = 0; i < 10; i++)
                done.push(log.append(record(t * 10 + i)));
            await turn();
        }
        await Promise.all(done);
        assert.ok(log.writes >= 1 && log.writes <= 20, `writes ${log.writes}`);
        assert.deepEqual(await readFile(join(dir, 'log')), Buffer.concat(Array.from({ length: 200 }, (_, i) => record(i))));
        await log.close();
    });
});
test('lazy records cause no write of their own: they go out with the next durable record or shortly on their own', async () => {
    await withDir(async (dir) => {
        const path = join(dir, 'log');
        const log = new CommitLog(path, 0, { sync: true });
        log.appendLazy(record(1));
        // The bytes can be on disk a moment before the write's completion is counted.
        await eventually('the lazy record is written', async () => log.writes >= 1 && (await readFile(path)).equals(record(1)));
        assert.equal(log.writes, 1);
        log.appendLazy(record(2));
        await log.append(record(3));
        assert.equal(log.writes, 2);
        assert.deepEqual(await readFile(path), Buffer.concat([record(1), record(2), record(3)]));
        await log.close();
    });
});
test('a failed write refuses every waiting and later record, so nothing unwritten is acknowledged', { skip: !existsSync('/dev/full') }, async () => {
    // Writes to /dev/full fail with ENOSPC: a full disk.
    const log = new CommitLog('/dev/full', 0, { sync: true });
    const first = log.append(record(1));
    const second = log.append(record(2));
    await assert.rejects(first, CommitLogError);
    await assert.rejects(second, CommitLogError);
    assert.ok(log.failed instanceof CommitLogError);
    assert.throws(() => log.append(record(3)), CommitLogError);
    await log.close();
});
test('replace waits for the running write; records appended during the rewrite go to the new file', async () => {
    await withDir(async (dir) => {
        const path = join(dir, 'log');
        const log = new CommitLog(path, 0, { sync: true });
        const before = log.append(record(1));
        await turn(); // its write has started
        let during;
        const replaced = log.replace(async () => {
            assert.equal(log.writes, 1, 'the running write finished before the file was replaced');
            during = log.append(record(3));
            await writeFile(join(dir, 'aside'), 'snapshot;');
            await rename(join(dir, 'aside'), path);
            return 'snapshot;'.length;
        });
        await Promise.all([before, replaced]);
        await during;
        assert.equal((await readFile(path)).toString(), `snapshot;${record(3).toString()}`);
        assert.equal(log.bytes, 'snapshot;'.length + record(3).length);
        await log.close();
    });
});
test('kill -9 in the middle of large group commits: every envelope acknowledged as durable is there after restart', async () => {
    for (let round = 0; round < 2; round++) {
        await withDir(async (dir) => {
            const child = spawn(process.execPath, [WORKER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
            const exited = new Promise((resolve) => child.once('exit', () => resolve()));
            const durable = new Set();
            const acked = new Set();
            let recvId;
            const target = 1500 + (systemRng(2).readUInt16BE(0) % 3000);
            await new Promise((resolve) => {
                const stop = setTimeout(resolve, 15_000);
                createInterface({ input: child.stdout }).on('line', (line) => {
                    const [kind, value] = line.split(' ');
                    if (kind === 'q')
                        recvId = Buffer.from(value, 'hex');
                    else if (kind === 'd')
                        durable.add(Number(value));
                    else if (kind === 'a')
                        acked.add(Number(value));
                    if (durable.size >= target) {
                        clearTimeout(stop);
                        resolve();
                    }
                });
            });
            child.kill('SIGKILL');
            await exited;
            assert.ok(recvId && durable.size > 0, 'the worker made progress');
            const store = await LogQueueStore.open(dir, { limits: { maxMessagesPerQueue: 1e7, maxBytesPerQueue: 1e12, maxTotalBytes: 1e12, maxQueues: 10 } });
            try {
                const kept = await store.read(recvId, 0, 1e7);
                const byIndex = new Map(kept.map((e) => [Number(e.body.toString('latin1', 4, e.body.indexOf('-', 4))), e.body]));
                for (const i of durable) {
                    if (acked.has(i))
                        continue; // acknowledged by the recipient: gone or (ack lost) still there
                    assert.ok(byIndex.get(i)?.equals(crashBody(i)), `durable envelope ${i} survived intact`);
                }
                for (const e of kept)
                    assert.ok(e.body.equals(crashBody(Number(e.body.toString('latin1', 4, e.body.indexOf('-', 4))))), 'no torn envelope is served');
                const seqs = kept.map((e) => e.seq);
                assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
            }
            finally {
                await store.close();
            }
        });
    }
});
//# sourceMappingURL=commitLog.test.js.map