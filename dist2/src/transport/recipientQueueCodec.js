/**
 * Serialization of a `RecipientQueue` for the client's encrypted store (issue #4 §Queues, issue 5):
 * everything needed to subscribe to, acknowledge on and delete one of our queues after a restart.
 *
 *   u8 version (1) | u8 n | n bytes relay address | 24 recv id | 24 send id | 32 recipient key seed | 32 sender seed
 *
 * The bytes hold secrets: callers wipe them after use. Parsing is strict and throws `AddressError`.
 */
import { signingKeyPairFromSeed } from '../crypto/sign.js';
import { QUEUE_ID_BYTES } from '../protocol/relayWire/frames.js';
import { parseRelayAddress, RelayAddressError } from '../protocol/relayWire/relayAddress.js';
import { queueSenderSeed, SENDER_SEED_BYTES } from './address.js';
import { AddressError } from './errors.js';
const FORMAT = 1;
const SEED_BYTES = 32;
export function serializeRecipientQueue(queue) {
    const relay = Buffer.from(queue.relay.text, 'latin1');
    // An Ed25519 secret key is seed ‖ public key: the seed alone rebuilds the pair.
    const recipientSeed = queue.recipientKey.secretKey.expose().subarray(0, SEED_BYTES);
    return Buffer.concat([Buffer.from([FORMAT, relay.length]), relay, queue.recvId, queue.sendId, recipientSeed, queue.senderSeed.expose()]);
}
export function deserializeRecipientQueue(bytes) {
    if (bytes.length < 2 || bytes[0] !== FORMAT)
        throw new AddressError('unsupported queue record');
    const n = bytes[1];
    if (bytes.length !== 2 + n + 2 * QUEUE_ID_BYTES + SEED_BYTES + SENDER_SEED_BYTES)
        throw new AddressError('queue record has the wrong length');
    let relay;
    try {
        relay = parseRelayAddress(Buffer.from(bytes.subarray(2, 2 + n)).toString('latin1'));
    }
    catch (e) {
        throw new AddressError(e instanceof RelayAddressError ? e.message : 'bad relay address');
    }
    let at = 2 + n;
    const take = (len) => bytes.subarray(at, (at += len));
    const recvId = Buffer.from(take(QUEUE_ID_BYTES));
    const sendId = Buffer.from(take(QUEUE_ID_BYTES));
    const recipientKey = signingKeyPairFromSeed(take(SEED_BYTES));
    const senderSeed = queueSenderSeed(take(SENDER_SEED_BYTES));
    return { relay, recvId, sendId, recipientKey, senderSeed };
}
//# sourceMappingURL=recipientQueueCodec.js.map