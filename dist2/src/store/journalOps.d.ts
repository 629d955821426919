import type { OverlayRow } from './overlay.js';
import type { RecordValue } from './rowCrypto.js';
export type Op = {
    readonly t: 'rec';
    readonly rid: string;
    readonly ct: Uint8Array;
    readonly rec: RecordValue;
} | {
    readonly t: 'recdel';
    readonly rid: string;
} | {
    readonly t: 'msg';
    readonly row: OverlayRow;
} | {
    readonly t: 'ckey';
    readonly conv: string;
    readonly key: Uint8Array;
    readonly slot: number;
} | {
    readonly t: 'ekey';
    readonly conv: string;
    readonly epoch: number;
    readonly gen: number;
    readonly key: Uint8Array;
} | {
    readonly t: 'inv';
    readonly id: string;
    readonly secret: Uint8Array;
} | {
    readonly t: 'invdel';
    readonly id: string;
};
/** A decoded message op: its row still lacks the index terms. */
export type JournaledOp = Exclude<Op, {
    t: 'msg';
}> | {
    readonly t: 'msg';
    readonly row: Omit<OverlayRow, 'terms'>;
};
export declare function encodeOps(ops: readonly Op[]): Buffer;
export declare function decodeOps(record: Buffer): JournaledOp[];
