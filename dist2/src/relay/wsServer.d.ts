import { SaltlineError } from '../crypto/errors.js';
import type { RelayCoreOptions } from './config.js';
import type { QueueLimits, QueueStore } from './queueStore.js';
import { RelayCore } from './relayCore.js';
/** Frames above this close the connection outright; between MAX_FRAME_BYTES and this they get TOO_LARGE. */
export declare const HARD_FRAME_LIMIT: number;
export declare class RelayConfigError extends SaltlineError {
    constructor(message: string);
}
export interface StartRelayOptions {
    /** Data folder for the queue log and the TLS identity. */
    readonly dataDir: string;
    /** 0 (default) picks a free port. */
    readonly port?: number;
    /** Default 127.0.0.1. */
    readonly host?: string;
    /** Default true; false is accepted only for a loopback host. */
    readonly tls?: boolean;
    /** 'embedded' (default): the append-only log in dataDir; 'memory': nothing on disk; or any QueueStore. */
    readonly store?: 'embedded' | 'memory' | QueueStore;
    readonly limits?: QueueLimits;
    readonly core?: Partial<RelayCoreOptions>;
}
export interface RunningRelay {
    /** The address clients use, with the TLS key fingerprint when on TLS. */
    readonly address: string;
    readonly port: number;
    readonly core: RelayCore;
    close(): Promise<void>;
}
export declare function startRelay(options: StartRelayOptions): Promise<RunningRelay>;
