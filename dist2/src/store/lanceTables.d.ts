import * as lancedb from '@lancedb/lancedb';
import type * as ArrowTypes from 'apache-arrow';
export declare const MESSAGES_TABLE = "messages_v2";
export declare const POSTINGS_TABLE = "postings_v2";
export declare const RECORDS_TABLE = "records";
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
export declare function messageBatch(rows: readonly MessageRow[]): ArrowTypes.Table;
export declare function postingBatch(rows: readonly {
    b: number;
    tok: bigint;
    pl: Uint8Array;
}[]): ArrowTypes.Table;
export declare function recordBatch(rows: readonly RecordRow[]): ArrowTypes.Table;
/** Reads the message rows out of a query result. */
export declare function messageRows(table: ArrowTypes.Table): MessageRow[];
export declare function postingRowsOf(table: ArrowTypes.Table): PostingRowData[];
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
/** Creates the message and posting tables (and the records table unless it exists: a migrated profile keeps its own). */
export declare function createTables(db: lancedb.Connection): Promise<ProfileTables>;
export declare function openTables(db: lancedb.Connection): Promise<ProfileTables>;
/** Quotes ids for predicates; ids are validated to [A-Za-z0-9_-] before they get here. */
export declare function sqlList(ids: readonly string[]): string;
