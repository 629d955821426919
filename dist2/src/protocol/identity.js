/**
 * Identity (Saltline protocol §1): a long-term Ed25519 identity key, and an X25519 key signed by
 * it that takes part in the handshake's DH. A device key signed by an account key can later sit
 * on top of this without changing the handshake: the signed X25519 key is already separate.
 */
import { assertSignature, assertStrongDhPublicKey, assertValidSigningPublicKey, bytesEqual, dhPublicFromSecret, dhPublicKey, dhSecretKey, generateDhKeyPair, generateSigningKeyPair, identityPublicKey, sign, signature, signingKeyPairFromSeed, } from '../crypto/index.js';
import { Reader } from './codec/reader.js';
import { Writer } from './codec/writer.js';
import { IdentityChangedError, InvalidFrameError } from './errors.js';
import { LABELS } from './labels.js';
export const PUBLIC_IDENTITY_BYTES = 128;
const IDENTITY_FORMAT = 1;
export function createIdentity(rng) {
    const signing = generateSigningKeyPair(rng);
    const dh = generateDhKeyPair(rng);
    const dhSignature = sign(signing.secretKey, Buffer.concat([LABELS.identityDh, dh.publicKey]));
    return { signing, dh, publicIdentity: { identityKey: signing.publicKey, dhKey: dh.publicKey, dhSignature } };
}
export function encodePublicIdentity(p) {
    return Buffer.concat([p.identityKey, p.dhKey, p.dhSignature]);
}
/** Parses and fully checks a public identity: valid points, strong DH key, valid signature. */
export function decodePublicIdentity(bytes) {
    if (bytes.length !== PUBLIC_IDENTITY_BYTES)
        throw new InvalidFrameError('public identity: wrong length');
    const identityKey = identityPublicKey(bytes.subarray(0, 32));
    const dhKey = dhPublicKey(bytes.subarray(32, 64));
    const dhSignature = signature(bytes.subarray(64, 128));
    assertValidSigningPublicKey(identityKey);
    assertStrongDhPublicKey(dhKey);
    assertSignature(identityKey, Buffer.concat([LABELS.identityDh, dhKey]), dhSignature, 'identity DH key signature');
    return { identityKey, dhKey, dhSignature };
}
/** Throws `IdentityChangedError` unless `presented` is exactly the identity we pinned. */
export function assertSameIdentity(pinned, presented) {
    if (!bytesEqual(pinned, presented))
        throw new IdentityChangedError();
}
/** Private serialization for the local store (which encrypts it at rest). */
export function serializeIdentity(id) {
    return new Writer()
        .u8(IDENTITY_FORMAT)
        .raw(id.signing.secretKey.expose().subarray(0, 32))
        .raw(id.dh.secretKey.expose())
        .raw(id.publicIdentity.dhSignature)
        .finish();
}
export function deserializeIdentity(bytes) {
    const r = new Reader(bytes, 'identity');
    if (r.u8() !== IDENTITY_FORMAT)
        throw new InvalidFrameError('identity: unknown format');
    const signing = signingKeyPairFromSeed(r.raw(32));
    const dhSecret = dhSecretKey(r.raw(32));
    const dhSignature = signature(r.raw(64));
    r.end();
    const dh = { publicKey: dhPublicFromSecret(dhSecret), secretKey: dhSecret };
    const publicIdentity = { identityKey: signing.publicKey, dhKey: dh.publicKey, dhSignature };
    decodePublicIdentity(encodePublicIdentity(publicIdentity));
    return { signing, dh, publicIdentity };
}
//# sourceMappingURL=identity.js.map