/**
 * Hard limits of the wire protocol (Saltline protocol §Envelopes). Every parser checks input
 * against these before doing any work.
 */
/** Envelope sizes on the wire: every sealed message is padded to exactly one of these. */
export declare const ENVELOPE_BUCKETS: readonly [512, 2048, 4096, 16384, 65536];
/** The largest envelope the protocol produces; relays and parsers refuse anything larger. */
export declare const MAX_ENVELOPE_BYTES = 65536;
/** Most message keys skipped in one receiving chain (libsignal allows 25,000; we keep it smaller). */
export declare const MAX_SKIP_PER_CHAIN = 1000;
/** Most skipped message keys stored per session; the oldest are evicted first. */
export declare const MAX_STORED_SKIPPED_KEYS = 2000;
/** Largest opaque delivery address carried in invitations and handshakes. */
export declare const MAX_ADDRESS_BYTES = 1024;
