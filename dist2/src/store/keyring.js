/**
 * The keyring file (issue 3 §3), format 2: every key whose destruction must be real — the live
 * journals' keys, each conversation's meta key and per-epoch message keys, the blind-index batch
 * keys, and invitation secrets — plus the bookkeeping a crash must not lose (deletions still to
 * finish, the next insertion and batch numbers). It is small, encrypted under a master-key
 * subkey, and replaced atomically (write + fsync + rename), so a destroyed key is gone from the
 * folder once the file is rewritten; LanceDB, which never erases (ANCHORS), only ever holds
 * ciphertext under these keys.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { aeadOpen, aeadSeal } from '../crypto/aead.js';
import { DecryptError } from '../crypto/errors.js';
import { writeFileAtomic } from './atomicFile.js';
import { StoreCorruptError } from './errors.js';
export const KEYRING_FILE = 'keyring.v2.bin';
const MAGIC = Buffer.from('SLKR2');
export function emptyKeyring() {
    return { journals: [], conversations: new Map(), invitations: new Map(), batches: [], nextBatchId: 1, nextG: 1, deadBatches: [], purgeGs: [], purgeSlots: [] };
}
export async function writeKeyring(dir, key, data, rng) {
    const plain = serialize(data);
    try {
        await writeFileAtomic(join(dir, KEYRING_FILE), Buffer.concat([MAGIC, aeadSeal(key, plain, MAGIC, rng)]));
    }
    finally {
        plain.fill(0);
    }
}
export async function readKeyring(dir, key) {
    const file = await readFile(join(dir, KEYRING_FILE));
    if (!file.subarray(0, MAGIC.length).equals(MAGIC))
        throw new StoreCorruptError('keyring');
    let plain;
    try {
        plain = aeadOpen(key, file.subarray(MAGIC.length), MAGIC);
    }
    catch (error) {
        if (error instanceof DecryptError)
            throw new StoreCorruptError('keyring');
        throw error;
    }
    // The deserialized key buffers may share memory with `plain`, so it is not wiped here.
    const data = deserialize(plain);
    if (!Array.isArray(data.journals) || !(data.conversations instanceof Map) || !(data.invitations instanceof Map) || !Array.isArray(data.batches)) {
        throw new StoreCorruptError('keyring shape');
    }
    return data;
}
//# sourceMappingURL=keyring.js.map