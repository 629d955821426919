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
import type { Rng } from '../crypto/random.js';
import type { Secret } from '../crypto/secret.js';
import { writeFileAtomic } from './atomicFile.js';
import { StoreCorruptError } from './errors.js';
import type { BatchInfo } from './postings.js';

export const KEYRING_FILE = 'keyring.v2.bin';
const MAGIC = Buffer.from('SLKR2');

export interface EpochKeys {
  /** Key generation → key. Two generations exist only while a deletion re-encrypts the epoch. */
  gens: Map<number, Uint8Array>;
  current: number;
  /** Insertion numbers of messages a deletion in progress must still remove (finished on the next open after a crash). */
  pendingDelete: number[];
}

export interface ConversationKeys {
  meta: Uint8Array;
  /** Random slot number: the high half of the clear `k` column. */
  slot: number;
  /** Next sequence number, as of the last flush (journaled messages carry theirs). */
  nextSeq: number;
  epochs: Map<number, EpochKeys>;
}

export interface KeyringData {
  /** Live journal files, oldest first; each is replayed on open. */
  journals: { id: string; key: Uint8Array }[];
  conversations: Map<string, ConversationKeys>;
  invitations: Map<string, Uint8Array>;
  /** Blind-index batches, oldest first. */
  batches: BatchInfo[];
  /** Posting rows with a batch id at or above this belong to no batch (a flush cut short) and are dropped on open. */
  nextBatchId: number;
  /** Every insertion number below this has been handed out. */
  nextG: number;
  /** Batches whose keys are destroyed but whose posting rows may not be deleted yet. */
  deadBatches: number[];
  /** Deleted messages (g) and conversations (slot) still to be purged from the blind index. */
  purgeGs: number[];
  purgeSlots: number[];
  /**
   * Record id → the key its LanceDB row is sealed under (identity, contacts, outbox, settings;
   * conversations and sessions use their conversation's meta key). Each put seals under a fresh
   * key, and a key leaves this map once its row is replaced or deleted in LanceDB, so old copies
   * of a record become unreadable when the keyring is next rewritten. Absent in older keyrings.
   */
  recordKeys: Map<string, Uint8Array>;
}

export function emptyKeyring(): KeyringData {
  return { journals: [], conversations: new Map(), invitations: new Map(), batches: [], nextBatchId: 1, nextG: 1, deadBatches: [], purgeGs: [], purgeSlots: [], recordKeys: new Map() };
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
  if (!Array.isArray(data.journals) || !(data.conversations instanceof Map) || !(data.invitations instanceof Map) || !Array.isArray(data.batches)) {
    throw new StoreCorruptError('keyring shape');
  }
  if (!(data.recordKeys instanceof Map)) data.recordKeys = new Map();
  return data;
}
