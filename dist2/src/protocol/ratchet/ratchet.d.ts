import { type DhKeyPair, type DhPublicKey, type HeaderKey, type RootKey, type Rng } from '../../crypto/index.js';
import { type RatchetState } from './state.js';
/** The party that sends first (the handshake's initiator): spec RatchetInitAlice. */
export declare function initSender(sk: RootKey, peerRatchetKey: DhPublicKey, sharedHka: HeaderKey, sharedNhkb: HeaderKey, rng: Rng): RatchetState;
/** The party that receives first (the inviter): spec RatchetInitBob. */
export declare function initReceiver(sk: RootKey, ownRatchetKey: DhKeyPair, sharedHka: HeaderKey, sharedNhkb: HeaderKey): RatchetState;
/**
 * RatchetEncryptHE into an envelope being built: seals the header into `header`
 * (ENCRYPTED_HEADER_BYTES) and encrypts `body` in place — on entry it holds the padded plaintext
 * followed by AEAD_TAG_BYTES of room for the tag. Returns the next state; the input state's
 * spent chain key is wiped. On any error the input state is untouched.
 */
export declare function ratchetEncryptInto(state: RatchetState, header: Buffer, body: Buffer, ad: Uint8Array, rng: Rng): RatchetState;
export interface Decrypted {
    readonly state: RatchetState;
    readonly plaintext: Buffer;
}
/**
 * Decrypts one message. `accept` may inspect the plaintext and throw to refuse it (e.g. bad
 * padding); the state is then left untouched, exactly as for a failed authentication.
 */
export declare function ratchetDecrypt(state: RatchetState, encHeader: Uint8Array, ciphertext: Uint8Array, ad: Uint8Array, rng: Rng, accept?: (plaintext: Buffer) => void): Decrypted;
