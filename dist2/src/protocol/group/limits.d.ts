/**
 * Hard limits of the group protocol (docs/groups.md §Limits, issue #6). Every parser checks its
 * input against these before doing any work; the 1:1 limits (envelope buckets, skipped-key
 * window, address size) come from ../limits.ts and apply unchanged.
 */
/** Group ids are random; we make 32 bytes and accept 16–32 from others. */
export declare const GROUP_ID_MIN_BYTES = 16;
export declare const GROUP_ID_MAX_BYTES = 32;
/** Most members a group may hold (Signal's limit too). */
export declare const MAX_GROUP_MEMBERS = 1000;
/** Longest group name, in UTF-8 bytes. */
export declare const MAX_GROUP_NAME_BYTES = 256;
/** Most operations in one signed change (keeps a change, and a welcome carrying several, bounded). */
export declare const MAX_OPS_PER_CHANGE = 100;
/** Applied changes kept (with their undo data) so a concurrent change can still win: the reorg depth. */
export declare const MAX_REORG_DEPTH = 8;
/** Changes that arrived ahead of the state (a gap or another branch), parked until they apply. */
export declare const MAX_PENDING_CHANGES = 16;
/** Sender keys kept per member: the current one and the one before it, for messages still in flight. */
export declare const SENDER_KEYS_PER_MEMBER = 2;
/**
 * Largest group payload unit handed to a 1:1 session: comfortably below what one 1:1 envelope
 * carries (65,536 bytes minus the prekey part) with room for the client's content framing.
 */
export declare const MAX_PAYLOAD_UNIT_BYTES: number;
/** Largest reassembled group payload (a welcome for a full group with long addresses and history). */
export declare const MAX_ASSEMBLED_PAYLOAD_BYTES: number;
/** Most fragments one payload may be split into. */
export declare const MAX_FRAGMENTS: number;
/** Changes bundled with a rekey distribution are gossip; above this size only the admin sends them. */
export declare const MAX_BUNDLED_CHANGE_BYTES: number;
