/**
 * The two LanceDB tables of a profile and how rows become Arrow batches (issue 3 §2, §5).
 * `messages`: id, conv (opaque random ids), seq (per-conversation order), ct (sealed record),
 * tok (blind-index terms). `records`: rid (keyed hash of kind and key), ct. Nothing else is in
 * the clear. Arrow comes from the copy LanceDB itself loads (ANCHORS: two copies break list columns).
 */
import { createRequire } from 'node:module';
import * as lancedb from '@lancedb/lancedb';
import type * as ArrowTypes from 'apache-arrow';

const require = createRequire(import.meta.url);
const arrow = createRequire(require.resolve('@lancedb/lancedb'))('apache-arrow') as typeof ArrowTypes;

export const MESSAGES_TABLE = 'messages';
export const RECORDS_TABLE = 'records';

const tokenList = (): ArrowTypes.List<ArrowTypes.Utf8> => new arrow.List(new arrow.Field('item', new arrow.Utf8(), true));

const messageSchema = new arrow.Schema([
  new arrow.Field('id', new arrow.Utf8(), false),
  new arrow.Field('conv', new arrow.Utf8(), false),
  new arrow.Field('seq', new arrow.Int64(), false),
  new arrow.Field('ct', new arrow.Binary(), false),
  new arrow.Field('tok', tokenList(), false),
]);

const recordSchema = new arrow.Schema([new arrow.Field('rid', new arrow.Utf8(), false), new arrow.Field('ct', new arrow.Binary(), false)]);

export interface MessageRow {
  readonly id: string;
  readonly conv: string;
  readonly seq: number;
  readonly ct: Uint8Array;
  readonly tok: readonly string[];
}

export interface RecordRow {
  readonly rid: string;
  readonly ct: Uint8Array;
}

export function messageBatch(rows: readonly MessageRow[]): ArrowTypes.Table {
  return new arrow.Table(messageSchema, {
    id: arrow.vectorFromArray(rows.map((r) => r.id), new arrow.Utf8()),
    conv: arrow.vectorFromArray(rows.map((r) => r.conv), new arrow.Utf8()),
    seq: arrow.vectorFromArray(rows.map((r) => BigInt(r.seq)), new arrow.Int64()),
    ct: arrow.vectorFromArray(rows.map((r) => r.ct), new arrow.Binary()),
    tok: arrow.vectorFromArray(rows.map((r) => [...r.tok]), tokenList()),
  });
}

export function recordBatch(rows: readonly RecordRow[]): ArrowTypes.Table {
  return new arrow.Table(recordSchema, {
    rid: arrow.vectorFromArray(rows.map((r) => r.rid), new arrow.Utf8()),
    ct: arrow.vectorFromArray(rows.map((r) => r.ct), new arrow.Binary()),
  });
}

export interface ProfileTables {
  readonly db: lancedb.Connection;
  readonly messages: lancedb.Table;
  readonly records: lancedb.Table;
}

export async function createTables(dbPath: string): Promise<ProfileTables> {
  const db = await lancedb.connect(dbPath);
  const messages = await db.createEmptyTable(MESSAGES_TABLE, messageSchema);
  const records = await db.createEmptyTable(RECORDS_TABLE, recordSchema);
  // BITMAP on conv for the two-step top-N, BTREE on id for deletes and updates, LABEL_LIST on tok
  // for the blind index; seq stays unindexed on purpose (ANCHORS: intersected indexes page slower).
  await messages.createIndex('conv', { config: lancedb.Index.bitmap() });
  await messages.createIndex('id', { config: lancedb.Index.btree() });
  await messages.createIndex('tok', { config: lancedb.Index.labelList() });
  await records.createIndex('rid', { config: lancedb.Index.btree() });
  return { db, messages, records };
}

export async function openTables(dbPath: string): Promise<ProfileTables> {
  const db = await lancedb.connect(dbPath);
  return { db, messages: await db.openTable(MESSAGES_TABLE), records: await db.openTable(RECORDS_TABLE) };
}

/** Quotes ids for predicates; ids are validated to [A-Za-z0-9_-] before they get here. */
export function sqlList(ids: readonly string[]): string {
  return ids.map((id) => `'${id}'`).join(',');
}
