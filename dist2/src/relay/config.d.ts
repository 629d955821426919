/** Tunables of the relay core with their defaults (issue #4 §Delivery: expiry, quotas, rate limits). */
import { type Rng } from '../crypto/random.js';
export type RelayLogger = (event: string, fields?: Readonly<Record<string, string | number | boolean>>) => void;
export interface RelayCoreOptions {
    /** Envelopes older than this are dropped unread. Default 21 days. */
    readonly expiryMs: number;
    /** How often expiry runs. */
    readonly expirySweepMs: number;
    /** Envelopes pushed to a subscriber ahead of its acknowledgements. */
    readonly deliveryWindow: number;
    /** Per-connection command rate: sustained per second, and burst. */
    readonly commandsPerSecond: number;
    readonly commandBurst: number;
    /** Per-connection error replies tolerated: sustained per second, and burst; beyond, the connection is closed. */
    readonly errorsPerSecond: number;
    readonly errorBurst: number;
    /** Most queues one connection may subscribe to at once. */
    readonly maxSubscriptionsPerConnection: number;
    readonly now: () => number;
    readonly rng: Rng;
    /** Receives events only — never queue ids, keys or envelope bytes. */
    readonly log: RelayLogger;
}
export declare const DEFAULT_RELAY_CORE_OPTIONS: RelayCoreOptions;
