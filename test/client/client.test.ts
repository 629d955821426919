/**
 * The SDK end to end (issue 5) with a real relay (TLS, pinned key) on loopback: invitation,
 * handshake, safety numbers, messages both ways with delivery receipts, history and search, the
 * refusal of a changed identity, and a profile that survives closing and reopening.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, ContactIdentityChangedError, type ClientEvent } from '../../src/client/index.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';
import { FAST } from './helpers.js';

let relay: RunningRelay;
let dir: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saltline-client-'));
  relay = await startRelay({ dataDir: dir, store: 'memory' });
});
after(async () => {
  await relay.close();
  await rm(dir, { recursive: true, force: true });
});

function waitFor(client: Client, match: (e: ClientEvent) => boolean, ms = 10_000): Promise<ClientEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('event did not arrive'));
    }, ms);
    const off = client.on((e) => {
      if (match(e)) {
        clearTimeout(timer);
        off();
        resolve(e);
      }
    });
  });
}

async function pair(aliceName = 'Alice', bobName = 'Bob'): Promise<{ alice: Client; bob: Client }> {
  const alice = await Client.inMemory({ name: aliceName, relay: relay.address, ...FAST });
  const bob = await Client.inMemory({ name: bobName, relay: relay.address, ...FAST });
  await alice.start();
  await bob.start();
  const { link } = await alice.createInvitation();
  assert.match(link, /^saltline:[A-Za-z0-9_-]+$/);
  const contactOnAlice = waitFor(alice, (e) => e.type === 'contact');
  await bob.acceptInvitation(link, 'alice');
  await contactOnAlice;
  return { alice, bob };
}

test('two clients invite, verify and chat both ways with delivery receipts', async () => {
  const { alice, bob } = await pair();
  try {
    const [bobOnAlice] = await alice.contacts();
    assert.equal(bobOnAlice?.name, 'Bob', 'the inviter learns the name the invitee chose for itself');
    assert.equal((await bob.contacts())[0]?.name, 'alice');

    const sa = await alice.safetyNumber('Bob');
    const sb = await bob.safetyNumber('alice');
    assert.equal(sa.digits, sb.digits);
    assert.equal(sa.digits.length, 60);
    await alice.markVerified('bob');
    assert.equal((await alice.contacts())[0]?.verified, true);

    const gotByAlice = waitFor(alice, (e) => e.type === 'message');
    const delivered = waitFor(bob, (e) => e.type === 'delivery' && e.state === 'delivered');
    const sent = await bob.send('alice', 'hello from the harbour');
    assert.equal(sent.state, 'sending');
    const m = await gotByAlice;
    assert.ok(m.type === 'message' && m.message.text === 'hello from the harbour' && !m.message.outgoing && m.message.senderName === 'Bob');
    const d = await delivered;
    assert.ok(d.type === 'delivery' && d.messageId === sent.id);

    const gotByBob = waitFor(bob, (e) => e.type === 'message');
    await alice.send('Bob', 'welcome aboard');
    const r = await gotByBob;
    assert.ok(r.type === 'message' && r.message.text === 'welcome aboard');
    assert.equal((await bob.contacts())[0]?.established, true, 'the inviter replied: handshake complete');

    const read = waitFor(bob, (e) => e.type === 'delivery' && e.state === 'read');
    assert.equal((await alice.conversations())[0]?.unread, 1);
    await alice.markRead('Bob');
    await read;
    assert.equal((await alice.conversations())[0]?.unread, 0);

    const history = await alice.history('Bob');
    assert.deepEqual(
      history.map((h) => [h.text, h.outgoing]),
      [
        ['hello from the harbour', false],
        ['welcome aboard', true],
      ],
    );
    const found = await bob.search('harb');
    assert.deepEqual(
      found.map((f) => f.text),
      ['hello from the harbour'],
    );
    assert.deepEqual(await bob.search('nothing-like-this'), []);
  } finally {
    await alice.close();
    await bob.close();
  }
});

test('#12 a contact presenting a different identity key is refused with a warning; confirming binds the new key', async () => {
  const { alice, bob } = await pair();
  const impostor = await Client.inMemory({ name: 'Bob', relay: relay.address, ...FAST });
  try {
    await impostor.start();
    // Alice re-invites Bob (say he lost his phone); someone with another key answers.
    const { link } = await alice.createInvitation({ contact: 'Bob' });
    const warned = waitFor(alice, (e) => e.type === 'identityChanged');
    await impostor.acceptInvitation(link, 'alice');
    const w = await warned;
    assert.ok(w.type === 'identityChanged' && w.name === 'Bob');
    const [bobOnAlice] = await alice.contacts();
    assert.equal(bobOnAlice?.identityChanged, true);
    await assert.rejects(alice.send('Bob', 'are you there?'), ContactIdentityChangedError);
    const numbers = await alice.safetyNumber('Bob');
    assert.ok(numbers.changed && numbers.changed.digits !== numbers.digits);

    // Accepting an invitation under a contact's name with another identity is refused too.
    const { link: impostorLink } = await impostor.createInvitation();
    await assert.rejects(bob.acceptInvitation(impostorLink, 'alice'), ContactIdentityChangedError);
    assert.equal((await bob.contacts()).length, 1);

    // After comparing the new safety number, Alice accepts the new key and can talk again.
    await alice.markVerified('Bob');
    assert.equal((await alice.contacts())[0]?.identityChanged, false);
    const got = waitFor(impostor, (e) => e.type === 'message');
    await alice.send('Bob', 'verified you again');
    const g = await got;
    assert.ok(g.type === 'message' && g.message.text === 'verified you again');
  } finally {
    await Promise.all([alice.close(), bob.close(), impostor.close()]);
  }
});

test('a profile folder keeps contacts, sessions and history across close and reopen', async () => {
  const profile = join(dir, 'alice-profile');
  let alice = await Client.create(profile, 'correct horse', { name: 'Alice', relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
  const bob = await Client.inMemory({ name: 'Bob', relay: relay.address, ...FAST });
  try {
    await bob.start();
    const { link } = await alice.createInvitation();
    await alice.close();
    await bob.acceptInvitation(link, 'alice');
    await bob.send('alice', 'sent while you were away');
    await bob.flush();

    alice = await Client.open(profile, 'correct horse', FAST);
    const result = await alice.sync();
    assert.equal(result.received, 1);
    assert.equal((await alice.history('Bob'))[0]?.text, 'sent while you were away');
    await alice.send('Bob', 'back now');
    const got = waitFor(bob, (e) => e.type === 'message');
    assert.equal((await alice.flush()).pending, 0);
    const g = await got;
    assert.ok(g.type === 'message' && g.message.text === 'back now');
    await alice.close();
    alice = await Client.open(profile, 'correct horse', FAST);
    assert.deepEqual(
      (await alice.history('Bob')).map((m) => m.text),
      ['sent while you were away', 'back now'],
    );
  } finally {
    await alice.close();
    await bob.close();
  }
});
