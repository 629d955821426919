/**
 * What a recipient keeps about one of its receiving queues (issue #4 §Queues): the relay, both
 * queue ids, the recipient key pair (read/ack/delete) and the seed of the sender key it hands its
 * contact inside the delivery address. Keys are made for this queue alone.
 */
import type { SigningKeyPair } from '../crypto/sign.js';
import type { RelayAddress } from '../protocol/relayWire/relayAddress.js';
import type { QueueAddress, QueueSenderSeed } from './address.js';
export interface RecipientQueue {
    readonly relay: RelayAddress;
    readonly recvId: Buffer;
    readonly sendId: Buffer;
    readonly recipientKey: SigningKeyPair;
    readonly senderSeed: QueueSenderSeed;
}
/** The address to put into an invitation or handshake for the contact to send to. */
export declare function deliveryAddressOf(queue: RecipientQueue): QueueAddress;
export declare function wipeRecipientQueue(queue: RecipientQueue): void;
