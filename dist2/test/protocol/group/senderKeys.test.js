import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cryptoReady, SaltlineError } from '../../../src/crypto/index.js';
import { ENVELOPE_BUCKETS, MAX_SKIP_PER_CHAIN, MAX_STORED_SKIPPED_KEYS } from '../../../src/protocol/index.js';
import { decryptGroupMessage, deserializeGroupParts, encryptGroupMessage, groupEnvelopeKeyId, MAX_GROUP_PLAINTEXT_BYTES, rotateSenderKey, senderKeyPayloadFor, serializeGroupParts, } from '../../../src/protocol/group/index.js';
import { assertRejected, GroupNet, text } from './helpers.js';
await cryptoReady();
function fourMembers(label) {
    const net = GroupNet.withPeers(label, ['alice', 'bob', 'carol', 'dave']);
    net.create('alice', ['bob', 'carol', 'dave']);
    net.flush();
    assert.deepEqual(net.realFailures(), []);
    return net;
}
test('a group message is encrypted once: the same padded envelope is read by every member', () => {
    const net = fourMembers('round trip');
    const envelope = net.send('carol', 'hello group');
    assert.ok(ENVELOPE_BUCKETS.includes(envelope.length));
    assert.equal(envelope[0], 1);
    assert.equal(envelope[1], 3);
    for (const name of ['alice', 'bob', 'dave'])
        assert.deepEqual(net.read(name, envelope), { text: 'hello group', sender: 'carol' });
    assert.equal(groupEnvelopeKeyId(envelope), net.group('carol').own.keyId.toString('hex'));
});
test('#19 group padding edges: empty and maximum plaintexts round-trip, maximum + 1 is refused cleanly', () => {
    const net = fourMembers('padding edges');
    for (const size of [0, 1, MAX_GROUP_PLAINTEXT_BYTES]) {
        const plaintext = Buffer.alloc(size, 0x61);
        const sent = encryptGroupMessage(net.group('bob'), plaintext, { rng: net.rng });
        net.peer('bob').group = sent.group;
        assert.ok(ENVELOPE_BUCKETS.includes(sent.envelope.length));
        const got = decryptGroupMessage(net.group('alice'), sent.envelope);
        net.peer('alice').group = got.group;
        assert.deepEqual(got.plaintext, plaintext);
    }
    assertRejected(net.peer('bob'), 'MESSAGE_TOO_LARGE', (g) => encryptGroupMessage(g, Buffer.alloc(MAX_GROUP_PLAINTEXT_BYTES + 1), { rng: net.rng }));
});
test('#1 a replayed group message is rejected and the next one still decrypts', () => {
    const net = fourMembers('replay');
    const first = net.send('bob', 'once');
    assert.equal(net.read('alice', first).text, 'once');
    assertRejected(net.peer('alice'), 'REPLAY', (g) => decryptGroupMessage(g, first));
    assert.equal(net.read('alice', net.send('bob', 'next')).text, 'next');
});
test('#6 a flipped bit anywhere in a group envelope is rejected without changing state', () => {
    const net = fourMembers('bit flips');
    const envelope = net.send('dave', 'integrity');
    for (let i = 0; i < envelope.length; i++) {
        const bad = Buffer.from(envelope);
        bad[i] ^= 1 << (i % 8);
        assertRejected(net.peer('bob'), ['INVALID_FRAME', 'UNKNOWN_SENDER_KEY', 'BAD_SIGNATURE'][i < 2 ? 0 : i < 18 ? 1 : 2], (g) => decryptGroupMessage(g, bad));
    }
    assertRejected(net.peer('bob'), 'INVALID_FRAME', (g) => decryptGroupMessage(g, envelope.subarray(0, envelope.length - 1)));
    assert.equal(net.read('bob', envelope).text, 'integrity');
});
test('#4 a jump beyond the window is refused before any key is derived; stored skipped keys are capped', () => {
    const net = fourMembers('window');
    const sent = [];
    for (let i = 0; i <= 3 * MAX_SKIP_PER_CHAIN + 1; i++)
        sent.push(net.send('carol', `m${i}`));
    const record = () => net.group('alice').senderKeys.get(net.group('carol').own.keyId);
    const chainKey = record().chainKey;
    assertRejected(net.peer('alice'), 'TOO_FAR_AHEAD', (g) => decryptGroupMessage(g, sent[MAX_SKIP_PER_CHAIN + 1]));
    assert.equal(chainKey.wiped, false, 'nothing was derived or spent');
    assert.equal(net.read('alice', sent[MAX_SKIP_PER_CHAIN]).text, `m${MAX_SKIP_PER_CHAIN}`);
    assert.equal(net.read('alice', sent[2 * MAX_SKIP_PER_CHAIN]).text, `m${2 * MAX_SKIP_PER_CHAIN}`);
    assert.equal(net.read('alice', sent[3 * MAX_SKIP_PER_CHAIN]).text, `m${3 * MAX_SKIP_PER_CHAIN}`);
    assert.equal(net.group('alice').senderKeys.skippedCount, MAX_STORED_SKIPPED_KEYS);
    assert.equal(record().skipped.size, MAX_STORED_SKIPPED_KEYS);
    // The oldest skipped keys were evicted (and wiped); recent ones still work.
    assertRejected(net.peer('alice'), 'REPLAY', (g) => decryptGroupMessage(g, sent[0]));
    assert.equal(net.read('alice', sent[3 * MAX_SKIP_PER_CHAIN - 1]).text, `m${3 * MAX_SKIP_PER_CHAIN - 1}`);
    assert.equal(net.read('alice', sent[3 * MAX_SKIP_PER_CHAIN + 1]).text, `m${3 * MAX_SKIP_PER_CHAIN + 1}`);
});
test('#5 chain positions near 2^32: the last one works, then the sender must rotate; no wrap', () => {
    const net = fourMembers('counter end');
    const bob = net.peer('bob');
    // A fresh key whose distribution nobody has seen yet, moved to the end of its chain.
    const rotated = rotateSenderKey(net.group('bob'), { rng: net.rng }).group;
    const parts = serializeGroupParts(rotated);
    const own = Buffer.from(parts.ownSenderKey);
    own.writeUInt32BE(0xfffffffe, own.length - 4);
    bob.group = deserializeGroupParts({ ...parts, ownSenderKey: own, senderKeys: parts.senderKeys.values() });
    net.deliver({ from: bob, to: net.peer('alice'), payload: senderKeyPayloadFor(bob.group, net.peer('alice').key) });
    const last = net.send('bob', 'last position');
    assert.equal(net.read('alice', last).text, 'last position');
    assertRejected(bob, 'COUNTER_EXHAUSTED', (g) => encryptGroupMessage(g, text('one too many'), { rng: net.rng }));
    const r = rotateSenderKey(bob.group, { rng: net.rng });
    bob.group = r.group;
    net.enqueue(bob, r.outgoing);
    net.flush();
    assert.equal(net.read('alice', net.send('bob', 'after rotation')).text, 'after rotation');
    assert.deepEqual(net.realFailures(), []);
});
test('#7 used message and chain keys are wiped; a stolen state cannot read earlier messages', () => {
    const net = fourMembers('forward secrecy');
    const early = [net.send('dave', 'e0'), net.send('dave', 'e1'), net.send('dave', 'e2')];
    const record = net.group('bob').senderKeys.get(net.group('dave').own.keyId);
    const chainBefore = record.chainKey;
    assert.equal(net.read('bob', early[2]).text, 'e2');
    assert.equal(chainBefore.wiped, true, 'the spent chain key is wiped');
    const skippedKey = record.skipped.get(0);
    assert.equal(net.read('bob', early[0]).text, 'e0');
    assert.equal(skippedKey.wiped, true, 'the used skipped key is wiped');
    // The sender's own chain moves on too.
    const ownChain = net.group('dave').own.chainKey;
    net.send('dave', 'later');
    assert.equal(ownChain.wiped, true);
    const stolen = () => deserializeGroupParts({ ...serializeGroupParts(net.group('bob')), senderKeys: serializeGroupParts(net.group('bob')).senderKeys.values() });
    assert.throws(() => decryptGroupMessage(stolen(), early[0]), { code: 'REPLAY' });
    assert.throws(() => decryptGroupMessage(stolen(), early[2]), { code: 'REPLAY' });
    assert.equal(decryptGroupMessage(stolen(), early[1]).plaintext.toString(), 'e1', 'only the genuinely skipped message remains readable');
});
test('#2 #3 #17 shuffled, dropped, duplicated and injected group messages: each genuine one is read exactly once', () => {
    const senders = ['bob', 'carol', 'dave'];
    let run = 0;
    fc.assert(fc.property(fc.array(fc.constantFrom(...senders), { minLength: 1, maxLength: 40 }), fc.func(fc.integer()), fc.array(fc.nat(), { maxLength: 10 }), fc.array(fc.nat(), { maxLength: 10 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), (from, order, drops, dupes, flips) => {
        const net = fourMembers(`interleaving ${run++}`);
        const sent = from.map((s, i) => ({ text: `${s}:${i}`, envelope: net.send(s, `${s}:${i}`) }));
        const dropped = new Set(drops.map((d) => d % sent.length));
        const delivered = sent.filter((_, i) => !dropped.has(i));
        const wire = delivered.map((m) => m.envelope);
        for (const d of dupes)
            if (wire.length > 0)
                wire.push(wire[d % wire.length]);
        for (const [which, bit] of flips) {
            const bad = Buffer.from(sent[which % sent.length].envelope);
            bad[bit % bad.length] ^= 1;
            wire.push(bad);
        }
        const shuffled = wire.map((e, i) => ({ e, k: order(i) })).sort((a, b) => a.k - b.k);
        const read = new Map();
        for (const { e } of shuffled) {
            try {
                const r = decryptGroupMessage(net.group('alice'), e);
                net.peer('alice').group = r.group;
                const t = r.plaintext.toString();
                assert.ok(t.startsWith(`${net.byKey(r.sender.identity.identityKey).name}:`), 'shown with its true sender');
                read.set(t, (read.get(t) ?? 0) + 1);
            }
            catch (err) {
                assert.ok(err instanceof SaltlineError, String(err));
            }
        }
        assert.deepEqual([...read.keys()].sort(), delivered.map((m) => m.text).sort());
        for (const count of read.values())
            assert.equal(count, 1);
    }), { numRuns: 40 });
});
//# sourceMappingURL=senderKeys.test.js.map