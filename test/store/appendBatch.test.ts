/**
 * appendMessages builds a whole batch in shared buffers (one for the returned bodies, one for the
 * ciphertexts): property test that each message still stands alone — bodies as given, untouched
 * by later changes to the caller's arrays or to other returned bodies, repeats of an id in a call
 * or of a journaled id returned as first stored, and everything read back the same after a flush
 * and a reopen.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { NewMessage, StoredMessage } from '../../src/store/types.js';
import { checkAcrossReopen, conversation, newProfile, tempDir } from './helpers.js';

test('appendMessages: every message of a batch stands alone, as stored, after a flush and after a reopen', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    // No flush while the property runs: a repeated id is then still journaled (and deduplicated).
    const store = await newProfile(dir, { flushRows: 1_000_000, flushIntervalMs: 3_600_000 });
    await store.putConversation(conversation('c1'));
    await store.putConversation(conversation('c2'));
    const saved = new Map<string, StoredMessage>();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ idNo: fc.option(fc.nat(5), { nil: undefined }), conv: fc.constantFrom('c1', 'c2'), sender: fc.string({ maxLength: 20 }), body: fc.uint8Array({ maxLength: 200 }) }), { minLength: 1, maxLength: 30 }),
        async (items) => {
          run++;
          const batch: NewMessage[] = items.map((it, i) => ({ id: it.idNo === undefined ? undefined : `r${run}-${it.idNo}`, conversationId: it.conv, sender: it.sender, timestamp: run * 1000 + i, body: Uint8Array.from(it.body), delivery: 'sent' }));
          const given = batch.map((m) => Uint8Array.from(m.body));
          const out = await store.appendMessages(batch);
          assert.equal(out.length, batch.length);
          const first = new Map<string, StoredMessage>();
          out.forEach((m, i) => {
            const id = batch[i]!.id;
            const earlier = id === undefined ? undefined : first.get(id);
            if (earlier) assert.equal(m, earlier);
            else {
              assert.deepEqual(m.body, given[i]);
              assert.equal(m.conversationId, batch[i]!.conversationId);
              first.set(m.id, m);
              saved.set(m.id, { ...m, body: Uint8Array.from(m.body) });
            }
          });
          for (const m of batch) m.body.fill(0xaa);
          const victim = out.find((m) => m.body.length > 0);
          victim?.body.fill(0x55);
          for (const m of first.values()) if (m !== victim) assert.deepEqual(m.body, saved.get(m.id)!.body);
          for (const m of first.values()) assert.deepEqual(await store.getMessage(m.conversationId, m.id), saved.get(m.id));
          // Saved again while journaled: returned as stored, nothing new.
          const again = await store.appendMessages(batch.filter((m) => m.id !== undefined));
          for (const m of again) assert.equal(m.seq, saved.get(m.id)!.seq);
        },
      ),
      { numRuns: 25 },
    );
    await store.flush();
    await checkAcrossReopen(store, dir, async (s) => {
      for (const conv of ['c1', 'c2']) {
        const expected = [...saved.values()].filter((m) => m.conversationId === conv).sort((a, b) => b.seq - a.seq);
        assert.deepEqual(await s.history(conv, { limit: 500 }), expected.slice(0, 500));
      }
    });
  } finally {
    await cleanup();
  }
});
