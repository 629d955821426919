import type { StoreKey } from './rowCrypto.js';
export interface BatchInfo {
    readonly id: number;
    readonly key: Uint8Array;
    /** Insertion numbers of the batch's messages lie in [lo, hi]. */
    readonly lo: number;
    readonly hi: number;
    readonly count: number;
}
export interface PostingRow {
    readonly b: number;
    readonly tok: bigint;
    readonly pl: Buffer;
}
/** Batches are merged up to this many messages; rewriting one (on a deletion) stays a bounded cost. */
export declare const MERGE_CAP = 32768;
export declare function postingToken(batchKey: StoreKey, term: string): bigint;
/** One ascending run of insertion numbers: count ‖ first ‖ deltas…, varints. */
export declare function encodeRun(gs: readonly number[]): Buffer;
/** The insertion numbers of concatenated runs (a merged batch keeps its parts' runs side by side). */
export declare function decodeRuns(data: Buffer): number[];
/** A posting row's plaintext: (term length ‖ term ‖ data length ‖ runs)… — several entries only when terms' tokens collide. */
export type PostingEntries = Map<string, Buffer>;
export declare function encodeEntries(entries: PostingEntries): Buffer;
export declare function decodeEntries(plain: Buffer): PostingEntries;
export declare function sealPosting(batchKey: StoreKey, batchId: number, tok: bigint, entries: PostingEntries): Buffer;
export declare function openPosting(batchKey: StoreKey, batchId: number, tok: bigint, pl: Uint8Array): PostingEntries;
/** The rows of one batch from term → encoded runs: one row per token. */
export declare function postingRows(batchId: number, batchKey: StoreKey, terms: ReadonlyMap<string, Buffer>): PostingRow[];
/**
 * The next pair of adjacent batches to merge: the newest pair whose older half is not larger than
 * its newer half and whose sum stays under MERGE_CAP. Like a binary counter, this keeps about
 * log2(n) small batches plus n / MERGE_CAP full ones.
 */
export declare function mergeCandidate(batches: readonly BatchInfo[]): number | undefined;
