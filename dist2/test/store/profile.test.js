/** Profile lifecycle (issue 3 §1, §4, §7): persistence across reopen, passphrases, the lock, format versions. */
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { ProfileExistsError, ProfileInUseError, ProfileNotFoundError, ProfileVersionError, WrongPassphraseError } from '../../src/store/errors.js';
import { DEFAULT_PWHASH_LIMITS, HEADER_FILE } from '../../src/store/header.js';
import { createProfile, openProfile } from '../../src/store/lanceStore.js';
import { conversation, FAST, mtimes, newProfile, PASS, reopen, str, tempDir, text } from './helpers.js';
test('everything written survives close and reopen', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const store = await newProfile(dir);
        await store.putIdentity(text('me'));
        await store.putContact({ id: 'bob', name: 'Bob', record: text('bob-rec'), verified: true, address: 'qb' });
        await store.putConversation(conversation('k1'));
        await store.saveIncoming('k1', text('sess-1'), { id: 'a1', conversationId: 'k1', sender: 'bob', timestamp: 1, body: text('first'), delivery: 'received' });
        await store.saveMessage({ id: 'a2', conversationId: 'k1', sender: 'me', timestamp: 2, body: text('second'), delivery: 'pending' });
        await store.flush();
        await store.setDelivery('k1', 'a2', 'delivered');
        await store.putInvitation('inv', text('inv-secret'));
        await store.putOutbox({ id: 'o1', conversationId: 'k1', payload: text('frame'), createdAt: 1, attempts: 0 });
        await store.close();
        const again = await reopen(dir);
        assert.equal(str((await again.getIdentity())), 'me');
        assert.equal((await again.getContact('bob'))?.name, 'Bob');
        assert.equal(str((await again.getSession('k1'))), 'sess-1');
        const h = await again.history('k1');
        assert.deepEqual(h.map((m) => [m.id, m.seq, str(m.body), m.delivery]), [['a2', 2, 'second', 'delivered'], ['a1', 1, 'first', 'received']]);
        assert.equal((await again.listOutbox()).length, 1);
        assert.equal(str((await again.takeInvitation('inv'))), 'inv-secret');
        const m3 = await again.saveMessage({ conversationId: 'k1', sender: 'me', timestamp: 3, body: text('third'), delivery: 'pending' });
        assert.equal(m3.seq, 3, 'sequence numbers continue after reopen');
        await again.close();
        const third = await reopen(dir);
        assert.equal(await third.takeInvitation('inv'), undefined, 'a used invitation stays used after reopen');
        await third.close();
    }
    finally {
        await cleanup();
    }
});
test('a wrong passphrase is a typed error and touches nothing', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const store = await newProfile(dir);
        await store.putConversation(conversation('k1'));
        await store.close();
        const before = await mtimes(dir);
        await assert.rejects(openProfile(join(dir, 'profile'), 'not the passphrase'), WrongPassphraseError);
        assert.equal(await mtimes(dir), before);
        await assert.rejects(openProfile(join(dir, 'missing'), PASS), ProfileNotFoundError);
        await assert.rejects(createProfile(join(dir, 'profile'), PASS, FAST), ProfileExistsError);
    }
    finally {
        await cleanup();
    }
});
test('changing the passphrase re-wraps the master key only', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const store = await newProfile(dir);
        await store.putConversation(conversation('k1'));
        await store.saveMessage({ conversationId: 'k1', sender: 'a', timestamp: 1, body: text('kept'), delivery: 'sent' });
        await assert.rejects(store.changePassphrase('wrong', 'new pass', PWHASH_LIMITS.min), WrongPassphraseError);
        await store.changePassphrase(PASS, 'new pass', PWHASH_LIMITS.min);
        await store.close();
        await assert.rejects(reopen(dir), WrongPassphraseError);
        const again = await openProfile(join(dir, 'profile'), 'new pass');
        assert.equal(str((await again.history('k1'))[0].body), 'kept');
        await again.close();
    }
    finally {
        await cleanup();
    }
});
test('one owner at a time: a second opener gets ProfileInUseError; a dead owner\'s lock is taken over', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const store = await newProfile(dir);
        await assert.rejects(reopen(dir), ProfileInUseError);
        await store.close();
        // A lock left by a process that no longer exists (pid far above pid_max).
        await writeFile(join(dir, 'profile', 'LOCK'), '4194304999');
        const again = await reopen(dir);
        await assert.rejects(reopen(dir), ProfileInUseError);
        await again.close();
    }
    finally {
        await cleanup();
    }
});
test('a profile from a newer format version is refused with a typed error', async () => {
    const { dir, cleanup } = await tempDir();
    try {
        const store = await newProfile(dir);
        await store.close();
        const path = join(dir, 'profile', HEADER_FILE);
        const header = JSON.parse(await readFile(path, 'utf8'));
        header.version += 1;
        await writeFile(path, JSON.stringify(header));
        await assert.rejects(reopen(dir), ProfileVersionError);
        await writeFile(path, '{"format":"something else"}');
        await assert.rejects(reopen(dir), (e) => e.code === 'STORE_CORRUPT');
    }
    finally {
        await cleanup();
    }
});
test('MODERATE Argon2id limits are the default', async () => {
    assert.deepEqual(DEFAULT_PWHASH_LIMITS, PWHASH_LIMITS.moderate);
    const { dir, cleanup } = await tempDir();
    try {
        const store = await createProfile(join(dir, 'p'), PASS);
        await store.close();
        const header = JSON.parse(await readFile(join(dir, 'p', HEADER_FILE), 'utf8'));
        assert.equal(header.kdf.opslimit, PWHASH_LIMITS.moderate.opslimit);
        assert.equal(header.kdf.memlimit, PWHASH_LIMITS.moderate.memlimit);
    }
    finally {
        await cleanup();
    }
});
//# sourceMappingURL=profile.test.js.map