import type { Rng } from '../crypto/random.js';
import type { Secret } from '../crypto/secret.js';
import type { BatchInfo } from './postings.js';
export declare const KEYRING_FILE = "keyring.v2.bin";
export interface EpochKeys {
    /** Key generation → key. Two generations exist only while a deletion re-encrypts the epoch. */
    gens: Map<number, Uint8Array>;
    current: number;
    /** Insertion numbers of messages a deletion in progress must still remove (finished on the next open after a crash). */
    pendingDelete: number[];
}
export interface ConversationKeys {
    meta: Uint8Array;
    /** Random slot number: the high half of the clear `k` column. */
    slot: number;
    /** Next sequence number, as of the last flush (journaled messages carry theirs). */
    nextSeq: number;
    epochs: Map<number, EpochKeys>;
}
export interface KeyringData {
    /** Live journal files, oldest first; each is replayed on open. */
    journals: {
        id: string;
        key: Uint8Array;
    }[];
    conversations: Map<string, ConversationKeys>;
    invitations: Map<string, Uint8Array>;
    /** Blind-index batches, oldest first. */
    batches: BatchInfo[];
    /** Posting rows with a batch id at or above this belong to no batch (a flush cut short) and are dropped on open. */
    nextBatchId: number;
    /** Every insertion number below this has been handed out. */
    nextG: number;
    /** Batches whose keys are destroyed but whose posting rows may not be deleted yet. */
    deadBatches: number[];
    /** Deleted messages (g) and conversations (slot) still to be purged from the blind index. */
    purgeGs: number[];
    purgeSlots: number[];
}
export declare function emptyKeyring(): KeyringData;
export declare function writeKeyring(dir: string, key: Secret<string>, data: KeyringData, rng: Rng): Promise<void>;
export declare function readKeyring(dir: string, key: Secret<string>): Promise<KeyringData>;
