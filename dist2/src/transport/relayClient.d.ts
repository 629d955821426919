import { type Rng } from '../crypto/random.js';
import type { RelayAddress } from '../protocol/relayWire/relayAddress.js';
import { type QueueAddress } from './address.js';
import { type BackoffOptions } from './backoff.js';
import type { RecipientQueue } from './recipientQueue.js';
import { RelayConnection, type RelayConnectionOptions } from './relayConnection.js';
export interface ReceivedEnvelope {
    readonly queue: RecipientQueue;
    /** The relay's id for this envelope in its queue (stable across redeliveries by an honest relay). */
    readonly msgId: bigint;
    readonly timestamp: number;
    readonly envelope: Buffer;
}
/** Recognizes envelopes that were already handled (and committed) before, so they are only acknowledged. */
export interface DedupeHook {
    seen(message: ReceivedEnvelope): boolean | Promise<boolean>;
    /** Called after the handler's commit resolved; a durable hook usually records in that commit instead. */
    handled?(message: ReceivedEnvelope): void | Promise<void>;
}
/** An in-memory dedupe by envelope hash, bounded to the most recent `capacity` envelopes. */
export declare function memoryDedupe(capacity?: number): DedupeHook;
export type EnvelopeHandler = (message: ReceivedEnvelope) => Promise<void>;
export interface RelayClientOptions extends RelayConnectionOptions {
    readonly rng?: Rng;
    /** Back off this way before resubscribing after a handler failed. */
    readonly handlerBackoff?: BackoffOptions;
    /** Share one connection per relay instead of one per queue (fewer sockets, linkable queues). */
    readonly shareConnections?: boolean;
}
export interface SubscribeOptions {
    readonly dedupe?: DedupeHook;
    /** Called each time the relay accepted the subscription (waiting envelopes follow right behind). */
    readonly onSubscribed?: () => void;
}
export interface Subscription {
    close(): void;
}
export declare class RelayClient {
    #private;
    constructor(options?: RelayClientOptions);
    /** The connection for one queue (or one relay, with shareConnections). */
    connection(relay: RelayAddress, queueKey: string): RelayConnection;
    /** Creates a queue with fresh keys made for it alone; persist the result before using it. */
    createQueue(relay: RelayAddress): Promise<RecipientQueue>;
    /**
     * Sends one envelope; resolves once the relay has made it durable. Rejects with
     * `RelayCommandError` (see `.permanent`) or `TransportError` (retry later).
     */
    send(to: QueueAddress, envelope: Buffer): Promise<void>;
    /** Receives from a queue until closed; see `EnvelopeHandler` and `DedupeHook` for the guarantees. */
    subscribe(queue: RecipientQueue, handler: EnvelopeHandler, options?: SubscribeOptions): Subscription;
    /** Deletes a queue and everything in it at the relay. */
    deleteQueue(queue: RecipientQueue): Promise<void>;
    close(): void;
}
