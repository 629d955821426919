/**
 * Format versions and migration (issue 3 §7). `fixtures/profile-v1` is a real format-1 profile
 * written by the format-1 store (see its README): flushed rows, a deleted message, a deleted
 * conversation, and writes left only in its journal, as after a crash.
 */
import assert from 'node:assert/strict';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import * as lancedb from '@lancedb/lancedb';
import { WrongPassphraseError } from '../../src/store/errors.js';
import { HEADER_FILE, PROFILE_FORMAT_VERSION } from '../../src/store/header.js';
import { KEYRING_FILE } from '../../src/store/keyring.js';
import { openProfile } from '../../src/store/lanceStore.js';
import { createTables, messageBatch } from '../../src/store/lanceTables.js';
import { encodings, findIn, mtimes, PASS, snapshot, str, tempDir, text } from './helpers.js';
const FIXTURE = fileURLToPath(new URL('../../../test/store/fixtures/profile-v1', import.meta.url));
async function copyFixture(dir) {
    const profile = join(dir, 'profile');
    await cp(FIXTURE, profile, { recursive: true, filter: (source) => !source.endsWith('README.md') });
    return profile;
}
const headerVersion = async (profile) => JSON.parse(await readFile(join(profile, HEADER_FILE), 'utf8')).version;
/** What the fixture holds, checked through the public API. */
async function assertFixtureContent(store) {
    assert.equal(str((await store.getIdentity())), 'v1-identity-blob');
    assert.deepEqual((await store.listContacts()).map((c) => c.name), ['Carol Oldformat']);
    assert.deepEqual((await store.listConversations()).map((c) => c.title).sort(), ['Old chat', 'Second chat']);
    assert.equal(str((await store.getSession('k1'))), 'k1-session-309', 'the session state of the newest (journal-only) message');
    const all = [];
    for await (const m of store.allMessages('k1'))
        all.push({ id: m.id, seq: m.seq, body: str(m.body) });
    assert.equal(all.length, 309, '310 saved, one deleted');
    assert.equal(all.some((m) => m.id === 'k1m5'), false, 'a deleted message stays deleted');
    assert.deepEqual(all.map((m) => m.seq), [...all.map((m) => m.seq)].sort((a, b) => a - b));
    assert.equal(all[all.length - 1].body, 'journal only message 309 zebra1');
    assert.equal((await store.getMessage('k1', 'k1m7'))?.delivery, 'read');
    assert.equal((await store.getMessage('k2', 'k2m1'))?.delivery, 'delivered', 'a journaled change is applied');
    assert.equal(await store.getMessage('k1', 'k1m5'), undefined);
    assert.deepEqual(await store.history('k3'), []);
    assert.equal((await store.search('zebra3', { limit: 500 })).length, 44);
    assert.deepEqual(await store.search('doomed'), []);
    assert.equal(str((await store.getSetting('theme'))), 'dark');
    assert.equal(str((await store.getSetting('lang'))), 'fr');
    assert.deepEqual((await store.listOutbox()).map((o) => o.id), ['o1']);
}
test('a format-1 profile is migrated on open: everything kept, deletions still deleted, journaled writes applied', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const profile = await copyFixture(dir);
        assert.equal(await headerVersion(profile), 1);
        const store = await openProfile(profile, PASS);
        let next;
        try {
            assert.equal(await headerVersion(profile), PROFILE_FORMAT_VERSION);
            await assertFixtureContent(store);
            next = await store.saveMessage({ conversationId: 'k1', sender: 'me', timestamp: 1, body: text('after migration'), delivery: 'sent' });
            assert.equal(next.seq, 311, 'sequence numbers continue past the journal-only messages');
            assert.equal(str((await store.takeInvitation('inv1'))), 'v1-invitation-secret');
        }
        finally {
            await store.close();
        }
        const v1Journals = (await readdir(FIXTURE)).filter((n) => n.startsWith('journal-'));
        const names = await readdir(profile);
        assert.ok(names.includes(KEYRING_FILE));
        assert.equal(names.includes('keyring.bin'), false, 'the format-1 keyring is gone');
        assert.equal(v1Journals.length, 1);
        assert.equal(names.some((n) => v1Journals.includes(n)), false, 'the format-1 journal is gone');
        assert.equal((await readdir(join(profile, 'db'))).includes('messages.lance'), false, 'the format-1 table (and its token column) is gone');
        assert.deepEqual(findIn(await snapshot(profile), [...encodings('old format message'), ...encodings('Carol Oldformat'), ...encodings('doomed words')]), []);
        const again = await openProfile(profile, PASS);
        assert.equal((await again.history('k1', { limit: 1 }))[0]?.id, next.id);
        assert.equal(await again.takeInvitation('inv1'), undefined);
        await again.close();
    }
    finally {
        await cleanup();
    }
});
test('a migration cut short is redone from the start on the next open', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const profile = await copyFixture(dir);
        // What a crash mid-migration leaves: half-written format-2 tables and keyring, header still 1.
        const db = await lancedb.connect(join(profile, 'db'));
        const tables = await createTables(db);
        await tables.messages.add(messageBatch([{ h: 1n, k: 2 ** 32 + 1, g: 1, ct: new Uint8Array(40) }]));
        for (const t of [tables.messages, tables.postings, tables.records])
            t.close();
        db.close();
        await writeFile(join(profile, KEYRING_FILE), Buffer.alloc(64, 7));
        const store = await openProfile(profile, PASS);
        try {
            await assertFixtureContent(store);
        }
        finally {
            await store.close();
        }
    }
    finally {
        await cleanup();
    }
});
test('a wrong passphrase on a format-1 profile is a typed error and migrates nothing', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const profile = await copyFixture(dir);
        const before = await mtimes(profile);
        await assert.rejects(openProfile(profile, 'not the passphrase'), WrongPassphraseError);
        assert.equal(await mtimes(profile), before);
        assert.equal(await headerVersion(profile), 1);
    }
    finally {
        await cleanup();
    }
});
//# sourceMappingURL=migrate.test.js.map