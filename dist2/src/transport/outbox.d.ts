/**
 * The persistent outbox contract (issue #4 §Transport): a message is saved as "sending" before
 * anything goes on the wire and becomes "sent" only when the relay acknowledged it as durable.
 * The LanceDB store provides the real implementation; `MemoryOutbox` is for tests and tools.
 */
export declare const OutboxStatus: {
    readonly SENDING: "sending";
    readonly SENT: "sent";
    readonly FAILED: "failed";
};
export type OutboxStatusName = (typeof OutboxStatus)[keyof typeof OutboxStatus];
export interface OutboxEntry {
    /** The caller's message id: unique, stable across retries. */
    readonly id: string;
    /** An encoded delivery address (src/transport/address.ts). */
    readonly to: Buffer;
    readonly envelope: Buffer;
    readonly status: OutboxStatusName;
    /** Orders the outbox: entries to one address are sent in this order. */
    readonly createdAt: number;
    /** For FAILED entries: the relay error code that made retrying pointless. */
    readonly failure?: string;
}
export interface OutboxStore {
    /** Saves a new entry as SENDING; a second put with the same id changes nothing. Durable when resolved. */
    put(entry: {
        id: string;
        to: Buffer;
        envelope: Buffer;
        createdAt: number;
    }): Promise<void>;
    /** Entries with `status` (all when omitted), oldest first. */
    list(status?: OutboxStatusName): Promise<OutboxEntry[]>;
    markSent(id: string): Promise<void>;
    markFailed(id: string, failure: string): Promise<void>;
    remove(id: string): Promise<void>;
}
export declare class MemoryOutbox implements OutboxStore {
    #private;
    put(entry: {
        id: string;
        to: Buffer;
        envelope: Buffer;
        createdAt: number;
    }): Promise<void>;
    list(status?: OutboxStatusName): Promise<OutboxEntry[]>;
    markSent(id: string): Promise<void>;
    markFailed(id: string, failure: string): Promise<void>;
    remove(id: string): Promise<void>;
}
