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
import { assertValidSigningPublicKey, identityPublicKey, Secret, signature, verify } from '../../crypto/index.js';
import { InvalidFrameError, SignatureError } from '../errors.js';
import { deriveSenderKeyId, MAX_ITERATION, possessionMessage } from './senderKey.js';
export const DISTRIBUTION_BYTES = 4 + 4 + 32 + 64 + 32 + 32 + 4;
/** Our sender key as it is now (sharing its secrets): the receiver can read from `own.iteration` on, never before. */
export function distributionOf(own, stateVersion) {
    const { generation, possession, headerKey, chainKey, iteration } = own;
    return { stateVersion, generation, signingKey: own.signing.publicKey, possession, headerKey, chainKey, iteration };
}
export function writeDistribution(w, d) {
    w.u32(d.stateVersion).u32(d.generation).raw(d.signingKey).raw(d.possession).raw(d.headerKey.expose()).raw(d.chainKey.expose()).u32(d.iteration);
}
export function readDistribution(r) {
    const stateVersion = r.u32();
    const generation = r.u32();
    const signingKey = identityPublicKey(r.raw(32));
    const possession = signature(r.raw(64));
    const headerKey = Secret.copyOf('HeaderKey', 32, r.raw(32));
    const chainKey = Secret.copyOf('ChainKey', 32, r.raw(32));
    const iteration = r.u32();
    if (iteration > MAX_ITERATION) {
        headerKey.wipe();
        chainKey.wipe();
        throw new InvalidFrameError('sender key distribution: iteration out of range');
    }
    return { stateVersion, generation, signingKey, possession, headerKey, chainKey, iteration };
}
export function wipeDistribution(d) {
    d.headerKey.wipe();
    d.chainKey.wipe();
}
/**
 * Checks that `owner` — the authenticated peer of the session the distribution came over, never
 * a field of it — holds the signing key, and returns the receiving record. The record takes the
 * distribution's secrets; on a throw they are left with the distribution.
 */
export function receivingKeyFrom(groupId, owner, d) {
    assertValidSigningPublicKey(d.signingKey);
    if (!verify(d.signingKey, possessionMessage(groupId, owner, d.signingKey), d.possession)) {
        throw new SignatureError('sender key does not belong to the session peer');
    }
    return {
        owner,
        keyId: deriveSenderKeyId(groupId, owner, d.signingKey),
        generation: d.generation,
        signingKey: d.signingKey,
        headerKey: d.headerKey,
        chainKey: d.chainKey,
        next: d.iteration,
        skipped: new Map(),
    };
}
//# sourceMappingURL=distribution.js.map