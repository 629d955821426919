import { type BackoffOptions } from './backoff.js';
import { type OutboxStore } from './outbox.js';
import type { RelayClient } from './relayClient.js';
export interface OutboxSenderOptions {
    readonly backoff?: BackoffOptions;
    /** Envelopes per address on the wire before their acknowledgements. */
    readonly maxInFlight?: number;
    readonly onSent?: (id: string) => void;
    readonly onFailed?: (id: string, failure: string) => void;
    readonly now?: () => number;
}
export declare class OutboxSender {
    #private;
    constructor(client: RelayClient, store: OutboxStore, options?: OutboxSenderOptions);
    /** Resumes every entry still SENDING (after a restart or crash). */
    start(): Promise<void>;
    /** Saves the envelope as SENDING (resolves once saved) and sends it in the background. */
    enqueue(id: string, to: Buffer, envelope: Buffer): Promise<void>;
    /** Resolves when nothing is left to send (FAILED entries count as done). */
    idle(): Promise<void>;
    stop(): void;
}
