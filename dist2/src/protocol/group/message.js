/**
 * Group messages (docs/groups.md §Group message; issue #6 item 1; SECURITY-TESTS #13, #15): a
 * message is encrypted once under the sender's chain, signed with its sender-key signing key,
 * padded to the same bucket sizes as 1:1 envelopes, and the same bytes go to every member.
 *
 *   u8 version = 1 ‖ u8 type = 3 ‖ sender key id (16) ‖ nonce (24)
 *   ‖ header: XChaCha20-Poly1305(header key, nonce, u32 iteration, AD_h) (20)
 *   ‖ body: XChaCha20-Poly1305(message key, nonce, padded plaintext, AD_b)
 *   ‖ Ed25519 signature (64) over label ‖ group id ‖ everything before it
 *
 *   AD_h = "…/group-message-header" ‖ group id ‖ key id
 *   AD_b = "…/group-message" ‖ group id ‖ key id ‖ u32 iteration
 *
 * Type 3 is unknown to the 1:1 parser, and this parser refuses types 1 and 2, so neither path
 * accepts the other's envelopes. The group id is not on the wire; the AD and the signature bind
 * it. Receiving is transactional like the 1:1 ratchet: `openGroupMessage` only reads the
 * record and returns what a commit would change; SenderKeyBook.commit applies it.
 */
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadDecrypt, aeadEncrypt, sign, verify, wipeAll, } from '../../crypto/index.js';
import { ENVELOPE_VERSION } from '../envelope.js';
import { CounterExhaustedError, InvalidFrameError, ReplayError, SignatureError, TooFarAheadError } from '../errors.js';
import { ENVELOPE_BUCKETS, MAX_ENVELOPE_BYTES, MAX_SKIP_PER_CHAIN } from '../limits.js';
import { pad, unpad, maxContentBytes } from '../padding.js';
import { kdfChain } from '../ratchet/kdf.js';
import { GROUP_LABELS } from './labels.js';
import { MAX_ITERATION, SENDER_KEY_ID_BYTES } from './senderKey.js';
export const GROUP_ENVELOPE_TYPE = 3;
const HEADER_BYTES = 4 + AEAD_TAG_BYTES;
const SIGNATURE_BYTES = 64;
const PREFIX_BYTES = 2 + SENDER_KEY_ID_BYTES + AEAD_NONCE_BYTES + HEADER_BYTES;
/** Bytes a group envelope adds around the padded plaintext. */
export const GROUP_ENVELOPE_OVERHEAD = PREFIX_BYTES + AEAD_TAG_BYTES + SIGNATURE_BYTES;
/** The largest plaintext a group message carries. */
export const MAX_GROUP_PLAINTEXT_BYTES = maxContentBytes(GROUP_ENVELOPE_OVERHEAD);
function groupIdField(groupId) {
    return Buffer.concat([Buffer.of(groupId.length), groupId]);
}
function headerAd(groupId, keyId) {
    return Buffer.concat([GROUP_LABELS.messageHeader, groupIdField(groupId), keyId]);
}
function bodyAd(groupId, keyId, iteration) {
    const n = Buffer.alloc(4);
    n.writeUInt32BE(iteration);
    return Buffer.concat([GROUP_LABELS.messageBody, groupIdField(groupId), keyId, n]);
}
function signedMessage(groupId, signed) {
    return Buffer.concat([GROUP_LABELS.messageSignature, groupIdField(groupId), signed]);
}
export function parseGroupEnvelope(bytes) {
    if (bytes.length > MAX_ENVELOPE_BYTES)
        throw new InvalidFrameError('envelope larger than the maximum');
    if (!ENVELOPE_BUCKETS.includes(bytes.length))
        throw new InvalidFrameError('envelope size is not a bucket size');
    const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (b[0] !== ENVELOPE_VERSION)
        throw new InvalidFrameError('envelope: unsupported version');
    if (b[1] !== GROUP_ENVELOPE_TYPE)
        throw new InvalidFrameError('not a group message (a 1:1 envelope on the group path?)');
    let at = 2;
    const take = (n) => b.subarray(at, (at += n));
    const keyId = take(SENDER_KEY_ID_BYTES);
    const nonce = take(AEAD_NONCE_BYTES);
    const header = take(HEADER_BYTES);
    const body = b.subarray(at, b.length - SIGNATURE_BYTES);
    return { keyId, nonce, header, body, signed: b.subarray(0, b.length - SIGNATURE_BYTES), signature: b.subarray(b.length - SIGNATURE_BYTES) };
}
/** Encrypts and signs one message; the input key's spent chain key is wiped. */
export function sealGroupMessage(groupId, own, plaintext, rng) {
    if (own.iteration > MAX_ITERATION)
        throw new CounterExhaustedError();
    const padded = pad(plaintext, GROUP_ENVELOPE_OVERHEAD);
    const { chainKey, messageKey } = kdfChain(own.chainKey);
    const nonce = rng(AEAD_NONCE_BYTES);
    const position = Buffer.alloc(4);
    position.writeUInt32BE(own.iteration);
    const header = aeadEncrypt(own.headerKey, nonce, position, headerAd(groupId, own.keyId));
    const body = aeadEncrypt(messageKey, nonce, padded, bodyAd(groupId, own.keyId, own.iteration));
    messageKey.wipe();
    const signed = Buffer.concat([Buffer.of(ENVELOPE_VERSION, GROUP_ENVELOPE_TYPE), own.keyId, nonce, header, body]);
    const sig = sign(own.signing.secretKey, signedMessage(groupId, signed));
    own.chainKey.wipe();
    return { own: { ...own, chainKey, iteration: own.iteration + 1 }, envelope: Buffer.concat([signed, sig]) };
}
/**
 * Verifies and decrypts `env` with `record`, reading but never changing it. Refused before any
 * key is derived: a bad signature, a header that does not open, a position already used
 * (`ReplayError`) or more than MAX_SKIP_PER_CHAIN ahead (`TooFarAheadError`).
 */
export function openGroupMessage(groupId, record, env) {
    if (!verify(record.signingKey, signedMessage(groupId, env.signed), env.signature))
        throw new SignatureError('group message signature does not verify');
    const position = aeadDecrypt(record.headerKey, env.nonce, env.header, headerAd(groupId, env.keyId));
    const iteration = position.readUInt32BE();
    if (iteration > MAX_ITERATION)
        throw new InvalidFrameError('group message: iteration out of range');
    const ad = bodyAd(groupId, env.keyId, iteration);
    if (iteration < record.next) {
        const messageKey = record.skipped.get(iteration);
        if (!messageKey)
            throw new ReplayError();
        return { plaintext: unpad(aeadDecrypt(messageKey, env.nonce, env.body, ad)), iteration, messageKey, advance: null };
    }
    if (iteration - record.next > MAX_SKIP_PER_CHAIN)
        throw new TooFarAheadError();
    // Chain keys between the record's and the newest are spent as soon as the next one exists.
    const spentChains = [];
    const skipped = new Map();
    let last;
    try {
        let chainKey = record.chainKey;
        for (let n = record.next; n < iteration; n++) {
            const step = kdfChain(chainKey);
            spentChains.push(step.chainKey);
            skipped.set(n, step.messageKey);
            chainKey = step.chainKey;
        }
        last = kdfChain(chainKey);
        const plaintext = unpad(aeadDecrypt(last.messageKey, env.nonce, env.body, ad));
        wipeAll(...spentChains);
        return { plaintext, iteration, messageKey: last.messageKey, advance: { chainKey: last.chainKey, skipped } };
    }
    catch (e) {
        wipeAll(...spentChains, ...skipped.values(), last?.chainKey, last?.messageKey);
        throw e;
    }
}
//# sourceMappingURL=message.js.map