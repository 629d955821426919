/**
 * The LanceDB tables of a format-2 profile and how rows become Arrow batches (issue 3 §2, §5, §6).
 *   messages_v2  h (keyed hash of the message id), k (conversation slot · 2^32 + seq),
 *                g (insertion number), ct (sealed message)
 *   postings_v2  b (batch), tok (batch-keyed term hash), pl (sealed posting list) — see postings.ts
 *   records      rid (keyed hash of kind and key), ct (sealed record)
 * Nothing else is in the clear. Each queried column has a BTREE index; no LABEL_LIST (its upkeep
 * grew with every distinct term and took tens of seconds per optimize at a million rows).
 * Arrow comes from the copy LanceDB itself loads (ANCHORS: two copies break list columns), and
 * batches are assembled from typed arrays, far faster than `makeArrowTable`.
 */
import { createRequire } from 'node:module';
import * as lancedb from '@lancedb/lancedb';
import type * as ArrowTypes from 'apache-arrow';
import type { PackedPostings } from './postings.js';

const require = createRequire(import.meta.url);
const arrow = createRequire(require.resolve('@lancedb/lancedb'))('apache-arrow') as typeof ArrowTypes;

export const MESSAGES_TABLE = 'messages_v2';
export const POSTINGS_TABLE = 'postings_v2';
export const RECORDS_TABLE = 'records';

const field = (name: string, type: ArrowTypes.DataType): ArrowTypes.Field => new arrow.Field(name, type, false);
const messageSchema = new arrow.Schema([field('h', new arrow.Int64()), field('k', new arrow.Int64()), field('g', new arrow.Int64()), field('ct', new arrow.Binary())]);
const postingSchema = new arrow.Schema([field('b', new arrow.Int32()), field('tok', new arrow.Int64()), field('pl', new arrow.Binary())]);
const recordSchema = new arrow.Schema([field('rid', new arrow.Utf8()), field('ct', new arrow.Binary())]);

export interface MessageRow {
  readonly h: bigint;
  readonly k: number;
  readonly g: number;
  readonly ct: Uint8Array;
}

export interface RecordRow {
  readonly rid: string;
  readonly ct: Uint8Array;
}

/** Non-negative safe integers as Int64, written as two little-endian 32-bit halves (no BigInt per value). */
function uint53Vector(values: readonly number[]): ArrowTypes.Vector {
  const words = new Uint32Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    words[2 * i] = v % 4294967296;
    words[2 * i + 1] = Math.floor(v / 4294967296);
  }
  return arrow.makeVector(new BigInt64Array(words.buffer));
}

function int64Vector(values: readonly bigint[]): ArrowTypes.Vector {
  return arrow.makeVector(BigInt64Array.from(values));
}

function binaryVector(values: readonly Uint8Array[]): ArrowTypes.Vector {
  const offsets = new Int32Array(values.length + 1);
  let total = 0;
  for (let i = 0; i < values.length; i++) offsets[i + 1] = total += values[i]!.length;
  const data = new Uint8Array(total);
  for (let i = 0; i < values.length; i++) data.set(values[i]!, offsets[i]);
  return arrow.makeVector(arrow.makeData({ type: new arrow.Binary(), length: values.length, nullCount: 0, valueOffsets: offsets, data }));
}

export function messageBatch(rows: readonly MessageRow[]): ArrowTypes.Table {
  return new arrow.Table(messageSchema, {
    h: int64Vector(rows.map((r) => r.h)),
    k: uint53Vector(rows.map((r) => r.k)),
    g: uint53Vector(rows.map((r) => r.g)),
    ct: binaryVector(rows.map((r) => r.ct)),
  });
}

/** A batch's posting rows as packed by postings.ts, without copying them. */
export function packedPostingBatch(batchId: number, packed: PackedPostings): ArrowTypes.Table {
  const rows = packed.toks.length;
  return new arrow.Table(postingSchema, {
    b: arrow.makeVector(new Int32Array(rows).fill(batchId)),
    tok: arrow.makeVector(packed.toks),
    pl: arrow.makeVector(arrow.makeData({ type: new arrow.Binary(), length: rows, nullCount: 0, valueOffsets: packed.offsets, data: packed.data })),
  });
}

export function recordBatch(rows: readonly RecordRow[]): ArrowTypes.Table {
  return new arrow.Table(recordSchema, {
    rid: arrow.vectorFromArray(rows.map((r) => r.rid), new arrow.Utf8()),
    ct: binaryVector(rows.map((r) => r.ct)),
  });
}

/** Reads the message rows out of a query result. */
export function messageRows(table: ArrowTypes.Table): MessageRow[] {
  // An empty result comes back without columns.
  if (table.numRows === 0) return [];
  const h = table.getChild('h')?.toArray() as BigInt64Array | undefined;
  const k = table.getChild('k')!.toArray() as BigInt64Array;
  const g = table.getChild('g')!.toArray() as BigInt64Array;
  const ct = table.getChild('ct')!;
  const out: MessageRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const bytes = ct.get(i) as Uint8Array;
    out.push({ h: h ? h[i]! : 0n, k: Number(k[i]!), g: Number(g[i]!), ct: bytes });
  }
  return out;
}

export function postingRowsOf(table: ArrowTypes.Table): PostingRowData[] {
  if (table.numRows === 0) return [];
  const b = table.getChild('b')!.toArray() as Int32Array;
  const tok = table.getChild('tok')!.toArray() as BigInt64Array;
  const pl = table.getChild('pl')!;
  const out: PostingRowData[] = [];
  for (let i = 0; i < table.numRows; i++) out.push({ b: b[i]!, tok: tok[i]!, pl: pl.get(i) as Uint8Array });
  return out;
}

export interface PostingRowData {
  readonly b: number;
  readonly tok: bigint;
  readonly pl: Uint8Array;
}

export interface ProfileTables {
  readonly db: lancedb.Connection;
  readonly messages: lancedb.Table;
  readonly postings: lancedb.Table;
  readonly records: lancedb.Table;
}

/** A fresh index config per call: LanceDB consumes it. */
const btree = (): { config: lancedb.Index } => ({ config: lancedb.Index.btree() });

/** Creates the message and posting tables (and the records table unless it exists: a migrated profile keeps its own). */
export async function createTables(db: lancedb.Connection): Promise<ProfileTables> {
  const names = new Set(await db.tableNames());
  const messages = await db.createEmptyTable(MESSAGES_TABLE, messageSchema);
  const postings = await db.createEmptyTable(POSTINGS_TABLE, postingSchema);
  // g and k ranges are never queried together, so their indexes are never intersected (ANCHORS).
  for (const column of ['h', 'k', 'g']) await messages.createIndex(column, btree());
  for (const column of ['tok', 'b']) await postings.createIndex(column, btree());
  let records: lancedb.Table;
  if (names.has(RECORDS_TABLE)) records = await db.openTable(RECORDS_TABLE);
  else {
    records = await db.createEmptyTable(RECORDS_TABLE, recordSchema);
    await records.createIndex('rid', btree());
  }
  return { db, messages, postings, records };
}

export async function openTables(db: lancedb.Connection): Promise<ProfileTables> {
  const [messages, postings, records] = await Promise.all([db.openTable(MESSAGES_TABLE), db.openTable(POSTINGS_TABLE), db.openTable(RECORDS_TABLE)]);
  return { db, messages, postings, records };
}

/** Quotes ids for predicates; ids are validated to [A-Za-z0-9_-] before they get here. */
export function sqlList(ids: readonly string[]): string {
  return ids.map((id) => `'${id}'`).join(',');
}
