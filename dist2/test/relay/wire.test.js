/** The relay wire codec and the relay core under fuzzed input (issue #4; SECURITY-TESTS #18). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { systemRng } from '../../src/crypto/random.js';
import { generateSigningKeyPair, sign } from '../../src/crypto/sign.js';
import { MAX_ENVELOPE_BYTES } from '../../src/protocol/limits.js';
import { decodeCommand, decodeReply, encodeReply, encodeUnsignedCommand, MAX_FRAME_BYTES, signedBytes, withSignature, } from '../../src/protocol/relayWire/frames.js';
import { formatRelayAddress, parseRelayAddress, RelayAddressError } from '../../src/protocol/relayWire/relayAddress.js';
import { RelayWireError } from '../../src/protocol/relayWire/wireError.js';
import { MemoryQueueStore } from '../../src/relay/memoryStore.js';
import { RelayCore } from '../../src/relay/relayCore.js';
test('commands round-trip, signed and unsigned', () => {
    const key = generateSigningKeyPair(systemRng);
    const challenge = systemRng(32);
    const bodies = [
        { kind: 'NEW', recipientKey: systemRng(32), senderKey: systemRng(32) },
        { kind: 'SEND', sendId: systemRng(24), envelope: systemRng(MAX_ENVELOPE_BYTES) },
        { kind: 'SUB', recvId: systemRng(24) },
        { kind: 'ACK', recvId: systemRng(24), msgId: 2n ** 63n + 5n },
        { kind: 'DEL', recvId: systemRng(24) },
        { kind: 'PING' },
    ];
    for (const [i, body] of bodies.entries()) {
        const unsigned = encodeUnsignedCommand(i + 1, body);
        assert.deepEqual(decodeCommand(unsigned).body, body);
        const signed = withSignature(unsigned, sign(key.secretKey, signedBytes(challenge, unsigned)));
        const cmd = decodeCommand(signed);
        assert.deepEqual(cmd.body, body);
        assert.equal(cmd.corrId, i + 1);
        assert.deepEqual(cmd.unsignedBytes, unsigned);
    }
});
test('replies round-trip', () => {
    const replies = [
        { kind: 'HELLO', corrId: 0, challenge: systemRng(32), maxFrame: MAX_FRAME_BYTES },
        { kind: 'IDS', corrId: 7, recvId: systemRng(24), sendId: systemRng(24) },
        { kind: 'OK', corrId: 8 },
        { kind: 'MSG', corrId: 0, recvId: systemRng(24), msgId: 99n, timestamp: Date.now(), envelope: systemRng(2048) },
        { kind: 'ERR', corrId: 9, code: 'QUEUE_FULL' },
        { kind: 'PONG', corrId: 10 },
        { kind: 'END', corrId: 0, recvId: systemRng(24) },
    ];
    for (const r of replies)
        assert.deepEqual(decodeReply(encodeReply(r)), r);
});
test('#19 envelope size edges: empty and maximum + 1 are refused, maximum accepted', () => {
    const sendId = systemRng(24);
    assert.equal(decodeCommand(encodeUnsignedCommand(1, { kind: 'SEND', sendId, envelope: Buffer.alloc(MAX_ENVELOPE_BYTES) })).body.kind, 'SEND');
    assert.throws(() => decodeCommand(encodeUnsignedCommand(1, { kind: 'SEND', sendId, envelope: Buffer.alloc(0) })), (e) => e instanceof RelayWireError && e.relayCode === 'MALFORMED');
    assert.throws(() => decodeCommand(encodeUnsignedCommand(1, { kind: 'SEND', sendId, envelope: Buffer.alloc(MAX_ENVELOPE_BYTES + 1) })), (e) => e instanceof RelayWireError && e.relayCode === 'TOO_LARGE');
    assert.throws(() => decodeCommand(Buffer.alloc(MAX_FRAME_BYTES + 1, 1)), (e) => e instanceof RelayWireError && e.relayCode === 'TOO_LARGE');
});
test('#18 fuzzed frames: the decoders throw only RelayWireError', () => {
    const valid = encodeUnsignedCommand(3, { kind: 'ACK', recvId: systemRng(24), msgId: 1n });
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.tuple(fc.nat({ max: valid.length - 1 }), fc.nat({ max: 7 })).map(([i, bit]) => {
        const b = Buffer.from(valid);
        b[i] ^= 1 << bit;
        return b;
    }), fc.nat({ max: valid.length }).map((n) => valid.subarray(0, n))), (bytes) => {
        for (const decode of [decodeCommand, decodeReply]) {
            try {
                decode(Buffer.from(bytes));
            }
            catch (e) {
                assert.ok(e instanceof RelayWireError, String(e));
            }
        }
    }), { numRuns: 3000 });
});
test('#18 fuzzed frames fed to the relay core get typed error replies, never a crash', async () => {
    const store = new MemoryQueueStore();
    const core = new RelayCore(store, { errorBurst: 1e9, commandBurst: 1e9 });
    const out = [];
    let closed = false;
    const session = core.connect({ send: (f) => out.push(f), close: () => (closed = true) });
    out.length = 0;
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const frame = Buffer.from(bytes);
        session.receive(frame);
        await new Promise((r) => setImmediate(r));
    }), { numRuns: 2000 });
    assert.equal(closed, false);
    for (const f of out) {
        const r = decodeReply(f);
        assert.ok(['ERR', 'PONG', 'OK'].includes(r.kind), r.kind);
    }
    assert.ok(out.some((f) => decodeReply(f).kind === 'ERR'));
    // The session still answers after all that junk, and the relay still serves new connections.
    const before = out.length;
    session.receive(encodeUnsignedCommand(0xffffffff, { kind: 'PING' }));
    await new Promise((r) => setImmediate(r));
    assert.equal(out.length, before + 1);
    const fresh = [];
    const s2 = core.connect({ send: (f) => fresh.push(f), close: () => undefined });
    s2.receive(encodeUnsignedCommand(1, { kind: 'PING' }));
    await new Promise((r) => setImmediate(r));
    assert.equal(decodeReply(fresh.at(-1)).kind, 'PONG');
    core.close();
});
test('relay addresses: canonical forms parse; insecure or malformed ones are refused with a typed error', () => {
    const fp = systemRng(32);
    const tls = parseRelayAddress(formatRelayAddress('127.0.0.1', 4443, fp));
    assert.equal(tls.tls, true);
    assert.deepEqual(tls.fingerprint, fp);
    assert.equal(tls.url, 'wss://127.0.0.1:4443/');
    assert.equal(parseRelayAddress('ws://127.0.0.1:8080').text, 'ws://127.0.0.1:8080');
    assert.equal(parseRelayAddress(`wss://relay.example/#${fp.toString('base64url')}`).port, 443);
    for (const bad of [
        'wss://relay.example:443/',
        `wss://relay.example:443/#${fp.toString('base64url')}x`,
        'ws://relay.example:80',
        'http://127.0.0.1:80',
        `wss://u:p@relay.example:443/#${fp.toString('base64url')}`,
        `wss://relay.example:443/path#${fp.toString('base64url')}`,
        'not a url',
        `ws://127.0.0.1:80/#${fp.toString('base64url')}`,
    ]) {
        assert.throws(() => parseRelayAddress(bad), RelayAddressError, bad);
    }
});
//# sourceMappingURL=wire.test.js.map