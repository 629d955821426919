import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cryptoReady, SaltlineError } from '../../../src/crypto/index.js';
import { MAX_ENVELOPE_BYTES } from '../../../src/protocol/index.js';
import { decodeChange, decryptGroupMessage, deserializeGroup, deserializeGroupParts, fragmentPayload, MAX_ASSEMBLED_PAYLOAD_BYTES, MAX_PAYLOAD_UNIT_BYTES, openIntroduction, parseFragment, peekGroupPayload, reassemble, receiveGroupPayload, serializeGroup, serializeGroupParts, serializeGroupSenderKey, } from '../../../src/protocol/group/index.js';
import { encodeUpdate, encodeWelcome } from '../../../src/protocol/group/payload.js';
import { assertRejected, everyoneReads, GroupNet, seededRng } from './helpers.js';
await cryptoReady();
function threeMembers(label) {
    const net = GroupNet.withPeers(label, ['alice', 'bob', 'carol']);
    net.create('alice', ['bob', 'carol']);
    net.flush();
    net.change('alice', [{ kind: 'rename', name: 'renamed' }]);
    net.flush();
    assert.deepEqual(net.realFailures(), []);
    return net;
}
test('a group record survives serialization whole and in parts, and keeps working', () => {
    const net = threeMembers('serialize');
    const envelope = net.send('carol', 'before save');
    const bob = net.peer('bob');
    const whole = serializeGroup(bob.group);
    const restored = deserializeGroup(whole);
    assert.deepEqual(serializeGroup(restored), whole);
    bob.group = restored;
    assert.equal(net.read('bob', envelope).text, 'before save');
    // The parts a store keeps: after one message only that sender's key (and nothing else) changed.
    const before = serializeGroupParts(bob.group);
    const next = net.send('alice', 'one more');
    const keyId = net.group('alice').own.keyId.toString('hex');
    net.read('bob', next);
    const after = serializeGroupParts(bob.group);
    assert.deepEqual(after.meta, before.meta);
    assert.deepEqual(after.ownSenderKey, before.ownSenderKey);
    for (const [id, bytes] of after.senderKeys) {
        if (id === keyId)
            assert.notDeepEqual(bytes, before.senderKeys.get(id));
        else
            assert.deepEqual(bytes, before.senderKeys.get(id));
    }
    assert.deepEqual(serializeGroupSenderKey(bob.group, keyId), after.senderKeys.get(keyId));
    bob.group = deserializeGroupParts({ ...after, senderKeys: after.senderKeys.values() });
    everyoneReads(net, 'bob', 'after restore');
    everyoneReads(net, 'carol', 'and back');
});
test('#18 fuzzed and mutated group frames get a typed error and change nothing', () => {
    const net = threeMembers('fuzz');
    const bob = net.peer('bob');
    const alice = net.peer('alice');
    const envelope = net.send('alice', 'sample');
    const a = net.group('alice');
    const change = a.history.at(-1).change;
    const update = encodeUpdate(a.state.groupId, [change], a.own, a.state.version, true);
    const welcome = encodeWelcome(a.state, a.history, a.own);
    const samples = [envelope, change.encoded, update, welcome, serializeGroup(bob.group)];
    const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom(...samples).chain((s) => fc.tuple(fc.nat(s.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(s.length)).map(([at, xor, cut]) => {
        const b = Buffer.from(s);
        b[at] ^= xor;
        return at % 3 === 0 ? b.subarray(0, cut) : b;
    })));
    const typedOrNothing = (run) => {
        try {
            run();
        }
        catch (e) {
            assert.ok(e instanceof SaltlineError, `untyped: ${String(e)}`);
        }
    };
    const baseline = serializeGroup(bob.group);
    fc.assert(fc.property(anyBytes, (bytes) => {
        typedOrNothing(() => decryptGroupMessage(bob.group, bytes));
        typedOrNothing(() => receiveGroupPayload(bob.group, alice.key, bytes, { rng: net.rng, self: bob.key }));
        typedOrNothing(() => receiveGroupPayload(null, alice.key, bytes, { rng: net.rng, self: bob.key }));
        typedOrNothing(() => decodeChange(bytes));
        typedOrNothing(() => peekGroupPayload(bytes));
        typedOrNothing(() => reassemble([bytes]));
        typedOrNothing(() => openIntroduction(bob.identity, bytes));
        typedOrNothing(() => deserializeGroup(bytes));
        assert.deepEqual(serializeGroup(bob.group), baseline);
    }), { numRuns: 400 });
    assertRejected(bob, 'INVALID_FRAME', (g) => decryptGroupMessage(g, Buffer.alloc(MAX_ENVELOPE_BYTES + 1)));
    assertRejected(bob, 'INVALID_FRAME', (g) => receiveGroupPayload(g, alice.key, Buffer.alloc(MAX_ASSEMBLED_PAYLOAD_BYTES + 1), { rng: net.rng, self: bob.key }));
    assert.equal(net.read('bob', envelope).text, 'sample');
});
test('fragments: a large payload splits into units that fit a 1:1 message and reassembles in any order', () => {
    const rng = seededRng('fragments');
    const payload = rng(3 * MAX_PAYLOAD_UNIT_BYTES + 1234);
    const units = fragmentPayload(payload, rng);
    assert.equal(units.length, 4);
    for (const u of units) {
        assert.ok(u.length <= MAX_PAYLOAD_UNIT_BYTES);
        assert.equal(peekGroupPayload(u).kind, 'fragment');
    }
    fc.assert(fc.property(fc.shuffledSubarray(units, { minLength: units.length, maxLength: units.length }), fc.array(fc.nat(units.length - 1), { maxLength: 3 }), (order, dupes) => {
        const withDupes = [...order, ...dupes.map((i) => units[i])];
        assert.deepEqual(reassemble(withDupes), payload);
        assert.equal(reassemble(order.slice(1)), null);
    }), { numRuns: 30 });
    const other = fragmentPayload(rng(2 * MAX_PAYLOAD_UNIT_BYTES), rng);
    assert.throws(() => reassemble([units[0], other[1]]), (e) => e instanceof SaltlineError && e.code === 'INVALID_FRAME');
    const tampered = Buffer.from(units[1]);
    tampered[tampered.length - 1] ^= 1;
    assert.throws(() => reassemble([...units, tampered]), (e) => e instanceof SaltlineError && e.code === 'INVALID_FRAME');
    assert.deepEqual(fragmentPayload(payload.subarray(0, 100), rng), [payload.subarray(0, 100)]);
    assert.throws(() => fragmentPayload(Buffer.alloc(MAX_ASSEMBLED_PAYLOAD_BYTES + 1), rng), SaltlineError);
    assert.equal(parseFragment(units[3]).index, 3);
});
test('#18 a welcome that lists someone else, or comes from a non-admin, is refused', () => {
    const net = GroupNet.withPeers('bad welcome', ['alice', 'bob', 'carol', 'dave']);
    net.create('alice', ['bob', 'carol']);
    const toBob = net.queue.find((i) => i.to.name === 'bob');
    const dave = net.peer('dave');
    // A welcome for bob, handed to dave (who is not in it) …
    assert.throws(() => receiveGroupPayload(null, net.peer('alice').key, toBob.payload, { rng: net.rng, self: dave.key }), (e) => e instanceof SaltlineError && e.code === 'NOT_A_MEMBER');
    // … or passed on to carol by bob, who is no admin.
    const carol = net.peer('carol');
    assert.throws(() => receiveGroupPayload(null, net.peer('bob').key, toBob.payload, { rng: net.rng, self: carol.key }), (e) => e instanceof SaltlineError && e.code === 'UNAUTHORIZED_CHANGE');
    net.flush();
    assert.deepEqual(net.realFailures(), []);
});
//# sourceMappingURL=wire.test.js.map