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
import { signingKeyPairFromSeed } from '../crypto/sign.js';
import { MAX_ADDRESS_BYTES } from '../protocol/limits.js';
import { QUEUE_ID_BYTES } from '../protocol/relayWire/frames.js';
import { MAX_RELAY_ADDRESS_CHARS, parseRelayAddress, RelayAddressError } from '../protocol/relayWire/relayAddress.js';
import { AddressError } from './errors.js';
export const QUEUE_ADDRESS_VERSION = 1;
export const SENDER_SEED_BYTES = 32;
export function queueSenderSeed(bytes) {
    return Secret.copyOf('QueueSenderSeed', SENDER_SEED_BYTES, bytes);
}
/** The Ed25519 pair the sender signs SEND commands with (wipe its secret after use). */
export function senderKeyPair(seed) {
    return signingKeyPairFromSeed(seed.expose());
}
export function encodeQueueAddress(address) {
    const relay = Buffer.from(address.relay.text, 'latin1');
    if (relay.length > MAX_RELAY_ADDRESS_CHARS)
        throw new AddressError('relay address too long');
    if (address.sendId.length !== QUEUE_ID_BYTES)
        throw new AddressError('send id must be 24 bytes');
    const out = Buffer.concat([Buffer.from([QUEUE_ADDRESS_VERSION, relay.length]), relay, address.sendId, address.senderSeed.expose()]);
    if (out.length > MAX_ADDRESS_BYTES)
        throw new AddressError('address too long');
    return out;
}
export function parseQueueAddress(bytes) {
    if (bytes.length > MAX_ADDRESS_BYTES)
        throw new AddressError('address too long');
    if (bytes.length < 2)
        throw new AddressError('address truncated');
    if (bytes[0] !== QUEUE_ADDRESS_VERSION)
        throw new AddressError('unsupported address version');
    const n = bytes[1];
    if (bytes.length !== 2 + n + QUEUE_ID_BYTES + SENDER_SEED_BYTES)
        throw new AddressError('address has the wrong length');
    const text = Buffer.from(bytes.subarray(2, 2 + n)).toString('latin1');
    let relay;
    try {
        relay = parseRelayAddress(text);
    }
    catch (e) {
        throw new AddressError(e instanceof RelayAddressError ? e.message : 'bad relay address');
    }
    if (relay.text !== text)
        throw new AddressError('relay address is not canonical');
    const sendId = Buffer.from(bytes.subarray(2 + n, 2 + n + QUEUE_ID_BYTES));
    const senderSeed = queueSenderSeed(bytes.subarray(2 + n + QUEUE_ID_BYTES));
    return { relay, sendId, senderSeed };
}
//# sourceMappingURL=address.js.map