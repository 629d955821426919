/**
 * The blind index's posting rows built on a worker thread (postingBuilder.ts): the same bytes as
 * on the main thread, listing exactly each term's messages; and a store whose flush batch is large
 * enough to go to the worker searches right, before and after reopening.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';
import { StoreCorruptError } from '../../src/store/errors.js';
import { asKey } from '../../src/store/rowCrypto.js';
import { buildBatchPostings, OFF_THREAD_MIN_ENTRIES } from '../../src/store/postingBuilder.js';
import { decodeRuns, openPosting, postingToken, type BatchWords } from '../../src/store/postings.js';
import { indexTerms } from '../../src/store/searchText.js';
import { checkAcrossReopen, conversation, newProfile, tempDir, text } from './helpers.js';

/** A batch as a flush makes it: words (as their index terms) and the ascending gs of the rows holding each. */
function batchWords(rows: readonly (readonly string[])[], firstG: number): { input: BatchWords; expected: Map<string, number[]> } {
  const byWord = new Map<string, number[]>();
  const expected = new Map<string, Set<number>>();
  rows.forEach((words, i) => {
    const g = firstG + i;
    for (const word of words) {
      const gs = byWord.get(word) ?? [];
      if (gs[gs.length - 1] !== g) gs.push(g);
      byWord.set(word, gs);
      for (const term of indexTerms(word)) expected.set(term, (expected.get(term) ?? new Set()).add(g));
    }
  });
  const lists = [...byWord.values()];
  const gs = new Float64Array(lists.flat());
  const ends = new Uint32Array(lists.length);
  let at = 0;
  lists.forEach((list, i) => (ends[i] = at += list.length));
  const input = { words: [...byWord.keys()].map(indexTerms), gs, ends };
  return { input, expected: new Map([...expected].map(([term, set]) => [term, [...set].sort((a, b) => a - b)])) };
}

const word = fc.oneof(fc.stringMatching(/^[a-z0-9]{1,9}$/), fc.constantFrom('ça', 'naïve', '日本語', 'straße', 'ab'));

test('posting rows built on the worker thread equal those built in place and list exactly each term\'s messages', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(word, { maxLength: 12 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), async (rows, firstG, batchId) => {
      const key = randomBytes(32);
      const inPlace = await buildBatchPostings(batchId, key, batchWords(rows, firstG).input, false);
      const { input, expected } = batchWords(rows, firstG);
      const offThread = await buildBatchPostings(batchId, key, input, true);
      assert.deepEqual(offThread.toks, inPlace.toks);
      assert.deepEqual(offThread.offsets, inPlace.offsets);
      assert.deepEqual(offThread.data, inPlace.data);
      const found = new Map<string, number[]>();
      for (let i = 0; i < offThread.toks.length; i++) {
        const tok = offThread.toks[i]!;
        for (const [term, runs] of openPosting(asKey(key), batchId, tok, offThread.data.subarray(offThread.offsets[i], offThread.offsets[i + 1]))) {
          assert.equal(postingToken(asKey(key), term), tok);
          assert.ok(!found.has(term), `${term} listed twice`);
          found.set(term, decodeRuns(runs));
        }
      }
      assert.deepEqual(found, expected);
    }),
    { numRuns: 30 },
  );
});

test('a request the worker cannot serve is a typed error, and the worker goes on serving', async () => {
  const rows = [['alpha', 'beta'], ['beta']];
  await assert.rejects(buildBatchPostings(1, new Uint8Array(5), batchWords(rows, 1).input, true), StoreCorruptError);
  const key = randomBytes(32);
  const offThread = await buildBatchPostings(1, key, batchWords(rows, 1).input, true);
  assert.deepEqual(offThread, await buildBatchPostings(1, key, batchWords(rows, 1).input, false));
});

test('a flush batch indexed on the worker thread is searchable, before and after reopening', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await newProfile(dir);
    await store.putConversation(conversation('c1'));
    await store.putConversation(conversation('c2'));
    const vocabulary = Array.from({ length: 300 }, (_, i) => `w${i.toString(36)}ord${'xyz'[i % 3]}`);
    const bodies: string[] = [];
    // Enough word occurrences for the batch to go to the worker.
    for (let entries = 0; entries < 1.2 * OFF_THREAD_MIN_ENTRIES; ) {
      const i = bodies.length;
      const words = Array.from({ length: 12 }, (_, k) => vocabulary[(i * 7 + k * k * 13) % vocabulary.length]!);
      entries += new Set(words).size;
      bodies.push(words.join(' '));
    }
    for (let i = 0; i < bodies.length; i += 1000) {
      await store.appendMessages(bodies.slice(i, i + 1000).map((b, k) => ({ id: `m${i + k}`, conversationId: (i + k) % 2 ? 'c1' : 'c2', sender: 'me', timestamp: i + k, body: text(b), delivery: 'sent' as const })));
    }
    await store.flush();
    const expect = (query: string): string[] => {
      const q = query.toLowerCase().split(' ');
      return bodies
        .map((b, i) => [b.split(' '), i] as const)
        .filter(([words]) => q.every((w) => words.some((x) => (w.length < 3 ? x === w : x.startsWith(w)))))
        .map(([, i]) => `m${i}`)
        .reverse()
        .slice(0, 20);
    };
    await checkAcrossReopen(store, dir, async (s) => {
      for (const query of ['w1ord', 'W2ORDz', 'w3', 'w3ordx', 'w5ordy w7', 'wzzz']) {
        assert.deepEqual((await s.search(query, { limit: 20 })).map((m) => m.id), expect(query), query);
      }
    });
  } finally {
    await cleanup();
  }
});
