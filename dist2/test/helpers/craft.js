/**
 * Hand-made envelopes for adversarial tests: what a malicious peer (or a relay holding a stolen
 * header key) could send. Test code reaches into session state for the keys it needs.
 */
import { aeadEncrypt, dhPublicKey, sign } from '../../src/crypto/index.js';
import { encodeEnvelope, encodeInvitation, ENVELOPE_TYPE, envelopeOverhead, pad, } from '../../src/protocol/index.js';
import { LABELS } from '../../src/protocol/labels.js';
import { encryptHeader } from '../../src/protocol/ratchet/header.js';
/** An envelope with `header` sealed under `headerKey` and a body of random bytes (never valid). */
export function envelopeWithHeader(headerKey, header, rng) {
    const nonce = rng(24);
    const encHeader = encryptHeader(headerKey, header, nonce);
    const body = rng(512 - envelopeOverhead(null) + 16);
    return encodeEnvelope({ type: ENVELOPE_TYPE.message, prekey: null, header: encHeader, body });
}
/**
 * A fully valid message from `sender`'s current sending chain with any header values: header
 * under the sender's header key, body under `messageKey`, exactly as ratchetEncrypt builds them.
 */
export function forgedMessage(sender, header, messageKey, content, rng, opts = {}) {
    const r = sender.ratchet;
    if (!r.hks)
        throw new Error('sender has no sending chain');
    const nonce = rng(24);
    const encHeader = encryptHeader(r.hks, { dh: header.dh ?? r.dhs.publicKey, pn: header.pn ?? r.pn, n: header.n }, nonce);
    // `unpadded`: the caller supplies the exact plaintext, e.g. one with broken padding.
    const plaintext = opts.unpadded ? content : pad(content, envelopeOverhead(null));
    const body = aeadEncrypt(messageKey, nonce, plaintext, Buffer.concat([sender.ad, encHeader]));
    return encodeEnvelope({ type: ENVELOPE_TYPE.message, prekey: null, header: encHeader, body });
}
/** The named byte ranges of an envelope (see src/protocol/envelope.ts for the layout). */
export function envelopeRegions(envelope) {
    const regions = [
        { name: 'version', start: 0, end: 1 },
        { name: 'type', start: 1, end: 2 },
    ];
    let o = 2;
    const add = (name, length) => {
        regions.push({ name, start: o, end: o + length });
        o += length;
    };
    if (envelope[1] === ENVELOPE_TYPE.prekey) {
        add('prekey: invitation id', 16);
        add('prekey: ephemeral key', 32);
        add('prekey: KEM ciphertext', 1120);
        const sealedLength = ((envelope[o] ?? 0) << 8) | (envelope[o + 1] ?? 0);
        add('prekey: sealed identity length', 2);
        add('prekey: sealed identity nonce', 24);
        add('prekey: sealed identity ciphertext', sealedLength - 40);
        add('prekey: sealed identity tag', 16);
    }
    add('header nonce', 24);
    add('header ciphertext', 40);
    add('header tag', 16);
    add('body ciphertext', envelope.length - o - 16);
    add('body tag', 16);
    return regions;
}
/** A copy of `envelope` with one bit flipped. */
export function flipBit(envelope, byte, bit = 0) {
    const out = Buffer.from(envelope);
    out[byte] ^= 1 << bit;
    return out;
}
/** A few positions in a region: first, middle and last byte, different bits. */
export function probePositions(r) {
    const mid = r.start + ((r.end - r.start) >> 1);
    return [
        [r.start, 0],
        [mid, 3],
        [r.end - 1, 7],
    ];
}
/** `invitation` encoded and signed by `inviter`, whatever its fields hold (a malicious inviter). */
export function signedInvitation(inviter, invitation) {
    const encoded = encodeInvitation(invitation);
    const signedPart = encoded.subarray(0, encoded.length - 64);
    return Buffer.concat([signedPart, sign(inviter.signing.secretKey, Buffer.concat([LABELS.invitation, signedPart]))]);
}
/** A public identity carrying `dhKey`, with a valid signature from `owner`'s identity key. */
export function identityWithDhKey(owner, dhKey) {
    const key = dhPublicKey(dhKey);
    const dhSignature = sign(owner.signing.secretKey, Buffer.concat([LABELS.identityDh, key]));
    return { ...owner, publicIdentity: { ...owner.publicIdentity, dhKey: key, dhSignature } };
}
//# sourceMappingURL=craft.js.map