/**
 * What one journal record holds (issue 3 §4, §5): the ops of one transaction. Message ops — the
 * bulk of all records — use a fixed binary layout (v8 serialization of a row with a Buffer went
 * through a JavaScript callback per buffer and dominated the save path); the rare others use v8.
 * A message's index terms are not journaled: replay recomputes them from the decrypted body.
 */
import { deserialize, serialize } from 'node:v8';
import { StoreCorruptError } from './errors.js';
const MESSAGE = 1;
const OTHER = 2;
export function encodeOps(ops) {
    const parts = [];
    for (const op of ops) {
        if (op.t === 'msg') {
            const { row } = op;
            // Ids are [A-Za-z0-9_-] (validate.ts), so latin1 is their exact encoding.
            const out = Buffer.allocUnsafe(28 + row.id.length + row.conv.length + row.ct.length);
            out[0] = MESSAGE;
            out[1] = row.update ? 1 : 0;
            out.writeUInt32LE(row.slot, 2);
            out.writeDoubleLE(row.seq, 6);
            out.writeDoubleLE(row.g, 14);
            out[22] = row.id.length;
            out.write(row.id, 23, 'latin1');
            let at = 23 + row.id.length;
            out[at] = row.conv.length;
            out.write(row.conv, at + 1, 'latin1');
            at += 1 + row.conv.length;
            out.writeUInt32LE(row.ct.length, at);
            out.set(row.ct, at + 4);
            parts.push(out);
        }
        else {
            const body = serialize(op);
            const head = Buffer.allocUnsafe(5);
            head.writeUInt8(OTHER, 0);
            head.writeUInt32LE(body.length, 1);
            parts.push(head, body);
        }
    }
    return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}
export function decodeOps(record) {
    const bad = () => {
        throw new StoreCorruptError('journal record');
    };
    const out = [];
    let at = 0;
    const need = (n) => {
        if (at + n > record.length)
            bad();
    };
    while (at < record.length) {
        const tag = record[at];
        if (tag === MESSAGE) {
            need(23);
            const update = record[at + 1] === 1;
            const slot = record.readUInt32LE(at + 2);
            const seq = record.readDoubleLE(at + 6);
            const g = record.readDoubleLE(at + 14);
            const idLen = record[at + 22];
            at += 23;
            need(idLen + 1);
            const id = record.toString('latin1', at, at + idLen);
            at += idLen;
            const convLen = record[at];
            at += 1;
            need(convLen + 4);
            const conv = record.toString('latin1', at, at + convLen);
            at += convLen;
            const ctLen = record.readUInt32LE(at);
            at += 4;
            need(ctLen);
            out.push({ t: 'msg', row: { id, conv, slot, seq, g, ct: new Uint8Array(record.subarray(at, at + ctLen)), update } });
            at += ctLen;
        }
        else if (tag === OTHER) {
            need(5);
            const len = record.readUInt32LE(at + 1);
            at += 5;
            need(len);
            out.push(deserialize(record.subarray(at, at + len)));
            at += len;
        }
        else
            bad();
    }
    return out;
}
//# sourceMappingURL=journalOps.js.map