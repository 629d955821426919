/**
 * The keyring file `keyring.bin` (issue 3 §3): every key whose destruction must be real — the
 * live journals' keys, each conversation's meta key and per-epoch message keys, and invitation
 * secrets. It is small, encrypted under a master-key subkey, and replaced atomically
 * (write + fsync + rename), so a destroyed key is gone from the folder once the file is rewritten;
 * LanceDB, which never erases (ANCHORS), only ever holds ciphertext under these keys.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { aeadOpen, aeadSeal } from '../crypto/aead.js';
import { DecryptError } from '../crypto/errors.js';
import type { Rng } from '../crypto/random.js';
import type { Secret } from '../crypto/secret.js';
import { writeFileAtomic } from './atomicFile.js';
import { StoreCorruptError } from './errors.js';

export const KEYRING_FILE = 'keyring.bin';
const MAGIC = Buffer.from('SLKR1');

export interface EpochKeys {
  /** Key generation → key. Two generations exist only while a deletion re-encrypts the epoch. */
  gens: Map<number, Buffer>;
  current: number;
  /** Message ids a deletion in progress must still remove (finished on the next open after a crash). */
  pendingDelete: string[];
}

export interface ConversationKeys {
  meta: Buffer;
  epochs: Map<number, EpochKeys>;
}

export interface KeyringData {
  /** Live journal files, oldest first; each is replayed on open. */
  journals: { id: string; key: Buffer }[];
  conversations: Map<string, ConversationKeys>;
  invitations: Map<string, Buffer>;
  /** Conversations whose keys are destroyed but whose LanceDB rows may not be deleted yet. */
  deletedConversations?: string[];
}

export function emptyKeyring(): KeyringData {
  return { journals: [], conversations: new Map(), invitations: new Map() };
}

export async function writeKeyring(dir: string, key: Secret<string>, data: KeyringData, rng: Rng): Promise<void> {
  const plain = serialize(data);
  try {
    await writeFileAtomic(join(dir, KEYRING_FILE), Buffer.concat([MAGIC, aeadSeal(key, plain, MAGIC, rng)]));
  } finally {
    plain.fill(0);
  }
}

export async function readKeyring(dir: string, key: Secret<string>): Promise<KeyringData> {
  const file = await readFile(join(dir, KEYRING_FILE));
  if (!file.subarray(0, MAGIC.length).equals(MAGIC)) throw new StoreCorruptError('keyring');
  let plain: Buffer;
  try {
    plain = aeadOpen(key, file.subarray(MAGIC.length), MAGIC);
  } catch (error) {
    if (error instanceof DecryptError) throw new StoreCorruptError('keyring');
    throw error;
  }
  // The deserialized key buffers may share memory with `plain`, so it is not wiped here.
  const data = deserialize(plain) as KeyringData;
  if (!Array.isArray(data.journals) || !(data.conversations instanceof Map) || !(data.invitations instanceof Map)) throw new StoreCorruptError('keyring shape');
  return data;
}
