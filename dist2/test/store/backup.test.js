/** Encrypted export and import (issue 3 §8): round trip; truncated, tampered or wrongly-keyed backups write nothing. */
import assert from 'node:assert/strict';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { exportProfile, importProfile } from '../../src/store/backup.js';
import { BackupError } from '../../src/store/errors.js';
import { conversation, encodings, FAST, findIn, newProfile, snapshot, str, tempDir, text } from './helpers.js';
const BACKUP_PASS = 'backup passphrase';
test('a profile exported and imported keeps everything, in order', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const store = await newProfile(dir, { flushRows: 25 });
        await store.putIdentity(text('who-i-am'));
        await store.putContact({ id: 'c1', name: 'Carol', record: text('carol-key'), verified: true, address: 'qc' });
        await store.putConversation(conversation('k1', 'Backup chat'));
        await store.putSession('k1', text('sess'));
        for (let i = 0; i < 120; i++)
            await store.saveMessage({ id: `m${i}`, conversationId: 'k1', sender: i % 2 ? 'c1' : 'me', timestamp: i, body: text(`backup line ${i}`), delivery: 'read' });
        await store.putInvitation('inv', text('one-time'));
        await store.putSetting('lang', text('fr'));
        await store.putOutbox({ id: 'o1', conversationId: 'k1', payload: text('pending-frame'), createdAt: 3, attempts: 1 });
        const progress = [];
        const file = join(dir, 'backup.slbk');
        const result = await exportProfile(store, file, BACKUP_PASS, { pwhash: PWHASH_LIMITS.min, onProgress: (p) => progress.push(p.items) });
        await store.close();
        assert.ok(progress.length > 0 && progress[progress.length - 1] === result.items);
        assert.deepEqual(findIn(new Map([[file, await readFile(file)]]), [...encodings('backup line 7'), ...encodings('Carol'), ...encodings('one-time')]), []);
        const restored = await importProfile(file, BACKUP_PASS, join(dir, 'restored'), 'new profile pass', FAST);
        try {
            assert.equal(str((await restored.getIdentity())), 'who-i-am');
            assert.equal((await restored.getContact('c1'))?.name, 'Carol');
            assert.equal((await restored.getConversation('k1'))?.title, 'Backup chat');
            assert.equal(str((await restored.getSession('k1'))), 'sess');
            const h = await restored.history('k1', { limit: 500 });
            assert.deepEqual(h.map((m) => m.id), Array.from({ length: 120 }, (_, i) => `m${119 - i}`));
            assert.equal(h[0].delivery, 'read');
            assert.equal(str((await restored.takeInvitation('inv'))), 'one-time');
            assert.equal(str((await restored.getSetting('lang'))), 'fr');
            assert.equal((await restored.listOutbox())[0]?.id, 'o1');
            assert.equal((await restored.search('backup line')).length, 50);
        }
        finally {
            await restored.close();
        }
    }
    finally {
        await cleanup();
    }
});
test('truncated, tampered or wrongly-keyed backups are rejected before anything is written', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const store = await newProfile(dir);
        await store.putConversation(conversation('k1'));
        for (let i = 0; i < 30; i++)
            await store.saveMessage({ conversationId: 'k1', sender: 'a', timestamp: i, body: text(`x${i}`.repeat(2000)), delivery: 'sent' });
        const file = join(dir, 'b.slbk');
        await exportProfile(store, file, BACKUP_PASS, { pwhash: PWHASH_LIMITS.min });
        await store.close();
        const good = await readFile(file);
        const variants = [
            ['truncated at the end', good.subarray(0, good.length - 1), BACKUP_PASS],
            ['truncated mid-way', good.subarray(0, Math.floor(good.length / 2)), BACKUP_PASS],
            ['header only', good.subarray(0, 57), BACKUP_PASS],
            ['bit flip in the body', Buffer.from(good).fill(good[good.length - 100] ^ 1, good.length - 100, good.length - 99), BACKUP_PASS],
            ['bit flip in the KDF salt', Buffer.from(good).fill(good[20] ^ 1, 20, 21), BACKUP_PASS],
            ['trailing garbage', Buffer.concat([good, Buffer.from([1, 2, 3, 4, 5])]), BACKUP_PASS],
            ['wrong passphrase', good, 'not it'],
        ];
        for (const [name, bytes, pass] of variants) {
            const bad = join(dir, 'bad.slbk');
            await writeFile(bad, bytes);
            const target = join(dir, `restore-${name.replace(/\W+/g, '-')}`);
            await assert.rejects(importProfile(bad, pass, target, 'p', FAST), BackupError, name);
            await assert.rejects(readdir(target), { code: 'ENOENT' }, `${name}: nothing created`);
        }
        assert.ok((await snapshot(dir)).size > 0);
    }
    finally {
        await cleanup();
    }
});
//# sourceMappingURL=backup.test.js.map