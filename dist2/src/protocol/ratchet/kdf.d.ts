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
import { type ChainKey, type HeaderKey, type MessageKey, type RootKey, type SharedSecret } from '../../crypto/index.js';
export interface RootStep {
    readonly rootKey: RootKey;
    readonly chainKey: ChainKey;
    readonly nextHeaderKey: HeaderKey;
}
export declare function kdfRoot(rootKey: RootKey, dhOutput: SharedSecret): RootStep;
export declare function kdfChain(chainKey: ChainKey): {
    chainKey: ChainKey;
    messageKey: MessageKey;
};
