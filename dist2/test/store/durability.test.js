/** kill -9 mid-stream (issue 3 §4; SECURITY #21): every acknowledged message survives, once, readable, with matching session state. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { conversation, newProfile, PASS, reopen, str, tempDir } from './helpers.js';
const WRITER = fileURLToPath(new URL('./fixtures/writer.js', import.meta.url));
/** Runs the writer until it has acknowledged at least `acks` messages (plus a random extra), then SIGKILLs it. */
function runAndKill(dir, start, acks) {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [WRITER, join(dir, 'profile'), PASS, String(start)], { stdio: ['ignore', 'pipe', 'ignore'] });
        const acked = new Set();
        const target = acks + Math.floor(Math.random() * acks);
        let buffer = '';
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`writer acknowledged only ${acked.size} messages in time`));
        }, 40_000);
        child.stdout.on('data', (chunk) => {
            buffer += chunk.toString();
            const lines = buffer.split('\n');
            buffer = lines.pop();
            for (const line of lines)
                if (line.startsWith('ack '))
                    acked.add(Number(line.slice(4)));
            if (acked.size >= target && !child.killed)
                child.kill('SIGKILL');
        });
        child.on('exit', (_code, signal) => {
            clearTimeout(timer);
            if (signal === 'SIGKILL')
                resolve(acked);
            else
                reject(new Error(`writer exited on its own (${String(signal)})`));
        });
    });
}
async function allMessages(store) {
    const out = [];
    for await (const m of store.allMessages('k1'))
        out.push({ id: m.id, seq: m.seq, body: str(m.body) });
    return out;
}
test('#21 kill -9 mid-write loses no acknowledged message, duplicates none, and session state matches the stored messages', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const store = await newProfile(dir);
        await store.putConversation(conversation('k1'));
        await store.close();
        const acked = new Set();
        let start = 0;
        for (let round = 0; round < 2; round++) {
            for (const n of await runAndKill(dir, start, 300))
                acked.add(n);
            const again = await reopen(dir);
            try {
                const rows = await allMessages(again);
                const ids = rows.map((r) => r.id);
                assert.equal(new Set(ids).size, ids.length, 'no duplicated rows');
                assert.equal(new Set(rows.map((r) => r.seq)).size, rows.length, 'no duplicated sequence numbers');
                for (const n of acked)
                    assert.ok(ids.includes(`m${n}`), `acknowledged m${n} is present`);
                for (const r of rows)
                    assert.equal(r.body, `durable message ${r.id.slice(1)}`);
                // Session state and messages were committed together: the state is the newest message's.
                const newest = rows[rows.length - 1];
                assert.equal(str((await again.getSession('k1'))), `state ${newest.id.slice(1)}`);
                start = Math.max(...rows.map((r) => Number(r.id.slice(1)))) + 1;
            }
            finally {
                await again.close();
            }
        }
    }
    finally {
        await cleanup();
    }
});
//# sourceMappingURL=durability.test.js.map