/** The relay over real sockets on 127.0.0.1 (issue #4 §Queues, §Delivery; SECURITY-TESTS #11, #17, #18). */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { systemRng } from '../../src/crypto/random.js';
import { generateSigningKeyPair } from '../../src/crypto/sign.js';
import { MAX_ENVELOPE_BYTES } from '../../src/protocol/limits.js';
import { encodeUnsignedCommand, MAX_FRAME_BYTES } from '../../src/protocol/relayWire/frames.js';
import { parseRelayAddress } from '../../src/protocol/relayWire/relayAddress.js';
import { MemoryQueueStore } from '../../src/relay/memoryStore.js';
import { MAX_QUEUED_COMMANDS } from '../../src/relay/session.js';
import { HARD_FRAME_LIMIT, RelayConfigError, startRelay } from '../../src/relay/wsServer.js';
import { RawClient } from './rawClient.js';
const dirs = [];
after(async () => {
    for (const d of dirs)
        await rm(d, { recursive: true, force: true });
});
async function relay(opts = {}) {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-relay-'));
    dirs.push(dir);
    const r = await startRelay({ dataDir: dir, tls: opts.tls ?? false, ...(opts.limits ? { limits: opts.limits } : {}), ...(opts.core ? { core: opts.core } : {}) });
    return Object.assign(r, { dir });
}
function urlOf(r) {
    return parseRelayAddress(r.address).url;
}
async function createQueue(c) {
    const recipient = generateSigningKeyPair(systemRng);
    const sender = generateSigningKeyPair(systemRng);
    const reply = await c.call({ kind: 'NEW', recipientKey: recipient.publicKey, senderKey: sender.publicKey }, recipient.secretKey);
    assert.equal(reply.kind, 'IDS');
    if (reply.kind !== 'IDS')
        throw new Error('unreachable');
    assert.equal(reply.recvId.length, 24);
    assert.ok(!reply.recvId.equals(reply.sendId));
    return { recvId: reply.recvId, sendId: reply.sendId, recipient, sender };
}
const isErr = (r, code) => r.kind === 'ERR' && r.code === code;
test('send while the recipient is away, subscribe, receive, ack; unacked envelopes are redelivered', async () => {
    const r = await relay();
    try {
        const rc = await RawClient.connect(urlOf(r));
        const q = await createQueue(rc);
        const sc = await RawClient.connect(urlOf(r));
        for (const text of ['one', 'two', 'three']) {
            const reply = await sc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from(text) }, sc.corrId === 0 ? q.sender.secretKey : undefined);
            assert.equal(reply.kind, 'OK');
        }
        assert.equal((await rc.call({ kind: 'SUB', recvId: q.recvId }, q.recipient.secretKey)).kind, 'OK');
        await rc.until(() => rc.replies.filter((x) => x.kind === 'MSG').length === 3);
        const msgs = rc.takeMessages();
        assert.deepEqual(msgs.map((m) => m.envelope.toString()), ['one', 'two', 'three']);
        assert.equal((await rc.call({ kind: 'ACK', recvId: q.recvId, msgId: msgs[0].msgId })).kind, 'OK');
        // Live push while subscribed.
        await sc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('four') });
        await rc.until((x) => x.kind === 'MSG');
        assert.equal(rc.takeMessages()[0].envelope.toString(), 'four');
        rc.close();
        // A new connection redelivers everything not acknowledged, in order.
        const rc2 = await RawClient.connect(urlOf(r));
        await rc2.call({ kind: 'SUB', recvId: q.recvId }, q.recipient.secretKey);
        await rc2.until(() => rc2.replies.filter((x) => x.kind === 'MSG').length === 3);
        assert.deepEqual(rc2.takeMessages().map((m) => m.envelope.toString()), ['two', 'three', 'four']);
        // A second subscriber takes the queue over; the first hears END.
        const rc3 = await RawClient.connect(urlOf(r));
        await rc3.call({ kind: 'SUB', recvId: q.recvId }, q.recipient.secretKey);
        await rc2.until((x) => x.kind === 'END');
        rc2.close();
        rc3.close();
        sc.close();
    }
    finally {
        await r.close();
    }
});
test('#11 wrong-key, unsigned and replayed commands are rejected; the next genuine command works', async () => {
    const r = await relay();
    try {
        const rc = await RawClient.connect(urlOf(r));
        const q = await createQueue(rc);
        const mallory = generateSigningKeyPair(systemRng);
        const sc = await RawClient.connect(urlOf(r));
        const env = { kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('x') };
        assert.ok(isErr(await sc.call(env, mallory.secretKey), 'AUTH'), 'foreign key');
        assert.ok(isErr(await sc.call(env, q.recipient.secretKey), 'AUTH'), 'recipient key cannot send');
        assert.ok(isErr(await sc.call(env), 'AUTH'), 'unsigned, never bound');
        assert.ok(isErr(await sc.call({ kind: 'SUB', recvId: q.recvId }, q.sender.secretKey), 'AUTH'), 'sender key cannot read');
        assert.ok(isErr(await sc.call({ kind: 'SUB', recvId: q.recvId }), 'AUTH'), 'unsigned SUB');
        // A signature made for another connection's challenge does not verify here.
        const captured = sc.frame(env, q.sender.secretKey, { challenge: systemRng(32) });
        sc.sendRaw(captured);
        assert.ok(isErr(await sc.reply(sc.corrId), 'AUTH'), 'replay across connections');
        // A genuine command, then the very same frame again on the same connection.
        const genuine = sc.frame(env, q.sender.secretKey);
        sc.sendRaw(genuine);
        assert.equal((await sc.reply(sc.corrId)).kind, 'OK');
        sc.sendRaw(genuine);
        assert.ok(isErr(await sc.reply(sc.corrId), 'REPLAY'));
        // Replay of that same frame on a fresh connection fails too.
        const other = await RawClient.connect(urlOf(r));
        other.sendRaw(genuine);
        assert.ok(isErr(await other.reply(sc.corrId), 'AUTH'));
        assert.equal((await sc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('y') })).kind, 'OK');
        // Unknown queue and deleted queue (corrIds on `other` must continue above the replayed one).
        other.corrId = sc.corrId;
        assert.ok(isErr(await other.call({ kind: 'SEND', sendId: systemRng(24), envelope: Buffer.from('z') }, q.sender.secretKey), 'NO_QUEUE'));
        assert.equal((await rc.call({ kind: 'DEL', recvId: q.recvId })).kind, 'OK');
        assert.ok(isErr(await sc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('w') }), 'NO_QUEUE'));
        for (const c of [rc, sc, other])
            c.close();
    }
    finally {
        await r.close();
    }
});
test('quotas and frame limits are enforced with typed errors; the connection survives', async () => {
    const r = await relay({ limits: { maxMessagesPerQueue: 3, maxBytesPerQueue: 4 * MAX_ENVELOPE_BYTES, maxTotalBytes: 1 << 30, maxQueues: 100 } });
    try {
        const rc = await RawClient.connect(urlOf(r));
        const q = await createQueue(rc);
        const sc = await RawClient.connect(urlOf(r));
        assert.equal((await sc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.alloc(MAX_ENVELOPE_BYTES, 7) }, q.sender.secretKey)).kind, 'OK');
        // One byte over the maximum envelope: typed error, connection lives on.
        const tooBig = encodeUnsignedCommand(++sc.corrId, { kind: 'SEND', sendId: q.sendId, envelope: Buffer.alloc(MAX_ENVELOPE_BYTES + 1) });
        sc.sendRaw(tooBig);
        assert.ok(isErr(await sc.reply(sc.corrId), 'TOO_LARGE'));
        assert.ok(tooBig.length <= MAX_FRAME_BYTES + 64);
        assert.equal((await sc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('a') })).kind, 'OK');
        assert.equal((await sc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('b') })).kind, 'OK');
        assert.ok(isErr(await sc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('c') }), 'QUEUE_FULL'));
        assert.equal((await sc.call({ kind: 'PING' })).kind, 'PONG');
        // A frame far beyond the limit is abuse: the connection is closed, the relay keeps serving.
        sc.sendRaw(Buffer.alloc(HARD_FRAME_LIMIT + 1));
        await assert.rejects(sc.until(() => false, 3000), /closed/);
        const again = await RawClient.connect(urlOf(r));
        assert.equal((await again.call({ kind: 'PING' })).kind, 'PONG');
        again.close();
        rc.close();
    }
    finally {
        await r.close();
    }
});
test('#18 fuzzed frames over a socket get typed errors; an abusive connection is cut', async () => {
    const r = await relay({ core: { errorBurst: 50, errorsPerSecond: 1 } });
    try {
        const c = await RawClient.connect(urlOf(r));
        for (let i = 0; i < 40; i++)
            c.sendRaw(systemRng(1 + (i * 37) % 300));
        await c.until(() => c.replies.length >= 40);
        assert.ok(c.replies.every((x) => x.kind === 'ERR'));
        for (let i = 0; i < 100; i++)
            c.sendRaw(systemRng(5));
        await assert.rejects(c.until(() => false, 3000), /closed/);
        const ok = await RawClient.connect(urlOf(r));
        assert.equal((await ok.call({ kind: 'PING' })).kind, 'PONG');
        ok.close();
    }
    finally {
        await r.close();
    }
});
test('per-connection rate limit answers RATE_LIMITED', async () => {
    const r = await relay({ core: { commandBurst: 5, commandsPerSecond: 0.001 } });
    try {
        const c = await RawClient.connect(urlOf(r));
        const replies = [];
        for (let i = 0; i < 8; i++)
            replies.push(await c.call({ kind: 'PING' }));
        assert.equal(replies.filter((x) => x.kind === 'PONG').length, 5);
        assert.equal(replies.filter((x) => isErr(x, 'RATE_LIMITED')).length, 3);
        c.close();
    }
    finally {
        await r.close();
    }
});
test('expired envelopes are dropped unread', async () => {
    let now = 1_000_000;
    const r = await relay({ core: { now: () => now, expiryMs: 1000 } });
    try {
        const c = await RawClient.connect(urlOf(r));
        const q = await createQueue(c);
        await c.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('old') }, q.sender.secretKey);
        now += 2000;
        await c.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('new') });
        assert.equal(await r.core.sweepExpired(), 1);
        await c.call({ kind: 'SUB', recvId: q.recvId });
        await c.until((x) => x.kind === 'MSG');
        await new Promise((res) => setTimeout(res, 50));
        assert.deepEqual(c.takeMessages().map((m) => m.envelope.toString()), ['new']);
        c.close();
    }
    finally {
        await r.close();
    }
});
test('plain ws is refused off loopback; TLS is the default and the address carries the key fingerprint', async () => {
    await assert.rejects(startRelay({ dataDir: join(tmpdir(), 'unused'), tls: false, host: '0.0.0.0' }), RelayConfigError);
    const r = await relay({ tls: true });
    try {
        const a = parseRelayAddress(r.address);
        assert.equal(a.tls, true);
        assert.equal(a.fingerprint?.length, 32);
        const c = await RawClient.connect(a.url);
        assert.equal((await c.call({ kind: 'PING' })).kind, 'PONG');
        c.close();
    }
    finally {
        await r.close();
    }
    // The same data folder keeps the same key, so the address survives a restart.
    const again = await startRelay({ dataDir: r.dir });
    assert.equal(parseRelayAddress(again.address).fingerprint?.toString('hex'), parseRelayAddress(r.address).fingerprint?.toString('hex'));
    await again.close();
});
test('logs and data folder: no queue id in the clear in logs; envelopes gone from disk after ack and restart', async () => {
    const events = [];
    const r = await relay({ core: { log: (e, f) => events.push(JSON.stringify({ e, ...f })) } });
    const c = await RawClient.connect(urlOf(r));
    const q = await createQueue(c);
    const marker = Buffer.from('ENVELOPE-MARKER-4242');
    await c.call({ kind: 'SEND', sendId: q.sendId, envelope: marker }, q.sender.secretKey);
    await c.call({ kind: 'SUB', recvId: q.recvId });
    await c.until((x) => x.kind === 'MSG');
    const [m] = c.takeMessages();
    await c.call({ kind: 'ACK', recvId: q.recvId, msgId: m.msgId });
    for (let i = 0; i < 300; i++)
        c.sendRaw(Buffer.from([1, 2, 3]));
    c.close();
    await r.close();
    const restarted = await startRelay({ dataDir: r.dir, tls: false, core: { log: (e, f) => events.push(JSON.stringify({ e, ...f })) } });
    await restarted.close();
    const text = events.join('\n');
    assert.ok(events.length >= 2);
    for (const id of [q.recvId, q.sendId]) {
        for (const enc of ['hex', 'base64', 'base64url', 'latin1'])
            assert.ok(!text.includes(id.toString(enc)));
    }
    for (const f of await readdir(r.dir))
        assert.ok(!(await readFile(join(r.dir, f))).includes(marker), f);
});
test('#11 pipelined commands behind one that waits for the store keep their order; bindings stay per role and queue', async () => {
    const r = await relay();
    try {
        const rc = await RawClient.connect(urlOf(r));
        const q = await createQueue(rc);
        const other = await createQueue(rc);
        const sc = await RawClient.connect(urlOf(r));
        // Back to back, without waiting: a signed SEND (it looks the queue up in the store), unsigned SENDs behind it.
        const first = sc.frame({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('e0') }, q.sender.secretKey);
        const rest = Array.from({ length: 5 }, (_, i) => sc.frame({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from(`e${i + 1}`) }));
        // Then unsigned commands for what this connection is not bound to.
        const foreignSend = sc.frame({ kind: 'SEND', sendId: other.sendId, envelope: Buffer.from('x') });
        const readOwnQueue = sc.frame({ kind: 'SUB', recvId: q.recvId });
        for (const f of [first, ...rest, foreignSend, readOwnQueue])
            sc.sendRaw(f);
        for (let id = 1; id <= 6; id++)
            assert.equal((await sc.reply(id)).kind, 'OK', `SEND ${id}`);
        assert.ok(isErr(await sc.reply(7), 'AUTH'), 'a send binding is for one queue');
        assert.ok(isErr(await sc.reply(8), 'AUTH'), 'a send binding never allows reading');
        await rc.call({ kind: 'SUB', recvId: q.recvId });
        await rc.until(() => rc.replies.filter((x) => x.kind === 'MSG').length === 6);
        const msgs = rc.takeMessages();
        assert.deepEqual(msgs.map((m) => m.envelope.toString()), ['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
        // Pipelined ACKs: each is answered.
        for (const m of msgs)
            rc.sendRaw(rc.frame({ kind: 'ACK', recvId: q.recvId, msgId: m.msgId }));
        for (let i = 0; i < msgs.length; i++)
            assert.equal((await rc.reply(rc.corrId - i)).kind, 'OK');
        // A receive binding never allows sending.
        assert.ok(isErr(await rc.call({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('y') }), 'AUTH'));
        rc.close();
        sc.close();
    }
    finally {
        await r.close();
    }
});
test('commands held behind a slow store lookup are bounded; the excess is refused, the rest runs in order', async () => {
    // A store whose lookups wait until released, like a remote backend under load.
    let release;
    const released = new Promise((resolve) => (release = resolve));
    class SlowLookups extends MemoryQueueStore {
        async queueBySendId(sendId) {
            await released;
            return super.queueBySendId(sendId);
        }
    }
    const dir = await mkdtemp(join(tmpdir(), 'saltline-relay-'));
    dirs.push(dir);
    const r = await startRelay({ dataDir: dir, tls: false, store: new SlowLookups() });
    try {
        const rc = await RawClient.connect(urlOf(r));
        const q = await createQueue(rc);
        const sc = await RawClient.connect(urlOf(r));
        const extra = 20;
        sc.sendRaw(sc.frame({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from('m0') }, q.sender.secretKey));
        for (let i = 1; i <= MAX_QUEUED_COMMANDS + extra; i++)
            sc.sendRaw(sc.frame({ kind: 'SEND', sendId: q.sendId, envelope: Buffer.from(`m${i}`) }));
        await sc.until(() => sc.replies.filter((x) => isErr(x, 'RATE_LIMITED')).length === extra);
        release();
        await sc.until(() => sc.replies.filter((x) => x.kind === 'OK').length === 1 + MAX_QUEUED_COMMANDS);
        const refused = sc.replies.filter((x) => isErr(x, 'RATE_LIMITED')).map((x) => x.corrId);
        assert.deepEqual(refused, Array.from({ length: extra }, (_, i) => 2 + MAX_QUEUED_COMMANDS + i));
        assert.deepEqual((await r.core.store.read(q.recvId, 0, 1000)).map((e) => e.body.toString()), Array.from({ length: 1 + MAX_QUEUED_COMMANDS }, (_, i) => `m${i}`));
        rc.close();
        sc.close();
    }
    finally {
        await r.close();
    }
});
//# sourceMappingURL=relay.test.js.map