/**
 * The opaque delivery address carried in invitations and handshakes (issue #4 §Transport):
 * which relay, which queue to send into, and the queue's sender key — all a contact needs to
 * write into our queue, and nothing that identifies us.
 *
 *   u8 version (1) | u8 n | n bytes relay address (ASCII, canonical) | 24-byte send id | 32-byte sender key seed
 *
 * Parsing is strict (canonical relay address, exact length, ≤ MAX_ADDRESS_BYTES) and throws only
 * `AddressError`.
 */
import { Secret } from '../crypto/secret.js';
import { type SigningKeyPair } from '../crypto/sign.js';
import { type RelayAddress } from '../protocol/relayWire/relayAddress.js';
export declare const QUEUE_ADDRESS_VERSION = 1;
export declare const SENDER_SEED_BYTES = 32;
export type QueueSenderSeed = Secret<'QueueSenderSeed'>;
export declare function queueSenderSeed(bytes: Uint8Array): QueueSenderSeed;
export interface QueueAddress {
    readonly relay: RelayAddress;
    readonly sendId: Buffer;
    readonly senderSeed: QueueSenderSeed;
}
/** The Ed25519 pair the sender signs SEND commands with (wipe its secret after use). */
export declare function senderKeyPair(seed: QueueSenderSeed): SigningKeyPair;
export declare function encodeQueueAddress(address: QueueAddress): Buffer;
export declare function parseQueueAddress(bytes: Uint8Array): QueueAddress;
