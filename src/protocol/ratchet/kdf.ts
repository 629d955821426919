/**
 * The Double Ratchet's two KDFs (Double Ratchet spec §5.2, header-encryption variant §4.2):
 * KDF_RK_HE = HKDF-SHA256(salt = root key, ikm = DH output) → root key ‖ chain key ‖ next header key,
 * KDF_CK = BLAKE2b-256 keyed with the chain key over 0x01 for the message key and over 0x02 for
 * the next chain key — the spec's HMAC construction with BLAKE2b's native keyed mode as the PRF,
 * one libsodium call per key instead of four SHA-256 passes (the chain step runs per message).
 */
import { blake2b, hkdf, Secret, wipe, type ChainKey, type HeaderKey, type MessageKey, type RootKey, type SharedSecret } from '../../crypto/index.js';
import { LABELS } from '../labels.js';

const MESSAGE_KEY_INPUT = Buffer.of(0x01);
const CHAIN_KEY_INPUT = Buffer.of(0x02);

export interface RootStep {
  readonly rootKey: RootKey;
  readonly chainKey: ChainKey;
  readonly nextHeaderKey: HeaderKey;
}

export function kdfRoot(rootKey: RootKey, dhOutput: SharedSecret): RootStep {
  const out = hkdf(rootKey.expose(), dhOutput.expose(), LABELS.rootRatchet, 96);
  const step = {
    rootKey: Secret.copyOf('RootKey', 32, out.subarray(0, 32)),
    chainKey: Secret.copyOf('ChainKey', 32, out.subarray(32, 64)),
    nextHeaderKey: Secret.copyOf('HeaderKey', 32, out.subarray(64, 96)),
  };
  wipe(out);
  return step;
}

export function kdfChain(chainKey: ChainKey): { chainKey: ChainKey; messageKey: MessageKey } {
  const ck = chainKey.expose();
  return {
    messageKey: Secret.adopt('MessageKey', 32, blake2b(32, MESSAGE_KEY_INPUT, ck)),
    chainKey: Secret.adopt('ChainKey', 32, blake2b(32, CHAIN_KEY_INPUT, ck)),
  };
}
