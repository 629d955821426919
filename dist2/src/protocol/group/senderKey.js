/**
 * Sender keys (docs/groups.md §Sender keys; issue #6 item 1), the scheme of Signal and WhatsApp:
 * per member per group, a sending chain (a keyed BLAKE2b chain, the 1:1 ratchet's `kdfChain`), a
 * header key that hides the chain position from the relay, and an Ed25519 signing key pair made
 * for this sender key only. The key id that labels messages is derived from the group id, the
 * owner's identity key and the signing key, so a sender key can only ever be attributed to the
 * identity it was derived for (SECURITY-TESTS #16); `possession` is the signing key's signature
 * over the same three values, which proves to a receiver that the owner holds it.
 */
import { generateSigningKeyPair, identityPublicKey, Secret, sha256, sign, signature, signingKeyPairFromSeed, } from '../../crypto/index.js';
import { Reader } from '../codec/reader.js';
import { Writer } from '../codec/writer.js';
import { InvalidFrameError } from '../errors.js';
import { MAX_STORED_SKIPPED_KEYS } from '../limits.js';
import { GROUP_LABELS } from './labels.js';
export const SENDER_KEY_ID_BYTES = 16;
/** Chain positions run 0 … 2^32 − 2; the sender refuses to go further (SECURITY-TESTS #5). */
export const MAX_ITERATION = 0xfffffffe;
const OWN_FORMAT = 1;
const RECEIVING_FORMAT = 1;
function boundTo(groupId, owner, signingKey) {
    return Buffer.concat([Buffer.of(groupId.length), groupId, owner, signingKey]);
}
export function deriveSenderKeyId(groupId, owner, signingKey) {
    return sha256(GROUP_LABELS.senderKeyId, boundTo(groupId, owner, signingKey)).subarray(0, SENDER_KEY_ID_BYTES);
}
export function possessionMessage(groupId, owner, signingKey) {
    return Buffer.concat([GROUP_LABELS.senderKeyPossession, boundTo(groupId, owner, signingKey)]);
}
export function createOwnSenderKey(groupId, owner, generation, rng) {
    const signing = generateSigningKeyPair(rng);
    return {
        generation,
        keyId: deriveSenderKeyId(groupId, owner, signing.publicKey),
        signing,
        possession: sign(signing.secretKey, possessionMessage(groupId, owner, signing.publicKey)),
        headerKey: Secret.adopt('HeaderKey', 32, rng(32)),
        chainKey: Secret.adopt('ChainKey', 32, rng(32)),
        iteration: 0,
    };
}
export function wipeOwnSenderKey(k) {
    k.signing.secretKey.wipe();
    k.headerKey.wipe();
    k.chainKey.wipe();
}
export function wipeReceivingSenderKey(k) {
    k.headerKey.wipe();
    k.chainKey.wipe();
    for (const mk of k.skipped.values())
        mk.wipe();
    k.skipped.clear();
}
export function serializeOwnSenderKey(k) {
    return new Writer()
        .u8(OWN_FORMAT)
        .u32(k.generation)
        .raw(k.keyId)
        .raw(k.signing.secretKey.expose().subarray(0, 32))
        .raw(k.possession)
        .raw(k.headerKey.expose())
        .raw(k.chainKey.expose())
        .u32(k.iteration)
        .finish();
}
export function deserializeOwnSenderKey(bytes) {
    const r = new Reader(bytes, 'own sender key');
    if (r.u8() !== OWN_FORMAT)
        throw new InvalidFrameError('own sender key: unknown format');
    const generation = r.u32();
    const keyId = Buffer.from(r.raw(SENDER_KEY_ID_BYTES));
    const signing = signingKeyPairFromSeed(r.raw(32));
    const possession = signature(r.raw(64));
    const headerKey = Secret.copyOf('HeaderKey', 32, r.raw(32));
    const chainKey = Secret.copyOf('ChainKey', 32, r.raw(32));
    const iteration = r.u32();
    r.end();
    if (iteration > MAX_ITERATION + 1)
        throw new InvalidFrameError('own sender key: iteration out of range');
    return { generation, keyId, signing, possession, headerKey, chainKey, iteration };
}
export function serializeReceivingSenderKey(k) {
    const w = new Writer()
        .u8(RECEIVING_FORMAT)
        .raw(k.owner)
        .raw(k.keyId)
        .u32(k.generation)
        .raw(k.signingKey)
        .raw(k.headerKey.expose())
        .raw(k.chainKey.expose())
        .u32(k.next)
        .u16(k.skipped.size);
    for (const [n, mk] of k.skipped)
        w.u32(n).raw(mk.expose());
    return w.finish();
}
/** Restores a record saved by `serializeReceivingSenderKey` (bytes from our own, authenticated store). */
export function deserializeReceivingSenderKey(bytes) {
    const r = new Reader(bytes, 'sender key');
    if (r.u8() !== RECEIVING_FORMAT)
        throw new InvalidFrameError('sender key: unknown format');
    const owner = identityPublicKey(r.raw(32));
    const keyId = Buffer.from(r.raw(SENDER_KEY_ID_BYTES));
    const generation = r.u32();
    const signingKey = identityPublicKey(r.raw(32));
    const headerKey = Secret.copyOf('HeaderKey', 32, r.raw(32));
    const chainKey = Secret.copyOf('ChainKey', 32, r.raw(32));
    const next = r.u32();
    const count = r.u16();
    if (count > MAX_STORED_SKIPPED_KEYS)
        throw new InvalidFrameError('sender key: too many skipped keys');
    const skipped = new Map();
    for (let i = 0; i < count; i++) {
        const n = r.u32();
        skipped.set(n, Secret.copyOf('MessageKey', 32, r.raw(32)));
    }
    r.end();
    return { owner, keyId, generation, signingKey, headerKey, chainKey, next, skipped };
}
//# sourceMappingURL=senderKey.js.map