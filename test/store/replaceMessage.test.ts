/**
 * Replacing a message's body (issue 8: edits and delete for everyone) erases the old body like a
 * deletion (SECURITY #7, #23): same id and position, the old text neither searchable nor readable
 * with any key left in the folder, and not in its bytes.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as lancedb from '@lancedb/lancedb';
import { readHeader, unwrapMasterKey } from '../../src/store/header.js';
import { readKeyring } from '../../src/store/keyring.js';
import { MESSAGES_TABLE, messageRows, type MessageRow } from '../../src/store/lanceTables.js';
import { asKey, openMessage, seqOfKey, subkey, type StoreKey } from '../../src/store/rowCrypto.js';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { NotFoundError } from '../../src/store/errors.js';
import type { Store } from '../../src/store/types.js';
import { conversation, encodings, findIn, newProfile, PASS, reopen, snapshot, str, tempDir, text } from './helpers.js';

async function allKeys(pdir: string): Promise<StoreKey[]> {
  const master = await unwrapMasterKey(await readHeader(pdir), PASS);
  const keyring = await readKeyring(pdir, subkey(master, 'keyring'));
  const out: StoreKey[] = [];
  for (const c of keyring.conversations.values()) for (const e of c.epochs.values()) for (const k of e.gens.values()) out.push(asKey(k));
  return out;
}

async function messageTableRows(pdir: string): Promise<MessageRow[]> {
  const db = await lancedb.connect(join(pdir, 'db'));
  try {
    const t = await db.openTable(MESSAGES_TABLE);
    const rows = messageRows(await t.query().select(['k', 'g', 'ct']).toArrow());
    t.close();
    return rows;
  } finally {
    db.close();
  }
}

async function behavesLikeAReplacement(store: Store): Promise<void> {
  await store.putConversation(conversation('k1'));
  for (let i = 0; i < 5; i++) await store.saveMessage({ id: `m${i}`, conversationId: 'k1', sender: 'a', timestamp: i, body: text(`keep ${i}`), delivery: 'sent' });
  await store.saveMessage({ id: 'target', conversationId: 'k1', sender: 'a', timestamp: 9, body: text('EDITEDAWAY original words'), delivery: 'delivered' });
  await store.saveMessage({ id: 'after', conversationId: 'k1', sender: 'a', timestamp: 10, body: text('keep last'), delivery: 'sent' });
  const before = await store.getMessage('k1', 'target');
  const replaced = await store.replaceMessage('k1', 'target', text('corrected words'));
  assert.equal(replaced.seq, before!.seq);
  const again = await store.getMessage('k1', 'target');
  assert.equal(str(again!.body), 'corrected words');
  assert.deepEqual([again!.seq, again!.sender, again!.timestamp, again!.delivery], [before!.seq, 'a', 9, 'delivered']);
  assert.deepEqual(
    (await store.history('k1')).map((m) => [m.id, m.seq]),
    ['after', 'target', 'm4', 'm3', 'm2', 'm1', 'm0'].map((id, i) => [id, 7 - i]),
  );
  assert.deepEqual(await store.search('editedaway'), []);
  assert.deepEqual(
    (await store.search('corrected')).map((m) => m.id),
    ['target'],
  );
  await assert.rejects(store.replaceMessage('k1', 'unknown', text('x')), NotFoundError);
}

test('replaceMessage keeps id and position and takes the old text out of search (memory store)', async () => {
  await behavesLikeAReplacement(new MemoryStore());
});

test('#7 #23 replaceMessage erases the old body: no key left opens it, nothing in the folder contains it', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const pdir = join(dir, 'profile');
    const store = await newProfile(dir, { flushRows: 3 });
    try {
      await behavesLikeAReplacement(store);
    } finally {
      await store.close();
    }
    const keys = await allKeys(pdir);
    for (const row of await messageTableRows(pdir)) {
      for (const key of keys) {
        let body: string | undefined;
        try {
          body = str(openMessage(key, 'k1', seqOfKey(row.k), row.g, row.ct).body);
        } catch {
          body = undefined;
        }
        assert.ok(body === undefined || !body.includes('EDITEDAWAY'), 'no stored row opens to the old text');
      }
    }
    assert.deepEqual(findIn(await snapshot(pdir), encodings('EDITEDAWAY original')), []);
    const reopened = await reopen(dir);
    try {
      assert.equal(str((await reopened.getMessage('k1', 'target'))!.body), 'corrected words');
      assert.deepEqual(await reopened.search('editedaway'), []);
      assert.equal((await reopened.history('k1')).length, 7);
    } finally {
      await reopened.close();
    }
  } finally {
    await cleanup();
  }
});
