/**
 * The transport's outbox contract (src/transport/outbox.ts) kept in the encrypted profile store
 * (issue 5): an envelope is queued in the same atomic commit as the ratchet step and message row
 * that produced it, and leaves the outbox only when the relay acknowledged it as durable (or
 * refused it for good). Payload: u8 kind ‖ u16 address length ‖ address ‖ envelope.
 */
import { type OutboxEntry, type OutboxStatusName, type OutboxStore } from '../transport/outbox.js';
import type { OutboxEntry as StoredOutboxEntry, Store } from '../store/types.js';
/** A message row exists for `message` entries (its delivery state follows the entry); not for receipts. */
export declare const OUTBOX_KIND: {
    readonly control: 0;
    readonly message: 1;
};
export type OutboxKind = (typeof OUTBOX_KIND)[keyof typeof OUTBOX_KIND];
export interface QueuedEnvelope {
    readonly id: string;
    readonly conversationId: string;
    readonly kind: OutboxKind;
    readonly to: Buffer;
    readonly envelope: Buffer;
    readonly createdAt: number;
}
export declare function outboxEntry(q: QueuedEnvelope): StoredOutboxEntry;
export declare function queuedEnvelope(e: StoredOutboxEntry): QueuedEnvelope;
export type OutboxOutcome = (entry: QueuedEnvelope, failure: string | undefined) => Promise<void>;
export declare class StoreOutbox implements OutboxStore {
    #private;
    constructor(store: Store, outcome: OutboxOutcome, open?: () => boolean);
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
