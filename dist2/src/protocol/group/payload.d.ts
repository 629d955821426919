import type { GroupChange } from './change.js';
import { type SenderKeyDistribution } from './distribution.js';
import { type HistoryEntry } from './history.js';
import type { OwnSenderKey } from './senderKey.js';
import { type GroupState } from './state.js';
export declare const GROUP_PAYLOAD_VERSION = 1;
export declare const GROUP_PAYLOAD_KIND: {
    readonly welcome: 1;
    readonly update: 2;
    readonly fragment: 3;
};
export type GroupPayload = {
    readonly kind: 'welcome';
    readonly groupId: Buffer;
    readonly state: GroupState;
    readonly history: readonly HistoryEntry[];
    readonly distribution: SenderKeyDistribution;
} | {
    readonly kind: 'update';
    readonly groupId: Buffer;
    readonly changes: readonly GroupChange[];
    readonly distribution: SenderKeyDistribution | null;
    readonly requestsKeys: boolean;
};
export declare function encodeWelcome(state: GroupState, history: readonly HistoryEntry[], own: OwnSenderKey): Buffer;
export declare function encodeUpdate(groupId: Uint8Array, changes: readonly GroupChange[], own: OwnSenderKey | null, stateVersion: number, requestKeys?: boolean): Buffer;
/** Kind and group of a payload, without parsing the rest: for finding the group record. */
export declare function peekGroupPayload(bytes: Uint8Array): {
    kind: 'welcome' | 'update' | 'fragment';
    groupId: Buffer | null;
};
/**
 * Who signed the changes an update carries (none for a sender key or a key request alone); null
 * for a welcome or a fragment. Reads no key: lets a client tell its own changes (which must reach
 * everyone now) from keys and passed-on changes (which can wait until it first sends).
 */
export declare function updateChangeSigners(bytes: Uint8Array): Buffer[] | null;
/** Parses and checks a whole (reassembled) payload; the identities in it are fully verified. */
export declare function decodeGroupPayload(bytes: Uint8Array): GroupPayload;
