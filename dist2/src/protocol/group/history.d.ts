import type { Reader } from '../codec/reader.js';
import type { Writer } from '../codec/writer.js';
import { type GroupChange, type Undo } from './change.js';
import type { GroupState } from './state.js';
export interface HistoryEntry {
    readonly change: GroupChange;
    readonly undo: Undo;
}
export declare function writeHistoryEntry(w: Writer, e: HistoryEntry): void;
export declare function readHistoryEntry(r: Reader, options: {
    verifyIdentities: boolean;
}): HistoryEntry;
export declare function trimHistory(history: readonly HistoryEntry[]): readonly HistoryEntry[];
/**
 * Checks a history that came with a snapshot: walking back from `state`, each entry's undo must
 * rebuild exactly the state its change names, and re-applying the change (signature and
 * authority included) must give back the state after it.
 */
export declare function verifyHistory(state: GroupState, history: readonly HistoryEntry[]): void;
export type ChainStep = {
    readonly kind: 'applied' | 'reverted';
    readonly change: GroupChange;
};
export interface Integration {
    readonly state: GroupState;
    readonly history: readonly HistoryEntry[];
    readonly pending: readonly GroupChange[];
    /** What happened to the chain, in order. */
    readonly steps: readonly ChainStep[];
    /** Whether an incoming change applied, won, or was newly set aside to wait. */
    readonly progressed: boolean;
    /** Whether an incoming change was newly set aside to wait. */
    readonly parked: boolean;
}
/**
 * Integrates `incoming` (and the changes already waiting) into the chain. An invalid incoming
 * change throws and nothing changes; an invalid waiting change is dropped.
 */
export declare function integrateChanges(state: GroupState, history: readonly HistoryEntry[], pending: readonly GroupChange[], incoming: readonly GroupChange[]): Integration;
