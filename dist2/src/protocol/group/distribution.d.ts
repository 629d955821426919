/**
 * Sender-key distribution (docs/groups.md §Distribution; issue #6 items 1 and 4; SECURITY-TESTS
 * #16): the part of a pairwise group payload that hands a member's sender key to one other
 * member, only ever over their 1:1 Double Ratchet session. It carries no sender identity: the
 * receiver binds it to the peer of the session it arrived on, and accepts it only if the
 * signing key's `possession` signature names that peer. A distribution forwarded by anyone else
 * therefore names the wrong identity and is refused.
 *
 *   u32 state version ‖ u32 generation ‖ signing public key (32) ‖ possession signature (64)
 *   ‖ header key (32) ‖ chain key (32) ‖ u32 iteration
 */
import { type ChainKey, type HeaderKey, type IdentityPublicKey, type Signature } from '../../crypto/index.js';
import type { Reader } from '../codec/reader.js';
import type { Writer } from '../codec/writer.js';
import { type OwnSenderKey, type ReceivingSenderKey } from './senderKey.js';
export declare const DISTRIBUTION_BYTES: number;
export interface SenderKeyDistribution {
    /** The group-state version the sender held when it made this distribution. */
    readonly stateVersion: number;
    readonly generation: number;
    readonly signingKey: IdentityPublicKey;
    readonly possession: Signature;
    readonly headerKey: HeaderKey;
    readonly chainKey: ChainKey;
    readonly iteration: number;
}
/** Our sender key as it is now (sharing its secrets): the receiver can read from `own.iteration` on, never before. */
export declare function distributionOf(own: OwnSenderKey, stateVersion: number): SenderKeyDistribution;
export declare function writeDistribution(w: Writer, d: SenderKeyDistribution): void;
export declare function readDistribution(r: Reader): SenderKeyDistribution;
export declare function wipeDistribution(d: SenderKeyDistribution): void;
/**
 * Checks that `owner` — the authenticated peer of the session the distribution came over, never
 * a field of it — holds the signing key, and returns the receiving record. The record takes the
 * distribution's secrets; on a throw they are left with the distribution.
 */
export declare function receivingKeyFrom(groupId: Uint8Array, owner: IdentityPublicKey, d: SenderKeyDistribution): ReceivingSenderKey;
