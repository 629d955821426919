/**
 * Two people chat through the real `saltline` binary (issue 5 §Tests): separate processes, real
 * profile folders and a real relay process on loopback: init, invite, accept, safety numbers
 * match, messages both ways with delivery ticks, sync, history, search, and the encrypted backup.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sandboxWithRelay } from './harness.js';
const world = sandboxWithRelay();
test('init, invite, accept, verify, chat both ways, sync, history, search, backup', { timeout: 120_000 }, async () => {
    assert.match(world.relay.address, /^wss:\/\/127\.0\.0\.1:\d+\/#[A-Za-z0-9_-]{43}$/, 'the relay prints its pinned address first');
    const alice = await world.box.json('alice', ['init', '--name', 'Alice', '--relay', world.relay.address]);
    assert.equal(alice.name, 'Alice');
    assert.equal(alice.relay, world.relay.address);
    await world.box.ok('bob', ['init', '--name', 'Bob', '--relay', world.relay.address]);
    const human = await world.box.ok('alice', ['invite']);
    assert.match(human.stdout, /saltline:[A-Za-z0-9_-]{100,}/);
    assert.match(human.stdout, /[▀▄█]/, 'a QR code is drawn in the terminal');
    const { link } = await world.box.json('alice', ['invite']);
    const accepted = await world.box.json('bob', ['accept', link, '--name', 'alice']);
    assert.equal(accepted.contact.name, 'alice');
    // Alice learns of Bob when his handshake arrives, under the name he chose for himself.
    const firstSync = await world.box.json('alice', ['sync']);
    assert.equal(firstSync.received, 0);
    const { contacts } = await world.box.json('alice', ['contacts']);
    assert.deepEqual(contacts.map((c) => [c.name, c.verified]), [['Bob', false]]);
    const va = await world.box.json('alice', ['verify', 'Bob']);
    const vb = await world.box.json('bob', ['verify', 'alice']);
    assert.match(va.safetyNumber, /^\d{60}$/);
    assert.equal(va.safetyNumber, vb.safetyNumber, 'both sides show the same safety number');
    const confirmed = await world.box.json('alice', ['verify', 'Bob', '--confirm']);
    assert.equal(confirmed.verified, true);
    const sent = await world.box.json('alice', ['send', 'Bob', 'Meet at the lighthouse at noon']);
    assert.equal(sent.queued, false);
    assert.equal(sent.message.state, 'sent');
    const bobSync = await world.box.json('bob', ['sync']);
    assert.equal(bobSync.received, 1);
    assert.equal(bobSync.messages[0]?.text, 'Meet at the lighthouse at noon');
    assert.equal(bobSync.messages[0]?.sender, 'alice');
    await world.box.ok('bob', ['send', 'alice', 'Noon works, bring the charts']);
    const aliceSync = await world.box.json('alice', ['sync']);
    assert.equal(aliceSync.received, 1);
    assert.equal(aliceSync.messages[0]?.text, 'Noon works, bring the charts');
    const { messages } = await world.box.json('alice', ['history', 'Bob']);
    assert.deepEqual(messages.map((m) => [m.text, m.outgoing]), [
        ['Meet at the lighthouse at noon', true],
        ['Noon works, bring the charts', false],
    ]);
    assert.equal(messages[0]?.state, 'delivered', "Bob's device confirmed it (end-to-end receipt)");
    const page = await world.box.json('alice', ['history', 'Bob', '--limit', '1']);
    assert.deepEqual(page.messages.map((m) => m.text), ['Noon works, bring the charts']);
    const plain = await world.box.ok('alice', ['history', 'Bob']);
    assert.match(plain.stdout, /me: Meet at the lighthouse at noon {2}✓✓/);
    const found = await world.box.json('bob', ['search', 'lightho']);
    assert.deepEqual(found.messages.map((m) => m.text), ['Meet at the lighthouse at noon']);
    assert.deepEqual((await world.box.json('bob', ['search', 'submarine'])).messages, []);
    // The encrypted backup restores the whole conversation into a new profile.
    const file = `${world.box.root}/alice.backup`;
    const exported = await world.box.run('alice', ['export', file], { SALTLINE_BACKUP_PASSPHRASE: 'backup words' });
    assert.equal(exported.code, 0, exported.stderr);
    const restored = await world.box.run('alice-restored', ['import', file], { SALTLINE_BACKUP_PASSPHRASE: 'backup words' });
    assert.equal(restored.code, 0, restored.stderr);
    const again = await world.box.json('alice-restored', ['history', 'Bob']);
    assert.deepEqual(again.messages.map((m) => m.text), messages.map((m) => m.text));
    const wrong = await world.box.run('alice-wrong', ['import', file], { SALTLINE_BACKUP_PASSPHRASE: 'not the words' });
    assert.notEqual(wrong.code, 0);
    assert.equal(wrong.stderr.trim().split('\n').length, 1);
});
//# sourceMappingURL=conversation.test.js.map