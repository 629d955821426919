import type { RelayCore, Subscription } from './relayCore.js';
/** What a transport adapter gives the core for one connection. */
export interface ConnectionSink {
    send(frame: Buffer): void;
    close(code: number, reason: string): void;
}
/** Most commands held behind one that waits for the store; more are refused as RATE_LIMITED. */
export declare const MAX_QUEUED_COMMANDS = 256;
export declare class RelaySession {
    #private;
    readonly subscriptions: Map<string, Subscription>;
    constructor(core: RelayCore, sink: ConnectionSink);
    get closed(): boolean;
    push(frame: Buffer): void;
    /** The transport lost or closed the connection. */
    detached(): void;
    close(code: number, reason: string): void;
    /** Handles one incoming frame; never throws. */
    receive(frame: Buffer): void;
}
