/**
 * kill -9 in the middle of a deletion (issue 3 §3, §4; SECURITY #21): whenever the owning process
 * dies — while re-encrypting an epoch, rewriting the blind index, purging a conversation or
 * compacting — the reopened profile holds each deletion wholly done or not at all, every other
 * message intact and readable exactly once, and every acknowledged save.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { LanceStore } from '../../src/store/lanceStore.js';
import type { NewMessage } from '../../src/store/types.js';
import { conversation, newProfile, PASS, reopen, str, tempDir, text } from './helpers.js';

const DELETER = fileURLToPath(new URL('./fixtures/deleter.js', import.meta.url));
const K1_SIZE = 600;
const ROUNDS = 12;
/** Per round, k1 messages spread over its three key epochs (256 sequence numbers each). */
const victims = (round: number): number[] => [10 + round, 200 + round, 300 + round, 550 + round];
const k1Body = (i: number): string => {
  const round = Array.from({ length: ROUNDS }, (_, r) => r).find((r) => victims(r).includes(i));
  return round === undefined ? `kept message ${i}` : `victim ${i} zq${round}gone`;
};

interface ChildRun {
  readonly lines: Set<string>;
  readonly acked: Set<number>;
  steps: number;
}

/** Runs the deleter, which kills itself right after its `killAfter`-th write (0: runs to the end and reports its steps). */
function runDeleter(dir: string, round: number, start: number, killAfter: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const args = [DELETER, join(dir, 'profile'), PASS, victims(round).map((i) => `m${i}`).join(','), `c${round}`, String(start), String(killAfter)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const run: ChildRun = { lines: new Set(), acked: new Set(), steps: 0 };
    let buffer = '';
    const guard = setTimeout(() => child.kill('SIGKILL'), 40_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [word, value] = line.split(' ');
        if (word === 'ack') run.acked.add(Number(value));
        else if (word === 'steps') run.steps = Number(value);
        else run.lines.add(word!);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (killAfter === 0 ? code !== 0 : signal !== 'SIGKILL') reject(new Error(`deleter ended unexpectedly (${String(code ?? signal)})`));
      else if (!run.lines.has('ready')) reject(new Error('deleter never got ready'));
      else resolve(run);
    });
  });
}

async function messagesOf(store: LanceStore, conv: string): Promise<{ id: string; seq: number; body: string }[]> {
  const out: { id: string; seq: number; body: string }[] = [];
  for await (const m of store.allMessages(conv)) out.push({ id: m.id, seq: m.seq, body: str(m.body) });
  return out;
}

function assertUnique(rows: readonly { id: string; seq: number }[], what: string): void {
  assert.equal(new Set(rows.map((r) => r.id)).size, rows.length, `${what}: no duplicated message`);
  assert.equal(new Set(rows.map((r) => r.seq)).size, rows.length, `${what}: no duplicated sequence number`);
}

test('#21 kill -9 during deleteMessages, deleteConversation or the compaction after them: each deletion is whole or absent, nothing else is lost', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await newProfile(dir);
    for (const id of ['k0', 'k1', ...Array.from({ length: ROUNDS }, (_, r) => `c${r}`)]) await store.putConversation(conversation(id));
    const k1: NewMessage[] = Array.from({ length: K1_SIZE }, (_, i) => ({ id: `m${i}`, conversationId: 'k1', sender: 'a', timestamp: i, body: text(k1Body(i)), delivery: 'sent' }));
    await store.appendMessages(k1);
    for (let r = 0; r < ROUNDS; r++) {
      await store.appendMessages(Array.from({ length: 50 }, (_, i) => ({ id: `c${r}m${i}`, conversationId: `c${r}`, sender: 'b', timestamp: i, body: text(`conversation ${r} line ${i} zc${r}conv`), delivery: 'received' })));
    }
    await store.close();

    const deletedMessages = new Set<number>();
    const deletedConversations = new Set<number>();
    const acked = new Set<number>();
    let start = 0;
    let total = 0;
    const stepsHit = new Set<string>();
    for (let round = 0; round < ROUNDS; round++) {
      // Round 0 runs to the end and counts its writes; later rounds die after one of them, spread
      // over the whole deletion (the conversation's own steps come after the messages').
      const killAfter = round === 0 ? 0 : Math.max(1, Math.round((round * total) / ROUNDS));
      const run = await runDeleter(dir, round, start, killAfter);
      if (round === 0) total = run.steps;
      for (const n of run.acked) acked.add(n);
      stepsHit.add([...run.lines].join('+'));

      const again = await reopen(dir);
      try {
        const k1All = await messagesOf(again, 'k1');
        assertUnique(k1All, 'k1');
        const rows = k1All.filter((r) => r.id.startsWith('m'));
        const present = new Set(rows.map((r) => Number(r.id.slice(1))));
        const mine = victims(round);
        const gone = mine.filter((i) => !present.has(i));
        assert.ok(gone.length === 0 || gone.length === mine.length, `round ${round}: the deletion of ${mine.join(',')} is whole or absent, not ${gone.join(',')} alone`);
        if (run.lines.has('deleted-messages')) assert.equal(gone.length, mine.length, 'a deletion that resolved is done');
        if (gone.length > 0) for (const i of mine) deletedMessages.add(i);
        const expected = Array.from({ length: K1_SIZE }, (_, i) => i).filter((i) => !deletedMessages.has(i));
        assert.deepEqual([...present].sort((a, b) => a - b), expected, 'every other message is still there');
        for (const r of rows) assert.equal(r.body, k1Body(Number(r.id.slice(1))), 'and readable');
        assert.equal((await again.search(`zq${round}gone`)).length, gone.length > 0 ? 0 : mine.length, 'search agrees');

        const conv = await again.getConversation(`c${round}`);
        const convRows = await messagesOf(again, `c${round}`);
        assertUnique(convRows, `c${round}`);
        if (conv) assert.equal(convRows.length, 50, `round ${round}: a conversation still listed has all its messages`);
        else {
          assert.equal(convRows.length, 0, `round ${round}: a deleted conversation has no messages left`);
          assert.deepEqual(await again.search(`zc${round}conv`), []);
          deletedConversations.add(round);
        }
        if (run.lines.has('deleted-conversation')) assert.equal(conv, undefined, 'a conversation deletion that resolved is done');
        for (let r = 0; r < ROUNDS; r++) {
          if (r === round) continue;
          const listed = (await again.getConversation(`c${r}`)) !== undefined;
          assert.equal(listed, !deletedConversations.has(r), `c${r} is as the earlier rounds left it`);
          assert.equal((await again.search(`zc${r}conv`, { limit: 100 })).length, listed ? 50 : 0);
        }

        // The saves that ran alongside, into the same conversation too.
        const k0 = await messagesOf(again, 'k0');
        assertUnique(k0, 'k0');
        const saved = [...k0, ...k1All.filter((r) => r.id.startsWith('z'))];
        const savedIds = new Set(saved.map((r) => r.id));
        for (const n of acked) assert.ok(savedIds.has(`z${n}`), `acknowledged z${n} survived`);
        for (const r of saved) assert.equal(r.body, `ongoing ${r.id.slice(1)}`);
        start = Math.max(start, ...saved.map((r) => Number(r.id.slice(1)) + 1), ...acked) + 1;
      } finally {
        await again.close();
      }
    }
    // The kills landed in each phase of the work.
    assert.ok(total > ROUNDS, `the uncut run took ${total} steps`);
    assert.ok(stepsHit.size >= 3, `steps reached: ${[...stepsHit].join(' | ')}`);
  } finally {
    await cleanup();
  }
});
