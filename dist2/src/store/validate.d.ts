import { DeliveryState, type HistoryOptions, type NewMessage } from './types.js';
/** Ids are caller-chosen but must be short and from a safe alphabet (they may end up in a LanceDB predicate). */
export declare function assertId(id: unknown, what: string): asserts id is string;
export declare function assertBlob(blob: unknown, what: string): asserts blob is Uint8Array;
export declare function assertDeliveryState(state: unknown): asserts state is DeliveryState;
export declare function assertNewMessage(message: NewMessage): void;
/** A batch of at most `maxAppendMessages` items (appends, deletions). */
export declare function assertBatch(items: readonly unknown[], what: string): void;
export declare function pageRequest(options: HistoryOptions | undefined): {
    before: number;
    limit: number;
};
