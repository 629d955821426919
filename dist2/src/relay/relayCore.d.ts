import { type RelayCoreOptions } from './config.js';
import type { QueueStore } from './queueStore.js';
import { RelaySession, type ConnectionSink } from './session.js';
/** A recipient's live subscription to one queue, held by exactly one session. */
export declare class Subscription {
    readonly recvId: Buffer;
    readonly session: RelaySession;
    /** Highest seq pushed on this subscription; pushes continue after it. */
    lastPushed: number;
    readonly inFlight: Set<number>;
    pumping: boolean;
    again: boolean;
    constructor(recvId: Buffer, session: RelaySession);
}
export declare class RelayCore {
    #private;
    readonly store: QueueStore;
    readonly options: RelayCoreOptions;
    constructor(store: QueueStore, options?: Partial<RelayCoreOptions>);
    /** A new connection: the session sends HELLO through `sink` at once. */
    connect(sink: ConnectionSink): RelaySession;
    get connectionCount(): number;
    /** Called by a session when its connection is gone. */
    detach(session: RelaySession): void;
    /** Makes `session` the one subscriber of the queue; a previous subscriber gets END. */
    subscribe(session: RelaySession, recvId: Buffer): Subscription;
    unsubscribe(recvId: Buffer): void;
    acknowledged(recvId: Buffer, seq: number): void;
    /** Pushes stored envelopes after `lastPushed` until the delivery window is full. */
    pump(sub: Subscription): Promise<void>;
    sweepExpired(): Promise<number>;
    /** Stops timers and listeners and closes every session; the store is the caller's to close. */
    close(): void;
}
