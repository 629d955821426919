import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cryptoReady } from '../../../src/crypto/index.js';
import { createIdentity } from '../../../src/protocol/index.js';
import { changeGroup, createGroup, decryptGroupMessage, encryptGroupMessage, groupRecipients, MAX_GROUP_MEMBERS, MAX_PAYLOAD_UNIT_BYTES, reassemble, receiveGroupPayload, ROLE, StaleChangeError, } from '../../../src/protocol/group/index.js';
import { decodeGroupPayload } from '../../../src/protocol/group/payload.js';
import { seededRng, text } from './helpers.js';
await cryptoReady();
const rng = seededRng('a thousand members');
/** A realistic relay address (~70 bytes) per member. */
const address = (i) => text(`wss://relay.example.org/q/${i.toString().padStart(4, '0')}-${'k'.repeat(40)}`);
const to = (outgoing, key) => outgoing.filter((o) => o.to.identity.identityKey.equals(key)).map((o) => o.payload);
function receive(group, from, self, payload) {
    try {
        return receiveGroupPayload(group, from.publicIdentity.identityKey, payload, { rng, self: self.publicIdentity.identityKey });
    }
    catch (e) {
        if (e instanceof StaleChangeError)
            return null;
        throw e;
    }
}
test('a 1,000-member group: welcome in fragments, one message read by members, and removing one member', () => {
    const ids = Array.from({ length: MAX_GROUP_MEMBERS }, () => createIdentity(rng));
    const [alice, bob, carol] = ids;
    const created = createGroup(alice, { name: 'a thousand', address: address(0), members: ids.slice(1).map((id, i) => ({ identity: id.publicIdentity, address: address(i + 1) })) }, { rng });
    let a = created.group;
    assert.equal(a.state.members.size, MAX_GROUP_MEMBERS);
    // The welcome does not fit one 1:1 message: it travels in fragments, the same ones for everyone.
    const forBob = to(created.outgoing, bob.publicIdentity.identityKey);
    assert.ok(forBob.length > 1);
    for (const unit of forBob)
        assert.ok(unit.length <= MAX_PAYLOAD_UNIT_BYTES);
    assert.equal(new Set(created.outgoing.map((o) => o.payload)).size, forBob.length, 'each unit is encoded once for all 999 members');
    const joined = new Map();
    for (const member of [bob, carol]) {
        const units = to(created.outgoing, member.publicIdentity.identityKey).reverse();
        const r = receive(null, alice, member, reassemble(units));
        assert.equal(r.group.state.members.size, MAX_GROUP_MEMBERS);
        assert.equal(r.outgoing.length, MAX_GROUP_MEMBERS - 1, 'a newcomer offers its key to every other member');
        assert.equal(new Set(r.outgoing.map((o) => o.payload)).size, 1);
        joined.set(member.publicIdentity.identityKey.toString('hex'), r.group);
        const toAlice = to(r.outgoing, alice.publicIdentity.identityKey)[0];
        const answered = receive(a, member, alice, toAlice);
        a = answered.group;
    }
    let b = joined.get(bob.publicIdentity.identityKey.toString('hex'));
    let c = joined.get(carol.publicIdentity.identityKey.toString('hex'));
    // One message: one encryption, one envelope of the same size as in a small group.
    const sent = encryptGroupMessage(a, text('hello, thousand'), { rng });
    a = sent.group;
    assert.equal(sent.envelope.length, 512);
    assert.equal(groupRecipients(a).length, MAX_GROUP_MEMBERS - 1);
    const atBob = decryptGroupMessage(b, sent.envelope);
    b = atBob.group;
    assert.equal(atBob.plaintext.toString(), 'hello, thousand');
    assert.ok(atBob.sender.identity.identityKey.equals(alice.publicIdentity.identityKey));
    const atCarol = decryptGroupMessage(c, sent.envelope);
    c = atCarol.group;
    assert.equal(atCarol.plaintext.toString(), 'hello, thousand');
    // Removing carol: one signed change, one new sender key for the 998 who remain, nothing for carol.
    const removal = changeGroup(a, alice, [{ kind: 'remove', member: carol.publicIdentity.identityKey }], { rng });
    a = removal.group;
    assert.equal(new Set(removal.outgoing.map((o) => o.to.identity.identityKey.toString('hex'))).size, MAX_GROUP_MEMBERS - 1);
    const toCarol = to(removal.outgoing, carol.publicIdentity.identityKey);
    assert.equal(toCarol.length, 1);
    assert.equal(decodeGroupPayload(toCarol[0]).distribution, null);
    const toBob = to(removal.outgoing, bob.publicIdentity.identityKey);
    assert.notEqual(decodeGroupPayload(toBob[0]).distribution, null);
    assert.equal(new Set(removal.outgoing.map((o) => o.payload)).size, 2, 'one payload for the 998 remaining, one for carol');
    b = receive(b, alice, bob, toBob[0]).group;
    const after = encryptGroupMessage(a, text('carol has left'), { rng });
    a = after.group;
    assert.equal(decryptGroupMessage(b, after.envelope).plaintext.toString(), 'carol has left');
    assert.throws(() => decryptGroupMessage(c, after.envelope), { code: 'UNKNOWN_SENDER_KEY' });
    // With carol back the group is full: one more member is refused.
    const extra = createIdentity(rng);
    a = changeGroup(a, alice, [{ kind: 'add', identity: carol.publicIdentity, role: ROLE.member, address: address(2) }], { rng }).group;
    assert.throws(() => changeGroup(a, alice, [{ kind: 'add', identity: extra.publicIdentity, role: ROLE.member, address: address(9999) }], { rng }), { code: 'GROUP_FULL' });
});
//# sourceMappingURL=large.test.js.map