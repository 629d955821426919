/**
 * Encrypted export and import of a whole profile (issue 3 §8): one file, a header with the
 * Argon2id parameters, then a crypto_secretstream of length-prefixed chunks (the header bound as
 * associated data to each). Import reads and authenticates the entire file — order, count and
 * the FINAL tag — before it creates anything, so a truncated or tampered backup writes nothing.
 *
 *   "SLBK1" ‖ opslimit u32 ‖ memlimit u32 ‖ salt[16] ‖ stream header[24] ‖ (len u32 ‖ chunk)*
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { DecryptError } from '../crypto/errors.js';
import { derivePassphraseKey, PWHASH_SALT_BYTES, pwhashLimitsAreSane } from '../crypto/pwhash.js';
import { systemRng } from '../crypto/random.js';
import { SECRETSTREAM_ABYTES, SECRETSTREAM_HEADER_BYTES, SecretStreamReader, SecretStreamWriter } from '../crypto/secretstream.js';
import { BackupError } from './errors.js';
import { DEFAULT_PWHASH_LIMITS } from './header.js';
import { createProfile } from './lanceStore.js';
import { STORE_LIMITS } from './types.js';
const MAGIC = Buffer.from('SLBK1');
const HEADER_BYTES = MAGIC.length + 8 + PWHASH_SALT_BYTES + SECRETSTREAM_HEADER_BYTES;
const CHUNK_TARGET = 256 * 1024;
const MAX_CHUNK = 32 * 1024 * 1024;
async function* items(store) {
    const identity = await store.getIdentity();
    if (identity)
        yield { k: 'identity', v: identity };
    for (const v of await store.listContacts())
        yield { k: 'contact', v };
    const conversations = await store.listConversations();
    for (const v of conversations)
        yield { k: 'conv', v };
    for (const c of conversations) {
        const session = await store.getSession(c.id);
        if (session)
            yield { k: 'session', conv: c.id, v: session };
    }
    for (const c of conversations)
        for await (const v of store.allMessages(c.id))
            yield { k: 'msg', v };
    for (const v of await store.listOutbox())
        yield { k: 'outbox', v };
    for (const { id, secret } of store.listInvitations())
        yield { k: 'inv', id, v: secret };
    for (const { key, value } of store.listSettings())
        yield { k: 'setting', key, v: value };
}
/** Writes an encrypted backup of an open profile to `file` (atomically: a temporary file renamed at the end). */
export async function exportProfile(store, file, passphrase, options = {}) {
    const limits = options.pwhash ?? DEFAULT_PWHASH_LIMITS;
    const salt = systemRng(PWHASH_SALT_BYTES);
    const key = await derivePassphraseKey('BackupKey', passphrase, salt, limits);
    const writer = new SecretStreamWriter(key);
    key.wipe();
    const params = Buffer.alloc(8);
    params.writeUInt32LE(limits.opslimit, 0);
    params.writeUInt32LE(limits.memlimit, 4);
    const header = Buffer.concat([MAGIC, params, salt, writer.header]);
    const tmp = `${file}.tmp-${randomBytes(6).toString('hex')}`;
    const fh = await open(tmp, 'wx', 0o600);
    let count = 0;
    let bytes = header.length;
    try {
        await fh.write(header);
        const emit = async (batch, final) => {
            const plain = serialize(batch);
            const ct = writer.push(plain, final, header);
            plain.fill(0);
            const len = Buffer.alloc(4);
            len.writeUInt32LE(ct.length);
            await fh.writev([len, ct]);
            bytes += 4 + ct.length;
            options.onProgress?.({ items: count, bytes });
        };
        let batch = [];
        let size = 0;
        for await (const item of items(store)) {
            batch.push(item);
            count++;
            size += item.k === 'msg' ? item.v.body.length + 96 : 256;
            if (size >= CHUNK_TARGET) {
                await emit(batch, false);
                batch = [];
                size = 0;
            }
        }
        batch.push({ k: 'end', count });
        await emit(batch, true);
        await fh.sync();
        await fh.close();
        await rename(tmp, file);
    }
    catch (error) {
        await fh.close().catch(() => undefined);
        await unlink(tmp).catch(() => undefined);
        throw error;
    }
    return { items: count, bytes };
}
/** Authenticates every chunk of the backup; calls `onChunk` only in the second (applying) pass. */
async function readBackup(file, passphrase, onItems) {
    let fh;
    try {
        fh = await open(file, 'r');
    }
    catch {
        throw new BackupError('backup file cannot be read');
    }
    try {
        const size = (await fh.stat()).size;
        const header = Buffer.alloc(HEADER_BYTES);
        if ((await fh.read(header, 0, HEADER_BYTES, 0)).bytesRead !== HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
            throw new BackupError('not a Saltline backup');
        }
        const limits = { opslimit: header.readUInt32LE(MAGIC.length), memlimit: header.readUInt32LE(MAGIC.length + 4) };
        if (!pwhashLimitsAreSane(limits))
            throw new BackupError('backup KDF limits out of range');
        const salt = header.subarray(MAGIC.length + 8, MAGIC.length + 8 + PWHASH_SALT_BYTES);
        const key = await derivePassphraseKey('BackupKey', passphrase, salt, limits);
        let reader;
        try {
            reader = new SecretStreamReader(key, header.subarray(HEADER_BYTES - SECRETSTREAM_HEADER_BYTES));
        }
        finally {
            key.wipe();
        }
        let offset = HEADER_BYTES;
        let count = 0;
        let ended = false;
        const lenBuf = Buffer.alloc(4);
        while (offset < size) {
            if (reader.finished)
                throw new BackupError('data after the end of the backup');
            if ((await fh.read(lenBuf, 0, 4, offset)).bytesRead !== 4)
                throw new BackupError('backup is truncated');
            const len = lenBuf.readUInt32LE(0);
            if (len < SECRETSTREAM_ABYTES || len > MAX_CHUNK || offset + 4 + len > size)
                throw new BackupError('backup is truncated or damaged');
            const ct = Buffer.alloc(len);
            await fh.read(ct, 0, len, offset + 4);
            offset += 4 + len;
            let chunk;
            try {
                chunk = reader.pull(ct, header).chunk;
            }
            catch (error) {
                if (error instanceof DecryptError)
                    throw new BackupError('backup is damaged, tampered with, or the passphrase is wrong');
                throw error;
            }
            const batch = deserialize(chunk);
            if (!Array.isArray(batch))
                throw new BackupError('backup chunk has the wrong shape');
            for (const item of batch) {
                if (item.k === 'end') {
                    if (item.count !== count || !reader.finished)
                        throw new BackupError('backup item count does not match');
                    ended = true;
                }
                else
                    count++;
            }
            if (onItems)
                await onItems(batch.filter((i) => i.k !== 'end'));
        }
        if (!reader.finished || !ended)
            throw new BackupError('backup is truncated');
        return count;
    }
    finally {
        await fh.close();
    }
}
/**
 * Restores a backup into a new profile at `dir` (which must be empty), protected by
 * `newPassphrase`. The whole backup is verified first; on any error nothing is created.
 */
export async function importProfile(file, backupPassphrase, dir, newPassphrase, options = {}) {
    const total = await readBackup(file, backupPassphrase, undefined);
    const store = await createProfile(dir, newPassphrase, options);
    let done = 0;
    try {
        await readBackup(file, backupPassphrase, async (batch) => {
            const writes = [];
            let messages = [];
            let bytes = 0;
            const appendMessages = () => {
                if (messages.length > 0)
                    writes.push(store.appendMessages(messages));
                messages = [];
                bytes = 0;
            };
            for (const item of batch) {
                if (item.k === 'msg') {
                    const m = item.v;
                    if (messages.length >= STORE_LIMITS.maxAppendMessages || bytes + m.body.length > STORE_LIMITS.maxAppendBytes)
                        appendMessages();
                    messages.push({ id: m.id, conversationId: m.conversationId, sender: m.sender, timestamp: m.timestamp, body: m.body, delivery: m.delivery });
                    bytes += m.body.length;
                    continue;
                }
                appendMessages();
                switch (item.k) {
                    case 'identity':
                        writes.push(store.putIdentity(item.v));
                        break;
                    case 'contact':
                        writes.push(store.putContact(item.v));
                        break;
                    case 'conv':
                        writes.push(store.putConversation(item.v));
                        break;
                    case 'session':
                        writes.push(store.putSession(item.conv, item.v));
                        break;
                    case 'outbox':
                        writes.push(store.putOutbox(item.v));
                        break;
                    case 'inv':
                        writes.push(store.putInvitation(item.id, item.v));
                        break;
                    case 'setting':
                        writes.push(store.putSetting(item.key, item.v));
                        break;
                    case 'end':
                        break;
                }
            }
            appendMessages();
            await Promise.all(writes);
            done += batch.length;
            options.onProgress?.({ items: done, bytes: 0 });
        });
    }
    catch (error) {
        await store.close().catch(() => undefined);
        throw error;
    }
    if (done !== total)
        throw new BackupError('backup changed while it was being restored');
    return store;
}
//# sourceMappingURL=backup.js.map