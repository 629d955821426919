/**
 * Profile format migration (issue 3 §7). Opening a profile whose header has an older format
 * version upgrades it in place before anything else reads it; a newer version is refused by
 * header.ts. Format 1 → 2:
 *   - journals are replayed, finished deletions are applied, and every message is re-encrypted
 *     in the format-2 layout (id inside the ciphertext, keyed id hash, slot/sequence order key,
 *     insertion number) under its epoch's current key — the generation a deletion retired is dropped;
 *   - the blind index is rebuilt as batch-keyed posting lists; the old token column goes away;
 *   - the keyring is rewritten as `keyring.v2.bin`, then the header's version — the commit point.
 * Until the header changes nothing of format 1 is modified except idempotent upserts to the
 * records table, so a migration cut short by a crash simply runs again on the next open. The
 * format-1 files are removed once the header says 2.
 */
import { readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize } from 'node:v8';
import type * as lancedb from '@lancedb/lancedb';
import { aeadOpen } from '../crypto/aead.js';
import type { Rng } from '../crypto/random.js';
import { StoreCorruptError } from './errors.js';
import { writeHeader, type MasterKey, type ProfileHeader } from './header.js';
import { journalFileName, readJournal } from './journal.js';
import { emptyKeyring, writeKeyring, type KeyringData } from './keyring.js';
import { createTables, messageBatch, MESSAGES_TABLE, packedPostingBatch, POSTINGS_TABLE, recordBatch, sqlList, type MessageRow } from './lanceTables.js';
import { encodeRun, sealPostings } from './postings.js';
import { asKey, epochOf, messageGen, messageIdHash, openRecord, orderKey, recordId, sealMessage, sealRecord, SLOT_LIMIT, subkey, type MessageBody } from './rowCrypto.js';
import { bodyText, indexTerms, words } from './searchText.js';
import type { DeliveryState } from './types.js';

const V1_KEYRING_FILE = 'keyring.bin';
const V1_KEYRING_MAGIC = Buffer.from('SLKR1');
const V1_MESSAGES_TABLE = 'messages';
const BATCH_ROWS = 20_000;

interface V1Keyring {
  journals: { id: string; key: Uint8Array }[];
  conversations: Map<string, { meta: Uint8Array; epochs: Map<number, { gens: Map<number, Uint8Array>; current: number; pendingDelete: string[] }> }>;
  invitations: Map<string, Uint8Array>;
  deletedConversations?: string[];
}

interface V1Row {
  readonly id: string;
  readonly conv: string;
  readonly seq: number;
  readonly ct: Uint8Array;
  readonly update?: boolean;
}

type V1Op =
  | { t: 'rec'; rid: string; ct: Uint8Array }
  | { t: 'recdel'; rid: string }
  | { t: 'msg'; row: V1Row }
  | { t: 'ckey'; conv: string; key: Uint8Array }
  | { t: 'ekey'; conv: string; epoch: number; gen: number; key: Uint8Array }
  | { t: 'inv'; id: string; secret: Uint8Array }
  | { t: 'invdel'; id: string };

async function readV1Keyring(dir: string, master: MasterKey): Promise<V1Keyring> {
  const file = await readFile(join(dir, V1_KEYRING_FILE));
  if (!file.subarray(0, V1_KEYRING_MAGIC.length).equals(V1_KEYRING_MAGIC)) throw new StoreCorruptError('format-1 keyring');
  try {
    return deserialize(aeadOpen(subkey(master, 'keyring'), file.subarray(V1_KEYRING_MAGIC.length), V1_KEYRING_MAGIC)) as V1Keyring;
  } catch {
    throw new StoreCorruptError('format-1 keyring');
  }
}

/** Format-1 message: gen u32 ‖ sealed v8 record, bound to (id, conversation, seq, gen). */
function openV1Message(key: Uint8Array, row: V1Row): Omit<MessageBody, 'id'> {
  const gen = messageGen(row.ct);
  const nums = Buffer.alloc(12);
  nums.writeBigUInt64LE(BigInt(row.seq), 0);
  nums.writeUInt32LE(gen, 8);
  const ad = Buffer.concat([Buffer.from(`saltline/msg\0${row.id}\0${row.conv}\0`), nums]);
  try {
    return deserialize(aeadOpen(asKey(key), row.ct.subarray(4), ad)) as { sender: string; timestamp: number; body: Uint8Array; delivery: DeliveryState };
  } catch {
    throw new StoreCorruptError('format-1 message row');
  }
}

function termsOf(body: Uint8Array): string[] {
  return [...new Set(words(bodyText(body)).flatMap(indexTerms))];
}

/** Upgrades the profile at `dir` to the current format; the caller holds its lock. */
export async function migrateProfile(dir: string, db: lancedb.Connection, header: ProfileHeader, master: MasterKey, rng: Rng): Promise<void> {
  if (header.version !== 1) throw new StoreCorruptError(`no migration from format ${header.version}`);
  const old = await readV1Keyring(dir, master);
  const recs = new Map<string, Uint8Array | null>();
  const journaled = new Map<string, V1Row>();
  for (const j of old.journals) {
    for (const record of await readJournal(join(dir, journalFileName(j.id)), j.id, asKey(j.key))) {
      for (const op of deserialize(record) as V1Op[]) {
        switch (op.t) {
          case 'rec':
            recs.set(op.rid, op.ct);
            break;
          case 'recdel':
            recs.set(op.rid, null);
            break;
          case 'msg': {
            const prior = journaled.get(op.row.id);
            journaled.set(op.row.id, prior && !prior.update ? { ...op.row, update: false } : op.row);
            break;
          }
          case 'ckey':
            if (!old.conversations.has(op.conv)) old.conversations.set(op.conv, { meta: op.key, epochs: new Map() });
            break;
          case 'ekey': {
            const epochs = old.conversations.get(op.conv)?.epochs;
            if (epochs && !epochs.has(op.epoch)) epochs.set(op.epoch, { gens: new Map([[op.gen, op.key]]), current: op.gen, pendingDelete: [] });
            break;
          }
          case 'inv':
            old.invitations.set(op.id, op.secret);
            break;
          case 'invdel':
            old.invitations.delete(op.id);
            break;
        }
      }
    }
  }
  for (const conv of old.deletedConversations ?? []) old.conversations.delete(conv);
  const deletedIds = new Set<string>();
  for (const keys of old.conversations.values()) for (const ek of keys.epochs.values()) for (const id of ek.pendingDelete) deletedIds.add(id);

  // A previous attempt's format-2 tables are rebuilt from scratch.
  const names = new Set(await db.tableNames());
  for (const name of [MESSAGES_TABLE, POSTINGS_TABLE]) if (names.has(name)) await db.dropTable(name);
  const tables = await createTables(db);

  const keyring: KeyringData = { ...emptyKeyring(), invitations: old.invitations };
  const used = new Set<number>();
  for (const [conv, keys] of old.conversations) {
    let slot: number;
    do slot = 1 + (rng(4).readUInt32LE(0) % (SLOT_LIMIT - 1));
    while (used.has(slot));
    used.add(slot);
    const epochs = new Map([...keys.epochs].map(([epoch, ek]) => [epoch, { gens: new Map([[ek.current, ek.gens.get(ek.current)!]]), current: ek.current, pendingDelete: [] }]));
    keyring.conversations.set(conv, { meta: keys.meta, slot, nextSeq: 1, epochs });
  }

  const idKey = subkey(master, 'message-id');
  const maxSeq = new Map<string, number>();
  let g = 1;
  let rows: MessageRow[] = [];
  let lists = new Map<string, number[]>();
  const writeBatch = async (): Promise<void> => {
    if (rows.length === 0) return;
    await tables.messages.add(messageBatch([...rows].sort((a, b) => a.k - b.k)));
    const id = keyring.nextBatchId++;
    const key = rng(32);
    const packed = sealPostings(id, asKey(key), new Map([...lists].map(([term, gs]) => [term, encodeRun(gs)])));
    if (packed.toks.length > 0) await tables.postings.add(packedPostingBatch(id, packed));
    keyring.batches.push({ id, key, lo: rows[0]!.g, hi: rows[rows.length - 1]!.g, count: rows.length });
    rows = [];
    lists = new Map();
  };
  const convert = async (row: V1Row): Promise<void> => {
    const oldKeys = old.conversations.get(row.conv);
    const keys = keyring.conversations.get(row.conv);
    if (!oldKeys || !keys || deletedIds.has(row.id)) return;
    const oldEpoch = oldKeys.epochs.get(epochOf(row.seq));
    const genKey = oldEpoch?.gens.get(messageGen(row.ct));
    if (!oldEpoch || !genKey) throw new StoreCorruptError('format-1 message key missing');
    const body = openV1Message(genKey, row);
    const ct = sealMessage(asKey(Buffer.from(oldEpoch.gens.get(oldEpoch.current)!)), oldEpoch.current, row.conv, row.seq, g, { id: row.id, ...body }, rng);
    rows.push({ h: messageIdHash(idKey, row.id), k: orderKey(keys.slot, row.seq), g, ct });
    for (const term of termsOf(body.body)) {
      const gs = lists.get(term);
      if (!gs) lists.set(term, [g]);
      else if (gs[gs.length - 1] !== g) gs.push(g);
    }
    maxSeq.set(row.conv, Math.max(maxSeq.get(row.conv) ?? 0, row.seq));
    g++;
    if (rows.length >= BATCH_ROWS) await writeBatch();
  };
  // LanceDB's rows in stored (insertion) order, a journaled copy replacing its original; then the journal-only rows.
  const v1Messages = await db.openTable(V1_MESSAGES_TABLE);
  for await (const batch of v1Messages.query().select(['id', 'conv', 'seq', 'ct'])) {
    for (let i = 0; i < batch.numRows; i++) {
      const row: V1Row = { id: batch.getChild('id')!.get(i) as string, conv: batch.getChild('conv')!.get(i) as string, seq: Number(batch.getChild('seq')!.get(i)), ct: batch.getChild('ct')!.get(i) as Uint8Array };
      const copy = journaled.get(row.id);
      journaled.delete(row.id);
      await convert(copy ? { ...row, ct: copy.ct } : row);
    }
  }
  v1Messages.close();
  // A journaled change to a row that is no longer stored belongs to a deleted message.
  for (const row of journaled.values()) if (!row.update) await convert(row);
  await writeBatch();
  keyring.nextG = g;

  // Records: the journal's changes; each conversation's next sequence number moves to the keyring.
  const ridKey = subkey(master, 'record-id');
  for (const [conv, keys] of keyring.conversations) {
    const rid = recordId(ridKey, 'conv', conv);
    let ct = recs.get(rid);
    if (ct === undefined) ct = (await tables.records.query().where(`rid = '${rid}'`).select(['ct']).toArrow()).getChild('ct')?.get(0) as Uint8Array | undefined;
    const metaKey = asKey(keys.meta);
    const rec = ct ? openRecord(metaKey, rid, ct) : undefined;
    const { conversation, nextSeq } = (rec?.value ?? {}) as { conversation?: unknown; nextSeq?: number };
    keys.nextSeq = Math.max(nextSeq ?? 1, (maxSeq.get(conv) ?? 0) + 1);
    if (rec) recs.set(rid, sealRecord(metaKey, rid, { ...rec, value: { conversation } }, rng));
  }
  const upserts = [...recs].filter((e): e is [string, Uint8Array] => e[1] !== null).map(([rid, ct]) => ({ rid, ct }));
  const deletes = [...recs].filter(([, ct]) => ct === null).map(([rid]) => rid);
  if (upserts.length > 0) await tables.records.mergeInsert('rid').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(recordBatch(upserts));
  if (deletes.length > 0) await tables.records.delete(`rid IN (${sqlList(deletes)})`);

  const options = { cleanupOlderThan: new Date(), deleteUnverified: true };
  for (const table of [tables.messages, tables.postings, tables.records]) {
    await table.optimize(options);
    table.close();
  }
  await writeKeyring(dir, subkey(master, 'keyring'), keyring, rng);
  await writeHeader(dir, { ...header, version: 2 });
}

/** Removes what format 1 left once the header says 2 (also after a crash right behind the commit point). */
export async function removeOldFormatLeftovers(dir: string, db: lancedb.Connection): Promise<void> {
  if ((await db.tableNames()).includes(V1_MESSAGES_TABLE)) await db.dropTable(V1_MESSAGES_TABLE);
  await unlink(join(dir, V1_KEYRING_FILE)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}
