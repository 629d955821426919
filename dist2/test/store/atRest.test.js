/**
 * Nothing readable at rest and deletion that deletes (issue 3 §2, §3; SECURITY #22, #23, #7).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import * as lancedb from '@lancedb/lancedb';
import { readHeader, unwrapMasterKey } from '../../src/store/header.js';
import { readKeyring } from '../../src/store/keyring.js';
import { MESSAGES_TABLE, messageRows, POSTINGS_TABLE, postingRowsOf, recordBatch } from '../../src/store/lanceTables.js';
import { decodeRuns, openPosting } from '../../src/store/postings.js';
import { asKey, openMessage, seqOfKey, slotOfKey, subkey } from '../../src/store/rowCrypto.js';
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
    // Protocol-chosen ids may be the same on both ends of a conversation: they must not link folders.
    conversationId: 'convLinkableId7f3a',
    messageId: 'msgLinkableId9c2e',
};
test('#23 a locked profile folder contains no plaintext: every byte of every file scanned for known text, names, keys and ids', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const needles = [...Object.values(SECRETS).flatMap((s) => encodings(s)), ...encodings('IDENTITY-SECRET-KEY-material')];
        const store = await newProfile(dir, { flushRows: 5 });
        try {
            await store.putIdentity(text('IDENTITY-SECRET-KEY-material'));
            await store.putContact({ id: 'c1', name: SECRETS.contactName, record: text(SECRETS.contactRecord), verified: true, address: 'addr1' });
            const k1 = SECRETS.conversationId;
            await store.putConversation({ ...conversation(k1), title: SECRETS.title });
            for (let i = 0; i < 12; i++) {
                await store.saveIncoming(k1, text(`${SECRETS.session}-${i}`), { id: `${SECRETS.messageId}${i}`, conversationId: k1, sender: 'c1', timestamp: i, body: text(`${SECRETS.body} ${SECRETS.word} #${i}`), delivery: 'received' });
            }
            await store.putInvitation('inv1', text(SECRETS.invitation));
            await store.putSetting('theme', text(SECRETS.setting));
            assert.equal((await store.search(SECRETS.word)).length, 12, 'search works while unlocked');
            // Check the journal (unflushed rows) as well as LanceDB: scan once before close, once after.
            assert.deepEqual(findIn(await snapshot(dir), needles), []);
        }
        finally {
            await store.close();
        }
        const files = await snapshot(dir);
        assert.ok(files.size > 5);
        assert.deepEqual(findIn(files, needles), []);
        // The passphrase itself is not there either.
        assert.deepEqual(findIn(files, encodings(PASS)), []);
    }
    finally {
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
        const rows = (await records.query().toArray());
        assert.equal(rows.length, 2);
        // Put Mallory's encrypted record under Alice's row id.
        await records.mergeInsert('rid').whenMatchedUpdateAll().execute(recordBatch([{ rid: rows[0].rid, ct: rows[1].ct }]));
        records.close();
        db.close();
        const again = await reopen(dir);
        try {
            const results = await Promise.allSettled([again.getContact('alice'), again.getContact('mallory')]);
            const rejected = results.filter((r) => r.status === 'rejected');
            assert.equal(rejected.length, 1, 'exactly the swapped row fails');
            assert.ok(rejected[0].reason instanceof StoreCorruptError);
            const ok = results.find((r) => r.status === 'fulfilled');
            assert.notEqual(ok.value?.name, undefined);
            await assert.rejects(again.listContacts(), StoreCorruptError);
        }
        finally {
            await again.close();
        }
    }
    finally {
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
        const messages = await db.openTable(MESSAGES_TABLE);
        const [a, b] = messageRows(await messages.query().select(['k', 'g', 'ct']).toArrow());
        await messages.update({ where: `g = ${a.g}`, valuesSql: { ct: `X'${Buffer.from(b.ct).toString('hex')}'` } });
        messages.close();
        db.close();
        const again = await reopen(dir);
        await assert.rejects(again.history('k1'), StoreCorruptError);
        await again.close();
    }
    finally {
        await cleanup();
    }
});
/** Every key a person holding the folder and the passphrase can obtain from it. */
async function keysLeft(pdir) {
    const master = await unwrapMasterKey(await readHeader(pdir), PASS);
    const keyring = await readKeyring(pdir, subkey(master, 'keyring'));
    const all = [asKey(master.expose()), ...['records', 'search', 'keyring', 'record-id', 'message-id'].map((l) => subkey(master, l))];
    const convBySlot = new Map();
    for (const j of keyring.journals)
        all.push(asKey(j.key));
    for (const [conv, c] of keyring.conversations) {
        convBySlot.set(c.slot, conv);
        all.push(asKey(c.meta));
        for (const e of c.epochs.values())
            for (const k of e.gens.values())
                all.push(asKey(k));
    }
    const batchKeys = keyring.batches.map((b) => asKey(b.key));
    all.push(...batchKeys);
    return { all, batchKeys, convBySlot };
}
function openWithAny(keys, conv, row) {
    for (const key of keys) {
        try {
            return openMessage(key, conv, seqOfKey(row.k), row.g, row.ct);
        }
        catch {
            // not this key
        }
    }
    return undefined;
}
function postingsWithAny(keys, row) {
    for (const key of keys) {
        try {
            return openPosting(key, row.b, row.tok, row.pl);
        }
        catch {
            // not this key
        }
    }
    return undefined;
}
async function tableRows(pdir) {
    const db = await lancedb.connect(join(pdir, 'db'));
    try {
        const [m, p] = [await db.openTable(MESSAGES_TABLE), await db.openTable(POSTINGS_TABLE)];
        const out = { messages: messageRows(await m.query().select(['k', 'g', 'ct']).toArrow()), postings: postingRowsOf(await p.query().select(['b', 'tok', 'pl']).toArrow()) };
        m.close();
        p.close();
        return out;
    }
    finally {
        db.close();
    }
}
test('#7 deleted messages and conversations are unrecoverable from anything left in the folder or copied before, even with the passphrase', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const pdir = join(dir, 'profile');
        const store = await newProfile(dir, { flushRows: 4 });
        await store.putConversation(conversation('k1'));
        await store.putConversation(conversation('k2'));
        for (let i = 0; i < 10; i++)
            await store.saveMessage({ id: `m${i}`, conversationId: 'k1', sender: 'a', timestamp: i, body: text(`keep ${i}`), delivery: 'sent' });
        await store.saveMessage({ id: 'gone', conversationId: 'k1', sender: 'a', timestamp: 50, body: text('DELETE-ME message body'), delivery: 'sent' });
        await store.saveMessage({ id: 'c2', conversationId: 'k2', sender: 'a', timestamp: 60, body: text('WHOLE-CONVERSATION body'), delivery: 'sent' });
        await store.flush();
        // An attacker's earlier copy of every row (an old dataset version or a copied file), and the keys of that moment.
        const before = await keysLeft(pdir);
        const captured = await tableRows(pdir);
        const victims = captured.messages.filter((r) => ['gone', 'c2'].includes(openWithAny(before.all, before.convBySlot.get(slotOfKey(r.k)), r)?.id ?? ''));
        assert.equal(victims.length, 2);
        const victimGs = new Set(victims.map((r) => r.g));
        const mentionsVictim = (entries) => [...entries.values()].some((runs) => decodeRuns(runs).some((g) => victimGs.has(g)));
        assert.ok(captured.postings.some((r) => mentionsVictim(postingsWithAny(before.batchKeys, r))), 'the blind index listed them before');
        await store.deleteMessage('k1', 'gone');
        await store.deleteConversation('k2');
        await store.close();
        const after = await keysLeft(pdir);
        assert.equal([...after.convBySlot.values()].includes('k2'), false);
        for (const row of victims)
            assert.equal(openWithAny(after.all, before.convBySlot.get(slotOfKey(row.k)), row), undefined, 'no key left opens a deleted message');
        for (const row of captured.postings) {
            const entries = postingsWithAny(after.batchKeys, row);
            assert.ok(entries === undefined || !mentionsVictim(entries), 'no key left opens an index entry of a deleted message');
        }
        const now = await tableRows(pdir);
        assert.equal(now.messages.filter((r) => victimGs.has(r.g)).length, 0);
        for (const row of now.postings)
            assert.equal(mentionsVictim(postingsWithAny(after.batchKeys, row)), false);
        assert.deepEqual(findIn(await snapshot(pdir), [...encodings('DELETE-ME'), ...encodings('WHOLE-CONVERSATION')]), []);
        // The rest of the epoch was re-encrypted and still reads and is still found.
        const again = await reopen(dir);
        assert.deepEqual((await again.history('k1')).map((m) => str(m.body)), [9, 8, 7, 6, 5, 4, 3, 2, 1, 0].map((i) => `keep ${i}`));
        assert.equal((await again.search('keep')).length, 10);
        assert.deepEqual(await again.search('body'), []);
        assert.deepEqual(await again.history('k2'), []);
        assert.equal(await again.getConversation('k2'), undefined);
        await again.close();
    }
    finally {
        await cleanup();
    }
});
//# sourceMappingURL=atRest.test.js.map