/**
 * Deleting a contact, a setting or an outbox entry erases it cryptographically (issue 3 §3;
 * SECURITY #7, #23): every record is sealed under a key of its own that leaves the keyring when
 * its row is deleted or replaced, so no copy LanceDB keeps — old versions, uncompacted fragments,
 * files copied earlier — opens with anything left in the folder, even with the passphrase.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as lancedb from '@lancedb/lancedb';
import { readHeader, unwrapMasterKey } from '../../src/store/header.js';
import { readKeyring } from '../../src/store/keyring.js';
import { RECORDS_TABLE } from '../../src/store/lanceTables.js';
import { asKey, openRecord, subkey, type RecordValue, type StoreKey } from '../../src/store/rowCrypto.js';
import { conversation, encodings, findIn, newProfile, PASS, reopen, snapshot, str, tempDir, text } from './helpers.js';

const GONE = {
  contactName: 'Ottoline Vanderkamp',
  contactRecord: 'CONTACT-IDENTITY-KEY-5e5e5e',
  setting: 'SETTING-ERASED-value-77',
  oldSetting: 'SETTING-REPLACED-value-13',
  outbox: 'OUTBOX-ENVELOPE-ciphertext-99',
};

/** Every key a person holding the folder and the passphrase can obtain from it. */
async function keysLeft(pdir: string): Promise<StoreKey[]> {
  const master = await unwrapMasterKey(await readHeader(pdir), PASS);
  const keyring = await readKeyring(pdir, subkey(master, 'keyring'));
  const out: StoreKey[] = [asKey(master.expose()), ...['records', 'search', 'keyring', 'record-id', 'message-id'].map((l) => subkey(master, l))];
  for (const j of keyring.journals) out.push(asKey(j.key));
  for (const c of keyring.conversations.values()) {
    out.push(asKey(c.meta));
    for (const e of c.epochs.values()) for (const k of e.gens.values()) out.push(asKey(k));
  }
  for (const b of keyring.batches) out.push(asKey(b.key));
  for (const k of keyring.recordKeys.values()) out.push(asKey(k));
  return out;
}

async function recordRows(pdir: string): Promise<{ rid: string; ct: Uint8Array }[]> {
  const db = await lancedb.connect(join(pdir, 'db'));
  try {
    const table = await db.openTable(RECORDS_TABLE);
    const arrow = await table.query().select(['rid', 'ct']).toArrow();
    const out: { rid: string; ct: Uint8Array }[] = [];
    for (let i = 0; i < arrow.numRows; i++) out.push({ rid: arrow.getChild('rid')!.get(i) as string, ct: Uint8Array.from(arrow.getChild('ct')!.get(i) as Uint8Array) });
    table.close();
    return out;
  } finally {
    db.close();
  }
}

function openWithAny(keys: readonly StoreKey[], row: { rid: string; ct: Uint8Array }): RecordValue | undefined {
  for (const key of keys) {
    try {
      return openRecord(key, row.rid, row.ct);
    } catch {
      // not this key
    }
  }
  return undefined;
}

test('#7 deleted or replaced contacts, settings and outbox entries are unrecoverable from the folder or earlier copies, even with the passphrase', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const pdir = join(dir, 'profile');
    const store = await newProfile(dir);
    await store.putConversation(conversation('k1'));
    await store.putContact({ id: 'gone', name: GONE.contactName, record: text(GONE.contactRecord), verified: true, address: 'q1' });
    await store.putContact({ id: 'kept', name: 'Keeper', record: text('kept-record'), verified: false, address: 'q2' });
    await store.putSetting('erased', text(GONE.setting));
    await store.putSetting('theme', text(GONE.oldSetting));
    await store.putOutbox({ id: 'o1', conversationId: 'k1', payload: text(GONE.outbox), createdAt: 1, attempts: 0 });
    await store.flush();
    // An attacker's copy of every record row as it is now (an old dataset version, a copied file).
    const captured = await recordRows(pdir);
    const before = await keysLeft(pdir);
    const secretsIn = (rec: RecordValue | undefined): string[] => {
      if (!rec) return [];
      const v = rec.value as { name?: string; record?: Uint8Array; payload?: Uint8Array } | Uint8Array;
      const texts = v instanceof Uint8Array ? [str(v)] : [v.name ?? '', v.record ? str(v.record) : '', v.payload ? str(v.payload) : ''];
      return Object.values(GONE).filter((s) => texts.includes(s));
    };
    // The method can find them: with the keys of that moment, the captured rows do open.
    assert.deepEqual(captured.flatMap((r) => secretsIn(openWithAny(before, r))).sort(), Object.values(GONE).sort());

    await store.deleteContact('gone');
    await store.deleteSetting('erased');
    await store.putSetting('theme', text('dark'));
    await store.deleteOutbox('o1');
    await store.close();

    const after = await keysLeft(pdir);
    for (const row of captured) assert.deepEqual(secretsIn(openWithAny(after, row)), [], 'no key left in the folder opens a deleted or replaced record');
    const now = await recordRows(pdir);
    assert.deepEqual(now.flatMap((r) => secretsIn(openWithAny(after, r))), []);
    const files = await snapshot(pdir);
    assert.deepEqual(findIn(files, Object.values(GONE).flatMap((s) => encodings(s))), []);

    // What was kept still opens, and the store reads it back.
    assert.ok(now.some((r) => (openWithAny(after, r)?.value as { name?: string } | undefined)?.name === 'Keeper'));
    const again = await reopen(dir);
    try {
      assert.deepEqual((await again.listContacts()).map((c) => c.name), ['Keeper']);
      assert.equal(await again.getSetting('erased'), undefined);
      assert.equal(str((await again.getSetting('theme'))!), 'dark');
      assert.deepEqual(await again.listOutbox(), []);
      assert.equal((await again.getConversation('k1'))?.id, 'k1');
    } finally {
      await again.close();
    }
  } finally {
    await cleanup();
  }
});
