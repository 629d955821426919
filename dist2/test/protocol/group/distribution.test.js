import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cryptoReady, generateSigningKeyPair, SaltlineError } from '../../../src/crypto/index.js';
import { decryptGroupMessage, deserializeGroup, encryptGroupMessage, groupRecipients, receiveGroupPayload, ROLE, senderKeyPayloadFor, serializeGroup, } from '../../../src/protocol/group/index.js';
import { sealGroupMessage } from '../../../src/protocol/group/message.js';
import { decodeGroupPayload, encodeUpdate } from '../../../src/protocol/group/payload.js';
import { createOwnSenderKey } from '../../../src/protocol/group/senderKey.js';
import { assertRejected, everyoneReads, GroupNet, text } from './helpers.js';
await cryptoReady();
const remove = (p) => ({ kind: 'remove', member: p.key });
const add = (p) => ({ kind: 'add', identity: p.identity.publicIdentity, role: ROLE.member, address: p.address });
function group(label, names, extra = []) {
    const net = GroupNet.withPeers(label, [...names, ...extra]);
    net.create(names[0], names.slice(1));
    net.flush();
    assert.deepEqual(net.realFailures(), []);
    return net;
}
/** Delivers everything queued except what `hold` matches, which is returned instead. */
function flushHolding(net, hold) {
    const held = [];
    for (let item = net.queue.shift(); item; item = net.queue.shift()) {
        if (hold(item))
            held.push(item);
        else
            net.deliver(item);
    }
    return held;
}
test('#16 a sender key forwarded by another member cannot be used to impersonate its owner', () => {
    const net = GroupNet.withPeers('forwarded key', ['carol', 'alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = [net.peer('alice'), net.peer('bob'), net.peer('mallory')];
    net.create('carol', ['alice', 'bob', 'mallory']);
    const seenByMallory = [];
    const held = flushHolding(net, (i) => {
        if (i.from === alice && i.to === mallory)
            seenByMallory.push(i.payload);
        return i.from === alice && i.to === bob;
    });
    assert.ok(held.length > 0 && seenByMallory.length > 0);
    assert.equal(bob.group.senderKeys.newest(alice.key), undefined, 'bob has not received alice’s key yet');
    // mallory passes on what alice sent her, over her own session with bob: it names alice, not her.
    for (const payload of seenByMallory)
        assertRejected(bob, 'BAD_SIGNATURE', (g) => receiveGroupPayload(g, mallory.key, payload, { rng: net.rng, self: bob.key }));
    // So alice's messages are never shown to bob as mallory's; they wait for alice's own key.
    const envelope = net.send('alice', 'from alice');
    assert.deepEqual(net.read('mallory', envelope), { text: 'from alice', sender: 'alice' });
    assertRejected(bob, 'UNKNOWN_SENDER_KEY', (g) => decryptGroupMessage(g, envelope));
    for (const item of held)
        net.deliver(item);
    net.flush();
    assert.deepEqual(net.read('bob', envelope), { text: 'from alice', sender: 'alice' });
});
test('#13 a group message from a non-member, or under a sender key nobody distributed, is rejected', () => {
    const net = group('non-member', ['alice', 'bob', 'carol'], ['mallory']);
    const [bob, mallory] = [net.peer('bob'), net.peer('mallory')];
    const groupId = bob.group.state.groupId;
    // mallory knows the group id (say, from a removed member) and makes a well-formed message.
    const sealed = sealGroupMessage(groupId, createOwnSenderKey(groupId, mallory.key, 0, net.rng), text('hi, I am in your group'), net.rng);
    const [forged, hers] = [sealed.envelope, sealed.own];
    assertRejected(bob, 'UNKNOWN_SENDER_KEY', (g) => decryptGroupMessage(g, forged));
    // Her key, offered over a session she has with bob, is refused too: she is not a member.
    assertRejected(bob, 'NOT_A_MEMBER', (g) => receiveGroupPayload(g, mallory.key, encodeUpdate(groupId, [], hers, g.state.version), { rng: net.rng, self: bob.key }));
    everyoneReads(net, 'carol', 'nothing changed');
});
test('a member forging another member’s sender (holding their chain, not their signing key) is rejected', () => {
    const net = group('forged sender', ['alice', 'bob', 'mallory']);
    const [alice, bob, mallory] = [net.peer('alice'), net.peer('bob'), net.peer('mallory')];
    const groupId = alice.group.state.groupId;
    const alicesKey = mallory.group.senderKeys.newest(alice.key);
    // Everything mallory holds of alice's sender key, with her own signing key in place of alice's.
    const impostor = {
        generation: alicesKey.generation,
        keyId: alicesKey.keyId,
        signing: generateSigningKeyPair(net.rng),
        possession: mallory.group.own.possession,
        headerKey: alicesKey.headerKey.clone(),
        chainKey: alicesKey.chainKey.clone(),
        iteration: alicesKey.next,
    };
    const forged = sealGroupMessage(groupId, impostor, text('alice says: send money'), net.rng).envelope;
    assertRejected(bob, 'BAD_SIGNATURE', (g) => decryptGroupMessage(g, forged));
    // alice's genuine message at that very position still decrypts, as hers.
    assert.deepEqual(net.read('bob', net.send('alice', 'genuine')), { text: 'genuine', sender: 'alice' });
});
test('removal rekeys: the removed member, keeping its old state, reads nothing sent after and its messages are refused', () => {
    const net = group('removal', ['alice', 'bob', 'carol', 'dave']);
    const dave = net.peer('dave');
    const before = net.send('bob', 'before removal');
    net.change('alice', [remove(dave)]);
    // dave never applies his removal: he keeps the state he had.
    const toDave = flushHolding(net, (i) => i.to === dave);
    assert.ok(toDave.length > 0);
    for (const item of toDave)
        assert.equal(decodeGroupPayload(item.payload).distribution, null, 'no sender key goes to the removed member');
    for (const name of ['alice', 'bob', 'carol']) {
        assert.ok(!groupRecipients(net.group(name)).some((m) => m.identity.identityKey.equals(dave.key)));
        assert.equal(net.group(name).senderKeys.newest(dave.key), undefined, `${name} wiped dave's keys`);
    }
    assert.equal(net.read('dave', before).text, 'before removal');
    for (const sender of ['alice', 'bob', 'carol']) {
        const after = net.send(sender, `after removal from ${sender}`);
        assertRejected(dave, 'UNKNOWN_SENDER_KEY', (g) => decryptGroupMessage(g, after));
        for (const reader of ['alice', 'bob', 'carol'])
            if (reader !== sender)
                assert.equal(net.read(reader, after).text, `after removal from ${sender}`);
    }
    // dave's later messages, under the key everyone used to accept, are refused everywhere.
    const sent = encryptGroupMessage(dave.group, text('still here?'), { rng: net.rng });
    dave.group = sent.group;
    const fromDave = sent.envelope;
    for (const name of ['alice', 'bob', 'carol'])
        assertRejected(net.peer(name), 'UNKNOWN_SENDER_KEY', (g) => decryptGroupMessage(g, fromDave));
    // And he cannot get a key of his accepted again over his old pairwise sessions.
    const reoffer = senderKeyPayloadFor(dave.group, net.peer('bob').key);
    const bob = net.peer('bob');
    assertRejected(bob, 'NOT_A_MEMBER', (g) => receiveGroupPayload(g, dave.key, reoffer, { rng: net.rng, self: bob.key }));
    // Once he does apply his removal, his record holds no keys and cannot send.
    for (const item of toDave)
        net.deliver(item);
    assert.ok(dave.events.some((e) => e.kind === 'left'));
    assert.equal(dave.group.own, null);
    assert.equal(dave.group.senderKeys.size, 0);
    assertRejected(dave, 'NOT_A_MEMBER', (g) => encryptGroupMessage(g, text('x'), { rng: net.rng }));
});
/** A restorable copy of a member's record as it is now. */
function serializeOf(net, name) {
    const bytes = serializeGroup(net.group(name));
    return () => deserializeGroup(bytes);
}
test('a member who leaves is rekeyed away just like a removed one', () => {
    const net = group('leave', ['alice', 'bob', 'carol']);
    const carol = net.peer('carol');
    const old = serializeOf(net, 'carol');
    net.change('carol', [remove(carol)]);
    net.flush();
    assert.deepEqual(net.memberNames('alice'), ['alice', 'bob']);
    const after = net.send('bob', 'carol is gone');
    assert.equal(net.read('alice', after).text, 'carol is gone');
    assert.throws(() => decryptGroupMessage(old(), after), (e) => e instanceof SaltlineError && e.code === 'UNKNOWN_SENDER_KEY');
});
test('a member added later cannot read what was sent before it joined', () => {
    const net = group('late joiner', ['alice', 'bob', 'carol'], ['erin']);
    const earlier = [net.send('bob', 'e1'), net.send('carol', 'e2'), net.send('bob', 'e3')];
    net.change('alice', [add(net.peer('erin'))]);
    net.flush();
    assert.deepEqual(net.realFailures(), []);
    for (const envelope of earlier)
        assert.throws(() => decryptGroupMessage(net.group('erin'), envelope), SaltlineError);
    everyoneReads(net, 'bob', 'welcome erin');
    everyoneReads(net, 'erin', 'thanks');
});
test('a newcomer’s key that arrives before the change adding it waits, then applies and is answered', () => {
    const net = group('early key', ['alice', 'bob', 'carol'], ['erin']);
    const [bob, erin] = [net.peer('bob'), net.peer('erin')];
    net.change('alice', [add(erin)]);
    // bob gets the change late; erin joins and reaches bob first.
    const late = flushHolding(net, (i) => i.from.name === 'alice' && i.to === bob);
    assert.ok(bob.events.some((e) => e.kind === 'deferred' && e.what === 'senderKey'));
    assert.equal(bob.group.state.version, 1);
    for (const item of late)
        net.deliver(item);
    net.flush();
    assert.equal(bob.group.senderKeys.newest(erin.key)?.owner.equals(erin.key), true);
    everyoneReads(net, 'bob', 'hello erin');
    everyoneReads(net, 'erin', 'hello bob');
});
//# sourceMappingURL=distribution.test.js.map