/**
 * Fragments (docs/groups.md §Pairwise payloads; issue #6 item 6): a welcome for a 1,000-member
 * group does not fit in one 1:1 message, so payloads larger than MAX_PAYLOAD_UNIT_BYTES travel
 * as numbered fragments over the same pairwise session. The client keeps the fragments of one
 * set (same sender, same set id) as they come and calls `reassemble` until it returns the
 * payload; the raw fragment bytes are their own storage format.
 *
 *   u8 version = 1 ‖ u8 kind = 3 ‖ set id (16) ‖ u16 index ‖ u16 count ‖ u32 length ‖ data
 */
import type { Rng } from '../../crypto/index.js';
export declare const FRAGMENT_SET_ID_BYTES = 16;
export interface Fragment {
    readonly setId: Buffer;
    readonly index: number;
    readonly count: number;
    readonly data: Buffer;
}
/** The units to send for `payload`: the payload itself when it fits, fragments otherwise. */
export declare function fragmentPayload(payload: Buffer, rng: Rng): Buffer[];
export declare function parseFragment(bytes: Uint8Array): Fragment;
/**
 * The payload once every fragment of the set is present (duplicates are harmless), or null while
 * some are missing. Fragments of different sets or with conflicting contents are an error.
 */
export declare function reassemble(units: readonly Uint8Array[]): Buffer | null;
