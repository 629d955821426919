/**
 * The Double Ratchet's two KDFs (Double Ratchet spec §5.2, header-encryption variant §4.2;
 * Saltline protocol §3), both keyed BLAKE2b. The spec defines them abstractly (a PRF keyed by
 * the root key, resp. the chain key) and recommends HKDF/HMAC (§5.2); issue #2 allows a documented
 * BLAKE2b-based KDF. One libsodium call per output block, where HKDF-SHA256 for the root step is
 * four HMACs:
 *   KDF_RK_HE:  RK' ‖ CK = BLAKE2b-512(key = RK, label ‖ 0x01 ‖ DH output)
 *               NHK      = BLAKE2b-256(key = RK, label ‖ 0x02 ‖ DH output)
 *   KDF_CK:     MK ‖ CK' = BLAKE2b-512(key = CK, 0x01)
 * As in HKDF's extract step (salt = RK, ikm = DH output), the root key is the PRF key and the
 * DH output the message. The label and block byte keep these outputs apart from every other
 * BLAKE2b use, and BLAKE2b's parameter block (output length) keeps the two root outputs apart.
 */
import { blake2bInto, Secret, wipe } from '../../crypto/index.js';
import { Slab } from '../codec/slab.js';
import { LABELS } from '../labels.js';
const CHAIN_INPUT = Buffer.of(0x01);
const LABEL_BYTES = LABELS.rootRatchet.length;
// label ‖ block byte ‖ DH output, reused across calls (JS is single-threaded here); the DH
// output is wiped from it after every call.
const rootInput = Buffer.alloc(LABEL_BYTES + 1 + 32);
LABELS.rootRatchet.copy(rootInput);
const rootDhPart = rootInput.subarray(LABEL_BYTES + 1);
// New keys are carved from a slab of their own: a small Buffer on V8's heap must be moved off it
// (a native allocation) the first time libsodium touches it, and every key here goes to libsodium.
const keySlab = new Slab();
export function kdfRoot(rootKey, dhOutput) {
    const rk = rootKey.expose();
    const dhBytes = dhOutput.expose();
    if (dhBytes.length !== 32)
        throw new RangeError('DH output must be 32 bytes');
    const rootAndChain = keySlab.take(64);
    const nextHeaderKey = keySlab.take(32);
    rootDhPart.set(dhBytes);
    try {
        rootInput[LABEL_BYTES] = 0x01;
        blake2bInto(rootAndChain, rootInput, rk);
        rootInput[LABEL_BYTES] = 0x02;
        blake2bInto(nextHeaderKey, rootInput, rk);
    }
    finally {
        wipe(rootDhPart);
    }
    // Each Secret owns (and wipes) its own 32-byte view.
    return {
        rootKey: Secret.adopt('RootKey', 32, rootAndChain.subarray(0, 32)),
        chainKey: Secret.adopt('ChainKey', 32, rootAndChain.subarray(32, 64)),
        nextHeaderKey: Secret.adopt('HeaderKey', 32, nextHeaderKey),
    };
}
export function kdfChain(chainKey) {
    const out = keySlab.take(64);
    blake2bInto(out, CHAIN_INPUT, chainKey.expose());
    return { messageKey: Secret.adopt('MessageKey', 32, out.subarray(0, 32)), chainKey: Secret.adopt('ChainKey', 32, out.subarray(32, 64)) };
}
//# sourceMappingURL=kdf.js.map