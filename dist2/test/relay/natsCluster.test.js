/**
 * A relay run as two stateless nodes over a 3-server NATS JetStream cluster (issue #9 §Tests):
 * real `nats-server` and relay processes on loopback, clients from src/transport behind a TCP
 * balancer. Mid-stream one NATS server (the envelope stream's leader) and one relay node get
 * `kill -9`; every message must still arrive exactly once and in order. Skips (with the reason)
 * when nats-server is not installed.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { formatRelayAddress, parseRelayAddress } from '../../src/protocol/relayWire/relayAddress.js';
import { RelayCommandError } from '../../src/transport/errors.js';
import { RelayClient } from '../../src/transport/relayClient.js';
import { NATS_MISSING, natsServerBinary, startNatsCluster } from '../helpers/natsCluster.js';
import { cloneNodeKeys, startRelayNode } from '../helpers/relayNode.js';
import { startTcpFailover } from '../helpers/tcpFailover.js';
const skip = natsServerBinary() === undefined ? NATS_MISSING : false;
const MESSAGES = 1000;
const KILL_AT = 300;
let cluster;
const cleanups = [];
before(async () => {
    if (!skip)
        cluster = await startNatsCluster(3);
});
after(async () => {
    for (const c of cleanups.reverse())
        await c().catch(() => undefined);
    await cluster?.stop();
});
async function healthOf(node) {
    const res = await fetch(node.health);
    return { status: res.status, body: (await res.json()) };
}
/** Sends `count` numbered envelopes one after another, retrying each until the relay acknowledges it. */
async function sendAll(client, to, tag, count, sent) {
    for (let i = 0; i < count; i++) {
        const envelope = Buffer.from(`${tag}:${String(i).padStart(6, '0')}:`.padEnd(256, '.'));
        for (;;) {
            try {
                await client.send(to, envelope);
                break;
            }
            catch (e) {
                if (e instanceof RelayCommandError && e.permanent)
                    throw e;
                await new Promise((r) => setTimeout(r, 50)); // node or NATS failing over: same envelope again
            }
        }
        sent.n = i + 1;
    }
}
async function until(condition, timeoutMs, what) {
    const end = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > end)
            throw new Error(`timed out: ${what()}`);
        await new Promise((r) => setTimeout(r, 20));
    }
}
test('#21 #17 kill -9 of a NATS server and a relay node mid-stream: 1,000 messages each way arrive exactly once, in order', { skip, timeout: 50_000 }, async () => {
    const c = cluster;
    const dir1 = await mkdtemp(join(tmpdir(), 'saltline-node-'));
    cleanups.push(() => rm(dir1, { recursive: true, force: true }));
    const nodeArgs = (dir) => ['--store', 'nats', '--nats', c.urls, '--data', dir, '--port', '0', '--health-port', '0'];
    const node1 = await startRelayNode(nodeArgs(dir1));
    cleanups.push(() => node1.kill9());
    // The second node of the same relay: same TLS key (same pinned address) and operator key.
    const dir2 = await cloneNodeKeys(dir1);
    cleanups.push(() => rm(dir2, { recursive: true, force: true }));
    const node2 = await startRelayNode(nodeArgs(dir2));
    cleanups.push(() => node2.kill9());
    const fingerprint = parseRelayAddress(node1.address).fingerprint;
    assert.deepEqual(parseRelayAddress(node2.address).fingerprint, fingerprint, 'nodes of one relay share its TLS key');
    for (const n of [node1, node2]) {
        const h = await healthOf(n);
        assert.equal(h.status, 200);
        assert.equal(h.body.ok, true);
        assert.equal(h.body.store, 'nats');
    }
    // One relay address per client, each preferring a different node and failing over to the other.
    const frontA = await startTcpFailover([node1.port, node2.port]);
    const frontB = await startTcpFailover([node2.port, node1.port]);
    cleanups.push(() => frontA.close(), () => frontB.close());
    const relayA = parseRelayAddress(formatRelayAddress('127.0.0.1', frontA.port, fingerprint));
    const relayB = parseRelayAddress(formatRelayAddress('127.0.0.1', frontB.port, fingerprint));
    const options = { backoff: { initialMs: 50, maxMs: 500 }, connectTimeoutMs: 3000, commandTimeoutMs: 20_000 };
    const alice = new RelayClient(options);
    const bob = new RelayClient(options);
    cleanups.push(() => {
        alice.close();
        bob.close();
        return Promise.resolve();
    });
    const aliceInbox = await alice.createQueue(relayA);
    const bobInbox = await bob.createQueue(relayB);
    const gotByAlice = [];
    const gotByBob = [];
    alice.subscribe(aliceInbox, (m) => Promise.resolve(void gotByAlice.push(m.envelope.toString().slice(0, 8))));
    bob.subscribe(bobInbox, (m) => Promise.resolve(void gotByBob.push(m.envelope.toString().slice(0, 8))));
    // The queue addresses they would exchange, each used through the sender's own front door.
    const toBob = { relay: relayA, sendId: bobInbox.sendId, senderSeed: bobInbox.senderSeed };
    const toAlice = { relay: relayB, sendId: aliceInbox.sendId, senderSeed: aliceInbox.senderSeed };
    const sentA = { n: 0 };
    const sentB = { n: 0 };
    const sending = Promise.all([sendAll(alice, toBob, 'a', MESSAGES, sentA), sendAll(bob, toAlice, 'b', MESSAGES, sentB)]);
    sending.catch(() => undefined);
    const progress = () => `sent a ${sentA.n} b ${sentB.n}, bob got ${gotByBob.length}, alice got ${gotByAlice.length}; node2: ${node2.stderr().slice(-600)}`;
    await until(() => gotByBob.length >= KILL_AT && gotByAlice.length >= KILL_AT, 20_000, progress);
    // Kill the server leading the envelope stream (the harshest NATS loss) and Alice's node.
    const nc = await connect({ servers: c.urls.split(',') });
    const leader = (await (await jetstreamManager(nc)).streams.info('SALTLINE_ENVELOPES')).cluster?.leader;
    await nc.close();
    const victim = c.nodes.find((n) => n.name === leader) ?? c.nodes[0];
    await Promise.all([victim.kill9(), node1.kill9()]);
    await sending;
    await until(() => gotByBob.length >= MESSAGES && gotByAlice.length >= MESSAGES, 30_000, progress);
    await new Promise((r) => setTimeout(r, 300)); // anything duplicated would arrive by now
    const expected = (tag) => Array.from({ length: MESSAGES }, (_, i) => `${tag}:${String(i).padStart(6, '0')}`);
    assert.deepEqual(gotByBob, expected('a'));
    assert.deepEqual(gotByAlice, expected('b'));
    // The surviving node serves with 2 of 3 NATS servers, and says so.
    const h = await healthOf(node2);
    assert.equal(h.status, 200);
    assert.equal(h.body.ok, true);
    // Without any NATS server it cannot serve: the health check tells the load balancer.
    await Promise.all(c.nodes.map((n) => n.kill9()));
    const down = await healthOf(node2);
    assert.equal(down.status, 503);
    assert.equal(down.body.ok, false);
});
test('relay flags: --store nats needs --nats, and bad NATS URLs are refused', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'saltline-node-'));
    try {
        await assert.rejects(startRelayNode(['--store', 'nats', '--data', dir, '--port', '0']), /--nats URLS goes with --store nats/);
        await assert.rejects(startRelayNode(['--store', 'nats', '--nats', 'http://127.0.0.1:4222', '--data', dir, '--port', '0']), /not a nats:\/\/ or tls:\/\/ URL/);
        await assert.rejects(startRelayNode(['--store', 'postgres', '--data', dir, '--port', '0']), /--store must be embedded, memory or nats/);
    }
    finally {
        await rm(dir, { recursive: true, force: true });
    }
});
//# sourceMappingURL=natsCluster.test.js.map