/** The delivery address codec (issue #4 §Transport; SECURITY-TESTS #18 for its parser). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { systemRng } from '../../src/crypto/random.js';
import { MAX_ADDRESS_BYTES } from '../../src/protocol/limits.js';
import { formatRelayAddress, parseRelayAddress } from '../../src/protocol/relayWire/relayAddress.js';
import { encodeQueueAddress, parseQueueAddress, queueSenderSeed, senderKeyPair } from '../../src/transport/address.js';
import { AddressError } from '../../src/transport/errors.js';
function sample() {
    const relay = parseRelayAddress(formatRelayAddress('relay.example.org', 5223, systemRng(32)));
    return encodeQueueAddress({ relay, sendId: systemRng(24), senderSeed: queueSenderSeed(systemRng(32)) });
}
test('a delivery address round-trips and yields the same sender key', () => {
    const seed = queueSenderSeed(systemRng(32));
    const relay = parseRelayAddress(formatRelayAddress('127.0.0.1', 4443, systemRng(32)));
    const sendId = systemRng(24);
    const bytes = encodeQueueAddress({ relay, sendId, senderSeed: seed });
    assert.ok(bytes.length <= MAX_ADDRESS_BYTES);
    const parsed = parseQueueAddress(bytes);
    assert.equal(parsed.relay.text, relay.text);
    assert.deepEqual(parsed.sendId, sendId);
    assert.deepEqual(senderKeyPair(parsed.senderSeed).publicKey, senderKeyPair(seed).publicKey);
    assert.ok(!String(parsed.senderSeed).includes(seed.expose().toString('hex')));
    assert.equal(JSON.stringify(parsed.senderSeed), '"[QueueSenderSeed: redacted]"');
});
test('strict parsing: every truncation, extension, version or relay change is a typed error', () => {
    const good = sample();
    for (let n = 0; n < good.length; n++)
        assert.throws(() => parseQueueAddress(good.subarray(0, n)), AddressError);
    assert.throws(() => parseQueueAddress(Buffer.concat([good, Buffer.from([0])])), AddressError);
    const v2 = Buffer.from(good);
    v2[0] = 2;
    assert.throws(() => parseQueueAddress(v2), AddressError);
    const plainRemote = Buffer.from('ws://relay.example.org:80', 'latin1');
    const bad = Buffer.concat([Buffer.from([1, plainRemote.length]), plainRemote, systemRng(56)]);
    assert.throws(() => parseQueueAddress(bad), AddressError, 'plain ws to a remote host');
    assert.throws(() => parseQueueAddress(Buffer.alloc(MAX_ADDRESS_BYTES + 1, 1)), AddressError);
});
test('#18 fuzzed address bytes: only AddressError, never anything else', () => {
    const good = sample();
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.tuple(fc.nat({ max: good.length - 1 }), fc.nat({ max: 255 })).map(([i, v]) => {
        const b = Buffer.from(good);
        b[i] = v;
        return b;
    })), (bytes) => {
        try {
            parseQueueAddress(bytes);
        }
        catch (e) {
            assert.ok(e instanceof AddressError, String(e));
        }
    }), { numRuns: 3000 });
});
//# sourceMappingURL=address.test.js.map