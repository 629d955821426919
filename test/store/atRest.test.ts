/**
 * Nothing readable at rest and deletion that deletes (issue 3 §2, §3; SECURITY #22, #23, #7).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as lancedb from '@lancedb/lancedb';
import { aeadOpen } from '../../src/crypto/aead.js';
import { readHeader, unwrapMasterKey } from '../../src/store/header.js';
import { readKeyring } from '../../src/store/keyring.js';
import { recordBatch } from '../../src/store/lanceTables.js';
import { asKey, subkey } from '../../src/store/rowCrypto.js';
import { StoreCorruptError } from '../../src/store/errors.js';
import { conversation, encodings, findIn, newProfile, PASS, reopen, snapshot, str, tempDir, text } from './helpers.js';

const SECRETS = {
  body: 'Rendezvous beneath the lighthouse at midnight',
  word: 'xylophonically',
  contactName: 'Zebulon Quartermaine',
  contactRecord: 'IDENTITY-KEY-0123456789abcdef',
  session: 'RATCHET-STATE-ffeeddccbbaa',
  invitation: 'INVITE-SECRET-42424242',
  setting: 'SETTING-VALUE-secret-theme',
  title: 'Project Nightingale',
};

test('#23 a locked profile folder contains no plaintext: every byte of every file scanned for known text, names and keys', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const needles = [...Object.values(SECRETS).flatMap((s) => encodings(s)), ...encodings('IDENTITY-SECRET-KEY-material')];
    const store = await newProfile(dir, { flushRows: 5 });
    try {
      await store.putIdentity(text('IDENTITY-SECRET-KEY-material'));
      await store.putContact({ id: 'c1', name: SECRETS.contactName, record: text(SECRETS.contactRecord), verified: true, address: 'addr1' });
      await store.putConversation({ ...conversation('k1'), title: SECRETS.title });
      for (let i = 0; i < 12; i++) {
        await store.saveIncoming('k1', text(`${SECRETS.session}-${i}`), { conversationId: 'k1', sender: 'c1', timestamp: i, body: text(`${SECRETS.body} ${SECRETS.word} #${i}`), delivery: 'received' });
      }
      await store.putInvitation('inv1', text(SECRETS.invitation));
      await store.putSetting('theme', text(SECRETS.setting));
      assert.equal((await store.search(SECRETS.word)).length, 12, 'search works while unlocked');
      // Check the journal (unflushed rows) as well as LanceDB: scan once before close, once after.
      assert.deepEqual(findIn(await snapshot(dir), needles), []);
    } finally {
      await store.close();
    }
    const files = await snapshot(dir);
    assert.ok(files.size > 5);
    assert.deepEqual(findIn(files, needles), []);
    // The passphrase itself is not there either.
    assert.deepEqual(findIn(files, encodings(PASS)), []);
  } finally {
    await cleanup();
  }
});

test('#22 swapping a contact\'s row (keys, record) inside the database is detected', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await newProfile(dir);
    await store.putContact({ id: 'alice', name: 'Alice', record: text('alice-identity-key'), verified: true, address: 'qa' });
    await store.putContact({ id: 'mallory', name: 'Mallory', record: text('mallory-identity-key'), verified: false, address: 'qm' });
    await store.close();

    const db = await lancedb.connect(join(dir, 'profile', 'db'));
    const records = await db.openTable('records');
    const rows = (await records.query().toArray()) as { rid: string; ct: Uint8Array }[];
    assert.equal(rows.length, 2);
    // Put Mallory's encrypted record under Alice's row id.
    await records.mergeInsert('rid').whenMatchedUpdateAll().execute(recordBatch([{ rid: rows[0]!.rid, ct: rows[1]!.ct }]));
    records.close();
    db.close();

    const again = await reopen(dir);
    try {
      const results = await Promise.allSettled([again.getContact('alice'), again.getContact('mallory')]);
      const rejected = results.filter((r) => r.status === 'rejected');
      assert.equal(rejected.length, 1, 'exactly the swapped row fails');
      assert.ok((rejected[0] as PromiseRejectedResult).reason instanceof StoreCorruptError);
      const ok = results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ name: string } | undefined>;
      assert.notEqual(ok.value?.name, undefined);
      await assert.rejects(again.listContacts(), StoreCorruptError);
    } finally {
      await again.close();
    }
  } finally {
    await cleanup();
  }
});

test('#22 a message row moved to another position fails authentication', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await newProfile(dir);
    await store.putConversation(conversation('k1'));
    await store.saveMessage({ id: 'm1', conversationId: 'k1', sender: 'a', timestamp: 1, body: text('one'), delivery: 'sent' });
    await store.saveMessage({ id: 'm2', conversationId: 'k1', sender: 'a', timestamp: 2, body: text('two'), delivery: 'sent' });
    await store.close();
    const db = await lancedb.connect(join(dir, 'profile', 'db'));
    const messages = await db.openTable('messages');
    const [a, b] = (await messages.query().select(['id', 'ct']).toArray()) as { id: string; ct: Uint8Array }[];
    await messages.update({ where: `id = '${a!.id}'`, valuesSql: { ct: `X'${Buffer.from(b!.ct).toString('hex')}'` } });
    messages.close();
    db.close();
    const again = await reopen(dir);
    await assert.rejects(again.history('k1'), StoreCorruptError);
    await again.close();
  } finally {
    await cleanup();
  }
});

test('deleted messages and conversations are unrecoverable from anything left in the folder, even with the passphrase', async () => {
  const { dir, cleanup } = await tempDir();
  try {
    const store = await newProfile(dir, { flushRows: 4 });
    await store.putConversation(conversation('k1'));
    await store.putConversation(conversation('k2'));
    for (let i = 0; i < 10; i++) await store.saveMessage({ id: `m${i}`, conversationId: 'k1', sender: 'a', timestamp: i, body: text(`keep ${i}`), delivery: 'sent' });
    await store.saveMessage({ id: 'gone', conversationId: 'k1', sender: 'a', timestamp: 50, body: text('DELETE-ME message body'), delivery: 'sent' });
    await store.saveMessage({ id: 'c2', conversationId: 'k2', sender: 'a', timestamp: 60, body: text('WHOLE-CONVERSATION body'), delivery: 'sent' });
    await store.flush();
    // An attacker's earlier copy of the ciphertexts (an old dataset version or a copied file).
    const db = await lancedb.connect(join(dir, 'profile', 'db'));
    const table = await db.openTable('messages');
    const captured = (await table.query().select(['id', 'ct']).toArray()) as { id: string; ct: Uint8Array }[];
    table.close();
    db.close();
    const goneCt = captured.find((r) => r.id === 'gone')!.ct;
    const c2Ct = captured.find((r) => r.id === 'c2')!.ct;

    await store.deleteMessage('k1', 'gone');
    await store.deleteConversation('k2');
    await store.close();

    // With the passphrase: every key the folder can still yield fails on the captured rows.
    const pdir = join(dir, 'profile');
    const master = await unwrapMasterKey(await readHeader(pdir), PASS);
    const keyring = await readKeyring(pdir, subkey(master, 'keyring'));
    const candidates = [master, ...['records', 'search', 'keyring', 'record-id'].map((l) => subkey(master, l))];
    for (const j of keyring.journals) candidates.push(asKey(j.key));
    for (const c of keyring.conversations.values()) {
      candidates.push(asKey(c.meta));
      for (const e of c.epochs.values()) for (const k of e.gens.values()) candidates.push(asKey(k));
    }
    assert.equal(keyring.conversations.has('k2'), false);
    let opened = 0;
    for (const ct of [goneCt, c2Ct]) {
      for (const key of candidates) {
        // The AD is irrelevant to the attacker's question "does any key open it": try the real one and none.
        for (const id of ['gone', 'c2']) {
          for (const conv of ['k1', 'k2']) {
            for (let seq = 0; seq < 16; seq++) {
              const ad = Buffer.alloc(12);
              ad.writeBigUInt64LE(BigInt(seq), 0);
              ad.writeUInt32LE(Buffer.from(ct).readUInt32LE(0), 8);
              try {
                aeadOpen(key, Buffer.from(ct).subarray(4), Buffer.concat([Buffer.from(`saltline/msg\0${id}\0${conv}\0`), ad]));
                opened++;
              } catch {
                // expected
              }
            }
          }
        }
      }
    }
    assert.equal(opened, 0);
    const files = await snapshot(pdir);
    assert.deepEqual(findIn(files, [...encodings('DELETE-ME'), ...encodings('WHOLE-CONVERSATION')]), []);

    // The rest of the epoch was re-encrypted and still reads.
    const again = await reopen(dir);
    assert.deepEqual((await again.history('k1')).map((m) => str(m.body)), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((i) => `keep ${i}`));
    assert.deepEqual(await again.history('k2'), []);
    assert.equal(await again.getConversation('k2'), undefined);
    await again.close();
  } finally {
    await cleanup();
  }
});
