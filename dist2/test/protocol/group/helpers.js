/**
 * Test harness for the group protocol (issue #6): a set of members whose pairwise payloads travel
 * through a queue the test controls (deliver, drop, reorder, duplicate, forward). A payload is
 * delivered with the identity of the member that sent it, exactly what a 1:1 session would
 * authenticate; cross-path tests use real 1:1 sessions instead (crossPath.test.ts).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { deterministicRng, SaltlineError, toHex } from '../../../src/crypto/index.js';
import { createIdentity } from '../../../src/protocol/index.js';
import { changeGroup, createGroup, decryptGroupMessage, encryptGroupMessage, peekGroupPayload, reassemble, parseFragment, receiveGroupPayload, serializeGroup, ROLE, } from '../../../src/protocol/group/index.js';
export function seededRng(label) {
    return deterministicRng(createHash('sha256').update(label).digest());
}
export const text = (s) => Buffer.from(s, 'utf8');
export class GroupNet {
    rng;
    peers = new Map();
    queue = [];
    failures = [];
    fragments = new Map();
    constructor(rng) {
        this.rng = rng;
    }
    static withPeers(label, names) {
        const net = new GroupNet(seededRng(label));
        for (const n of names)
            net.addPeer(n);
        return net;
    }
    addPeer(name) {
        const identity = createIdentity(this.rng);
        const peer = { name, identity, key: identity.publicIdentity.identityKey, address: text(`queue:${name}`), group: null, events: [] };
        this.peers.set(name, peer);
        return peer;
    }
    peer(name) {
        const p = this.peers.get(name);
        if (!p)
            throw new Error(`no peer ${name}`);
        return p;
    }
    byKey(key) {
        for (const p of this.peers.values())
            if (p.key.equals(key))
                return p;
        throw new Error('no peer with that key');
    }
    group(name) {
        const g = this.peer(name).group;
        if (!g)
            throw new Error(`${name} holds no group`);
        return g;
    }
    /** `creator` creates a group with `members` (optionally with roles) and the welcomes are queued. */
    create(creator, members, groupName = 'test group') {
        const c = this.peer(creator);
        const list = members.map((m) => (typeof m === 'string' ? [m, ROLE.member] : m));
        const r = createGroup(c.identity, { name: groupName, address: c.address, members: list.map(([n, role]) => ({ identity: this.peer(n).identity.publicIdentity, address: this.peer(n).address, role })) }, { rng: this.rng });
        c.group = r.group;
        this.enqueue(c, r.outgoing);
    }
    change(actor, ops) {
        const a = this.peer(actor);
        const r = changeGroup(this.group(actor), a.identity, ops, { rng: this.rng });
        a.group = r.group;
        a.events.push(...r.events);
        this.enqueue(a, r.outgoing);
    }
    enqueue(from, outgoing) {
        for (const o of outgoing)
            this.queue.push({ from, to: this.byKey(o.to.identity.identityKey), payload: o.payload });
    }
    /** Delivers one item as its 1:1 session would (sender = the authenticated peer); returns the error if it was refused. */
    deliver(item, from = item.from) {
        let payload = item.payload;
        if (peekGroupPayload(payload).kind === 'fragment') {
            const set = `${from.name}>${item.to.name}:${toHex(parseFragment(payload).setId)}`;
            const units = [...(this.fragments.get(set) ?? []), payload];
            this.fragments.set(set, units);
            payload = reassemble(units);
            if (!payload)
                return null;
            this.fragments.delete(set);
        }
        try {
            const r = receiveGroupPayload(item.to.group, from.key, payload, { rng: this.rng, self: item.to.key });
            item.to.group = r.group;
            item.to.events.push(...r.events);
            this.enqueue(item.to, r.outgoing);
            return null;
        }
        catch (e) {
            if (!(e instanceof SaltlineError))
                throw e;
            this.failures.push({ item, error: e });
            return e;
        }
    }
    /** Delivers everything queued (and whatever that produces), in order or in the order `pick` chooses. */
    flush(pick = () => 0) {
        for (let guard = 0; this.queue.length > 0; guard++) {
            if (guard > 1_000_000)
                throw new Error('flush does not terminate');
            const [item] = this.queue.splice(pick(this.queue), 1);
            this.deliver(item);
        }
    }
    /** Failures other than benign "already known" duplicates. */
    realFailures() {
        return this.failures.filter((f) => f.error.code !== 'STALE_CHANGE');
    }
    send(name, message) {
        const p = this.peer(name);
        const r = encryptGroupMessage(this.group(name), text(message), { rng: this.rng });
        p.group = r.group;
        return r.envelope;
    }
    /** Decrypts as `name`; returns the text and the sender's name. */
    read(name, envelope) {
        const p = this.peer(name);
        const r = decryptGroupMessage(this.group(name), envelope);
        p.group = r.group;
        return { text: r.plaintext.toString('utf8'), sender: this.byKey(r.sender.identity.identityKey).name };
    }
    memberNames(name) {
        return [...this.group(name).state.members.values()].map((m) => this.byKey(m.identity.identityKey).name).sort();
    }
}
/** Asserts that `run` throws a SaltlineError with `code` and leaves `peer`'s group exactly as it was. */
export function assertRejected(peer, code, run) {
    const before = peer.group ? serializeGroup(peer.group) : null;
    let caught;
    try {
        run(peer.group);
    }
    catch (e) {
        caught = e;
    }
    assert.ok(caught instanceof SaltlineError, `expected a SaltlineError, got ${String(caught)}`);
    assert.equal(caught.code, code, caught.message);
    assert.deepEqual(peer.group ? serializeGroup(peer.group) : null, before, 'a rejected input changed the group record');
    return caught;
}
/** Every member of the group reads one message from `sender` (and nobody else can). */
export function everyoneReads(net, sender, message) {
    const envelope = net.send(sender, message);
    for (const name of net.memberNames(sender)) {
        if (name === sender)
            continue;
        assert.deepEqual(net.read(name, envelope), { text: message, sender }, `${name} reads ${sender}`);
    }
}
//# sourceMappingURL=helpers.js.map