/**
 * Records of the relay's append-only queue log (issue #4 §Persistence).
 *
 *   u32 payload length | u32 CRC-32 of payload | payload = u8 type | fields…
 *
 * A crash can leave a torn last record; `parseLog` stops at the first record that is short or
 * fails its CRC and reports where the valid prefix ends, so the store truncates the tail.
 */
import { crc32 } from 'node:zlib';
import { ED25519_PUBLIC_BYTES } from '../crypto/keys.js';
import { QUEUE_ID_BYTES } from '../protocol/relayWire/frames.js';
import { MAX_ENVELOPE_BYTES } from '../protocol/limits.js';
const HEADER = 8;
const U48 = 6;
const MAX_PAYLOAD = MAX_ENVELOPE_BYTES + 1024;
export const LogRecordType = { CREATE: 1, MSG: 2, ACK: 3, DELETE: 4 };
/**
 * One buffer holding header and a payload of `length` bytes; `fill` writes the payload at `o`.
 * Unpooled when `own` is set: a MSG record outlives its batch (the store keeps its body as a view
 * into it), and a view into Node's shared 8 KiB pool would pin the whole slab.
 */
function frame(length, own, fill) {
    const out = own ? Buffer.allocUnsafeSlow(HEADER + length) : Buffer.allocUnsafe(HEADER + length);
    out.writeUInt32BE(length, 0);
    fill(out, HEADER);
    out.writeUInt32BE(crc32(out.subarray(HEADER)), 4);
    return out;
}
/** Offset of a MSG record's body inside its encoded buffer. */
const MSG_BODY_OFFSET = HEADER + 1 + QUEUE_ID_BYTES + 2 * U48;
/** Encodes a MSG record and returns, with it, a view of the body inside it (no second copy to keep). */
export function encodeMsgRecord(recvId, seq, timestamp, body) {
    const record = encodeMsg({ type: 'MSG', recvId, seq, timestamp, body }, true);
    return { record, body: record.subarray(MSG_BODY_OFFSET) };
}
function encodeMsg(r, own) {
    return frame(MSG_BODY_OFFSET - HEADER + r.body.length, own, (p, o) => {
        p[o] = LogRecordType.MSG;
        r.recvId.copy(p, o + 1);
        p.writeUIntBE(r.seq, o + 1 + QUEUE_ID_BYTES, U48);
        p.writeUIntBE(r.timestamp, o + 1 + QUEUE_ID_BYTES + U48, U48);
        r.body.copy(p, MSG_BODY_OFFSET);
    });
}
export function encodeLogRecord(r) {
    const Q = QUEUE_ID_BYTES;
    switch (r.type) {
        case 'CREATE':
            return frame(1 + 2 * Q + 2 * ED25519_PUBLIC_BYTES + 2 * U48, false, (p, o) => {
                p[o++] = LogRecordType.CREATE;
                for (const b of [r.recvId, r.sendId, r.recipientKey, r.senderKey])
                    o += b.copy(p, o);
                p.writeUIntBE(r.createdAt, o, U48);
                p.writeUIntBE(r.nextSeq, o + U48, U48);
            });
        case 'MSG':
            return encodeMsg(r, false);
        case 'ACK':
            return frame(1 + Q + U48, false, (p, o) => {
                p[o] = LogRecordType.ACK;
                r.recvId.copy(p, o + 1);
                p.writeUIntBE(r.seq, o + 1 + Q, U48);
            });
        case 'DELETE':
            return frame(1 + Q, false, (p, o) => {
                p[o] = LogRecordType.DELETE;
                r.recvId.copy(p, o + 1);
            });
    }
}
/** A copy with its own memory: a replayed body may live for weeks and must not pin a pool slab. */
function ownCopy(b) {
    const out = Buffer.allocUnsafeSlow(b.length);
    b.copy(out);
    return out;
}
function decodePayload(p) {
    const Q = QUEUE_ID_BYTES;
    const id = (o) => Buffer.from(p.subarray(o, o + Q));
    switch (p[0]) {
        case LogRecordType.CREATE: {
            if (p.length !== 1 + 2 * Q + 2 * ED25519_PUBLIC_BYTES + 2 * U48)
                return undefined;
            const k = 1 + 2 * Q;
            return {
                type: 'CREATE',
                recvId: id(1),
                sendId: id(1 + Q),
                recipientKey: Buffer.from(p.subarray(k, k + 32)),
                senderKey: Buffer.from(p.subarray(k + 32, k + 64)),
                createdAt: p.readUIntBE(k + 64, U48),
                nextSeq: p.readUIntBE(k + 64 + U48, U48),
            };
        }
        case LogRecordType.MSG:
            if (p.length <= 1 + Q + 2 * U48)
                return undefined;
            return { type: 'MSG', recvId: id(1), seq: p.readUIntBE(1 + Q, U48), timestamp: p.readUIntBE(1 + Q + U48, U48), body: ownCopy(p.subarray(1 + Q + 2 * U48)) };
        case LogRecordType.ACK:
            if (p.length !== 1 + Q + U48)
                return undefined;
            return { type: 'ACK', recvId: id(1), seq: p.readUIntBE(1 + Q, U48) };
        case LogRecordType.DELETE:
            if (p.length !== 1 + Q)
                return undefined;
            return { type: 'DELETE', recvId: id(1) };
        default:
            return undefined;
    }
}
/** Every intact record of a log in order, and the byte length of that intact prefix. */
export function parseLog(bytes) {
    const records = [];
    let o = 0;
    while (o + HEADER <= bytes.length) {
        const len = bytes.readUInt32BE(o);
        if (len === 0 || len > MAX_PAYLOAD || o + HEADER + len > bytes.length)
            break;
        const payload = bytes.subarray(o + HEADER, o + HEADER + len);
        if (crc32(payload) !== bytes.readUInt32BE(o + 4))
            break;
        const record = decodePayload(payload);
        if (!record)
            break;
        records.push(record);
        o += HEADER + len;
    }
    return { records, validLength: o };
}
//# sourceMappingURL=logRecord.js.map