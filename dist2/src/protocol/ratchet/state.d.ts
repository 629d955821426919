/**
 * Double Ratchet state (spec §3.2 with the header-encryption fields of §4.2) and its versioned
 * binary serialization. States are immutable values: a transition returns a new state and wipes
 * the secrets the old one no longer shares with it (`wipeAllBut`).
 */
import { Secret, type ChainKey, type DhKeyPair, type DhPublicKey, type HeaderKey, type MessageKey, type RootKey } from '../../crypto/index.js';
import type { Reader } from '../codec/reader.js';
import type { Writer } from '../codec/writer.js';
/** Message keys skipped in one receiving chain, found by trial-decrypting headers with `headerKey`. */
export interface SkippedChain {
    readonly headerKey: HeaderKey;
    readonly keys: ReadonlyMap<number, MessageKey>;
}
export interface RatchetState {
    readonly dhs: DhKeyPair;
    readonly dhr: DhPublicKey | null;
    readonly rk: RootKey;
    readonly cks: ChainKey | null;
    readonly ckr: ChainKey | null;
    readonly ns: number;
    readonly nr: number;
    readonly pn: number;
    readonly hks: HeaderKey | null;
    readonly hkr: HeaderKey | null;
    readonly nhks: HeaderKey;
    readonly nhkr: HeaderKey;
    /** Oldest chain first; the total number of keys never exceeds MAX_STORED_SKIPPED_KEYS. */
    readonly skipped: readonly SkippedChain[];
}
export declare function countSkipped(skipped: readonly SkippedChain[]): number;
/** Every secret a state holds (skipped keys only if asked), for wiping what a transition leaves. */
export declare function secretsOf(s: RatchetState, withSkipped: boolean): Secret<string>[];
/** Wipes each of `candidates` that is not (by identity) in `keep`. */
export declare function wipeAllBut(candidates: readonly Secret<string>[], keep: readonly Secret<string>[]): void;
/** Wipes every secret a state holds, skipped keys included (the state is discarded). */
export declare function wipeRatchet(s: RatchetState): void;
/** Bytes `serializeRatchet` writes for `s`. */
export declare function serializedRatchetBytes(s: RatchetState): number;
export declare function serializeRatchet(s: RatchetState, w: Writer): void;
/**
 * Reads a state written by `serializeRatchet`. Keys and public keys are views into the reader's
 * bytes, not copies: `r` must read a private copy that nothing else uses or changes, and the
 * caller wipes that copy if reading fails.
 */
export declare function deserializeRatchet(r: Reader): RatchetState;
