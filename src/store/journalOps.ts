/**
 * What one journal record holds (issue 3 §4, §5): the ops of one transaction. Message ops — the
 * bulk of all records — use a fixed binary layout (v8 serialization of a row with a Buffer went
 * through a JavaScript callback per buffer and dominated the save path); the rare others use v8.
 * A message's index terms are not journaled: replay recomputes them from the decrypted body.
 */
import { deserialize, serialize } from 'node:v8';
import { StoreCorruptError } from './errors.js';
import type { OverlayRow } from './overlay.js';
import type { RecordValue } from './rowCrypto.js';

export type Op =
  /** `key`: the record's own key (absent for conversation-scoped records, sealed under the meta key). */
  | { readonly t: 'rec'; readonly rid: string; readonly ct: Uint8Array; readonly rec: RecordValue; readonly key?: Uint8Array }
  | { readonly t: 'recdel'; readonly rid: string }
  | { readonly t: 'msg'; readonly row: OverlayRow }
  | { readonly t: 'ckey'; readonly conv: string; readonly key: Uint8Array; readonly slot: number }
  | { readonly t: 'ekey'; readonly conv: string; readonly epoch: number; readonly gen: number; readonly key: Uint8Array }
  | { readonly t: 'inv'; readonly id: string; readonly secret: Uint8Array }
  | { readonly t: 'invdel'; readonly id: string };

const MESSAGE = 1;
const OTHER = 2;

/** A decoded message op: its row still lacks the index terms. */
export type JournaledOp = Exclude<Op, { t: 'msg' }> | { readonly t: 'msg'; readonly row: Omit<OverlayRow, 'terms'> };

export function encodeOps(ops: readonly Op[]): Buffer {
  // Sized first, then written into one buffer: a record of a thousand messages is one allocation.
  let size = 0;
  const others: Buffer[] = [];
  for (const op of ops) {
    if (op.t === 'msg') size += 28 + op.row.id.length + op.row.conv.length + op.row.ct.length;
    else {
      const body = serialize(op);
      others.push(body);
      size += 5 + body.length;
    }
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  let other = 0;
  for (const op of ops) {
    if (op.t === 'msg') {
      const { row } = op;
      out[at] = MESSAGE;
      out[at + 1] = row.update ? 1 : 0;
      out.writeUInt32LE(row.slot, at + 2);
      out.writeDoubleLE(row.seq, at + 6);
      out.writeDoubleLE(row.g, at + 14);
      // Ids are [A-Za-z0-9_-] (validate.ts), so latin1 is their exact encoding.
      out[at + 22] = row.id.length;
      out.write(row.id, at + 23, 'latin1');
      at += 23 + row.id.length;
      out[at] = row.conv.length;
      out.write(row.conv, at + 1, 'latin1');
      at += 1 + row.conv.length;
      out.writeUInt32LE(row.ct.length, at);
      out.set(row.ct, at + 4);
      at += 4 + row.ct.length;
    } else {
      const body = others[other++]!;
      out[at] = OTHER;
      out.writeUInt32LE(body.length, at + 1);
      body.copy(out, at + 5);
      body.fill(0);
      at += 5 + body.length;
    }
  }
  return out;
}

export function decodeOps(record: Buffer): JournaledOp[] {
  const bad = (): never => {
    throw new StoreCorruptError('journal record');
  };
  const out: JournaledOp[] = [];
  let at = 0;
  const need = (n: number): void => {
    if (at + n > record.length) bad();
  };
  while (at < record.length) {
    const tag = record[at]!;
    if (tag === MESSAGE) {
      need(23);
      const update = record[at + 1] === 1;
      const slot = record.readUInt32LE(at + 2);
      const seq = record.readDoubleLE(at + 6);
      const g = record.readDoubleLE(at + 14);
      const idLen = record[at + 22]!;
      at += 23;
      need(idLen + 1);
      const id = record.toString('latin1', at, at + idLen);
      at += idLen;
      const convLen = record[at]!;
      at += 1;
      need(convLen + 4);
      const conv = record.toString('latin1', at, at + convLen);
      at += convLen;
      const ctLen = record.readUInt32LE(at);
      at += 4;
      need(ctLen);
      out.push({ t: 'msg', row: { id, conv, slot, seq, g, ct: new Uint8Array(record.subarray(at, at + ctLen)), update } });
      at += ctLen;
    } else if (tag === OTHER) {
      need(5);
      const len = record.readUInt32LE(at + 1);
      at += 5;
      need(len);
      out.push(deserialize(record.subarray(at, at + len)) as JournaledOp);
      at += len;
    } else bad();
  }
  return out;
}
