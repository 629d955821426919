import { type QueueLimits, type QueueRecord, type QueueStore } from '../../src/relay/queueStore.js';
export interface StoreHarness {
    readonly store: QueueStore;
    /** Closes and reopens the same store (persistent backends); undefined for volatile ones. */
    readonly reopen?: () => Promise<QueueStore>;
    cleanup(): Promise<void>;
}
export type StoreFactory = (limits: QueueLimits) => Promise<StoreHarness>;
export declare function newQueue(now?: number): QueueRecord;
export interface SuiteOptions {
    /** Skip every test with this reason (a backend whose server is not installed). */
    readonly skip?: string | false;
}
export declare function queueStoreSuite(name: string, factory: StoreFactory, options?: SuiteOptions): void;
