/**
 * Groups over real 1:1 sessions (issue #6 items 3 and 5; SECURITY-TESTS #15, #16): pairwise group
 * payloads travel inside Double Ratchet messages, members who are not contacts connect through a
 * sealed introduction and the ordinary invitation handshake, and neither path accepts the other's
 * envelopes. This is also the reference for what a client does with the group API.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cryptoReady, SaltlineError, toHex, type IdentityPublicKey } from '../../../src/crypto/index.js';
import {
  acceptInvitation,
  createIdentity,
  createInvitation,
  decryptMessage,
  encryptMessage,
  respondToInvitation,
  serializeSession,
  type Identity,
  type InvitationSecrets,
  type Session,
} from '../../../src/protocol/index.js';
import {
  checkIntroduction,
  createGroup,
  decryptGroupMessage,
  encryptGroupMessage,
  introductionRole,
  memberOf,
  openIntroduction,
  receiveGroupPayload,
  ROLE,
  sealIntroduction,
  senderKeyPayloadFor,
  serializeGroup,
  StaleChangeError,
  type Group,
  type Outgoing,
} from '../../../src/protocol/group/index.js';
import { seededRng, text } from './helpers.js';

await cryptoReady();

const rng = seededRng('cross path');

class Client {
  readonly identity: Identity;
  readonly key: IdentityPublicKey;
  readonly address: Buffer;
  group: Group | null = null;
  readonly sessions = new Map<string, Session>();
  /** Pairwise payloads waiting for a session with that member. */
  readonly waiting = new Map<string, Buffer[]>();
  readonly invitations = new Map<string, { secrets: InvitationSecrets; peer: string }>();

  constructor(readonly name: string) {
    this.identity = createIdentity(rng);
    this.key = this.identity.publicIdentity.identityKey;
    this.address = text(`queue:${name}`);
  }

  session(peer: Client): Session {
    const s = this.sessions.get(toHex(peer.key));
    if (!s) throw new Error(`${this.name} has no session with ${peer.name}`);
    return s;
  }

  /** Encrypts a 1:1 message to `peer` (the client would push it to the peer's queue). */
  seal(peer: Client, plaintext: Uint8Array): Buffer {
    const { state, envelope } = encryptMessage(this.session(peer), plaintext, { rng });
    this.sessions.set(toHex(peer.key), state);
    return envelope;
  }

  open(peer: Client, envelope: Uint8Array): Buffer {
    const { state, plaintext } = decryptMessage(this.session(peer), envelope, { rng });
    this.sessions.set(toHex(peer.key), state);
    return plaintext;
  }
}

const clients = new Map<string, Client>();
const byKey = (key: Uint8Array): Client => [...clients.values()].find((c) => c.key.equals(key))!;

/** The contact handshake the app already has: `inviter` shares a link, `invitee` accepts. */
function connect(inviter: Client, invitee: Client): void {
  const { invitation, secrets } = createInvitation(inviter.identity, { address: inviter.address, rng });
  const first = encryptMessage(acceptInvitation(invitee.identity, invitation, { address: invitee.address, rng }), text('hi'), { rng });
  invitee.sessions.set(toHex(inviter.key), first.state);
  const responded = respondToInvitation(inviter.identity, secrets, first.envelope, { rng });
  inviter.sessions.set(toHex(invitee.key), responded.state);
  invitee.open(inviter, inviter.seal(invitee, text('hello')));
}

/** Hands group payloads to their members: over the 1:1 session if there is one, else they wait for it. */
function dispatch(from: Client, outgoing: readonly Outgoing[]): void {
  for (const o of outgoing) {
    const to = byKey(o.to.identity.identityKey);
    if (from.sessions.has(toHex(to.key))) receivePairwise(to, from, from.seal(to, o.payload));
    else from.waiting.set(toHex(to.key), [...(from.waiting.get(toHex(to.key)) ?? []), o.payload]);
  }
}

/**
 * What a client does with a 1:1 message that carries a group payload: the sender is the session's
 * peer. STALE_CHANGE means "already known" (a key sent twice, a change already applied): the
 * client acknowledges the message and moves on.
 */
function receivePairwise(to: Client, from: Client, envelope: Buffer): void {
  const plaintext = to.open(from, envelope);
  try {
    const r = receiveGroupPayload(to.group, to.session(from).peer.identityKey, plaintext, { rng, self: to.key });
    to.group = r.group;
    dispatch(to, r.outgoing);
  } catch (e) {
    if (!(e instanceof StaleChangeError)) throw e;
  }
}

function flushWaiting(from: Client, to: Client): void {
  const list = from.waiting.get(toHex(to.key)) ?? [];
  from.waiting.delete(toHex(to.key));
  dispatch(from, list.map((payload) => ({ to: memberOf(from.group!.state, to.key)!, payload })));
}

/**
 * Two members without a session: the lower identity key invites (a fresh one-time invitation,
 * sealed to the other's identity DH key from the group state), the other accepts it and sends its
 * first waiting payload inside the handshake message, the inviter responds.
 */
function introduce(a: Client, b: Client): void {
  const [inviter, invitee] = introductionRole(a.key, b.key) === 'invite' ? [a, b] : [b, a];
  const { invitation, secrets } = createInvitation(inviter.identity, { address: inviter.address, rng });
  inviter.invitations.set(toHex(invitation.invitationId), { secrets, peer: toHex(invitee.key) });
  const sealed = sealIntroduction(inviter.group!.state, inviter.identity, invitee.key, invitation, { rng });

  const intro = openIntroduction(invitee.identity, sealed);
  const from = checkIntroduction(invitee.group!.state, invitee.key, intro);
  assert.ok(from.identity.identityKey.equals(inviter.key));
  const [firstPayload, ...rest] = invitee.waiting.get(toHex(inviter.key)) ?? [];
  assert.ok(firstPayload, 'the invitee has its sender key waiting for the inviter');
  invitee.waiting.set(toHex(inviter.key), rest);
  const first = encryptMessage(acceptInvitation(invitee.identity, intro.invitation, { address: invitee.address, rng }), firstPayload, { rng });
  invitee.sessions.set(toHex(inviter.key), first.state);

  const pending = inviter.invitations.get(toHex(invitation.invitationId))!;
  const responded = respondToInvitation(inviter.identity, pending.secrets, first.envelope, { rng });
  inviter.invitations.delete(toHex(invitation.invitationId));
  assert.equal(toHex(responded.peer.identityKey), pending.peer, 'the handshake came from the member we invited');
  inviter.sessions.set(toHex(invitee.key), responded.state);
  try {
    const r = receiveGroupPayload(inviter.group, responded.peer.identityKey, responded.plaintext, { rng, self: inviter.key });
    inviter.group = r.group;
    dispatch(inviter, r.outgoing);
  } catch (e) {
    if (!(e instanceof StaleChangeError)) throw e;
  }
  flushWaiting(inviter, invitee);
  flushWaiting(invitee, inviter);
}

function readGroup(reader: Client, envelope: Buffer): { text: string; sender: string } {
  const r = decryptGroupMessage(reader.group!, envelope);
  reader.group = r.group;
  return { text: r.plaintext.toString(), sender: byKey(r.sender.identity.identityKey).name };
}

function sendGroup(sender: Client, message: string): Buffer {
  const r = encryptGroupMessage(sender.group!, text(message), { rng });
  sender.group = r.group;
  return r.envelope;
}

for (const name of ['alice', 'bob', 'carol', 'mallory']) clients.set(name, new Client(name));
const [alice, bob, carol, mallory] = ['alice', 'bob', 'carol', 'mallory'].map((n) => clients.get(n)!) as [Client, Client, Client, Client];

test('a group over real 1:1 sessions: members who were not contacts connect through an introduction', () => {
  connect(alice, bob);
  connect(alice, carol);
  connect(bob, mallory);
  const created = createGroup(alice.identity, { name: 'friends', address: alice.address, members: [bob, carol].map((c) => ({ identity: c.identity.publicIdentity, address: c.address })) }, { rng });
  alice.group = created.group;
  dispatch(alice, created.outgoing);
  assert.ok(bob.waiting.has(toHex(carol.key)) && carol.waiting.has(toHex(bob.key)), 'bob and carol have no session yet');
  introduce(bob, carol);
  assert.equal(bob.waiting.get(toHex(carol.key))?.length ?? 0, 0);
  assert.equal(carol.waiting.get(toHex(bob.key))?.length ?? 0, 0);

  for (const sender of [alice, bob, carol]) {
    const envelope = sendGroup(sender, `hi from ${sender.name}`);
    for (const reader of [alice, bob, carol]) if (reader !== sender) assert.deepEqual(readGroup(reader, envelope), { text: `hi from ${sender.name}`, sender: sender.name });
  }
});

test('#15 a group envelope on the 1:1 path is rejected, and the session still works', () => {
  const groupEnvelope = sendGroup(alice, 'for the group');
  const before = serializeSession(bob.session(alice));
  assert.throws(() => bob.open(alice, groupEnvelope), (e: unknown) => e instanceof SaltlineError && e.code === 'INVALID_FRAME');
  assert.deepEqual(serializeSession(bob.session(alice)), before);
  assert.equal(bob.open(alice, alice.seal(bob, text('direct'))).toString(), 'direct');
  assert.equal(readGroup(bob, groupEnvelope).text, 'for the group');
});

test('#15 a 1:1 envelope (or an introduction) on the group path is rejected, and the group still works', () => {
  const direct = alice.seal(bob, text('just for bob'));
  const { invitation } = createInvitation(bob.identity, { address: bob.address, rng });
  const introduction = sealIntroduction(bob.group!.state, bob.identity, carol.key, invitation, { rng });
  const before = serializeGroup(bob.group!);
  for (const wrong of [direct, introduction]) {
    assert.throws(() => decryptGroupMessage(bob.group!, wrong), (e: unknown) => e instanceof SaltlineError && e.code === 'INVALID_FRAME');
  }
  assert.deepEqual(serializeGroup(bob.group!), before);
  assert.throws(() => bob.open(alice, introduction), (e: unknown) => e instanceof SaltlineError && e.code === 'INVALID_FRAME');
  assert.equal(bob.open(alice, direct).toString(), 'just for bob');
  assert.deepEqual(readGroup(bob, sendGroup(carol, 'group still fine')), { text: 'group still fine', sender: 'carol' });
});

test('#15 #16 the sender of a group payload is the 1:1 session peer: a payload passed on by another member is refused', () => {
  // A sender-key payload carol made for bob, passed on by bob over his own session with alice:
  // alice binds it to bob, the peer of that session, whom the key's possession proof does not name.
  const plaintext = alice.open(bob, bob.seal(alice, senderKeyPayloadFor(carol.group!, bob.key)));
  const before = serializeGroup(alice.group!);
  assert.throws(
    () => receiveGroupPayload(alice.group, bob.key, plaintext, { rng, self: alice.key }),
    (e: unknown) => e instanceof SaltlineError && e.code === 'BAD_SIGNATURE',
  );
  assert.deepEqual(serializeGroup(alice.group!), before);
  assert.deepEqual(readGroup(alice, sendGroup(carol, 'still carol')), { text: 'still carol', sender: 'carol' });
});

test('introductions: only a member, either side of a pair, and only the addressed member can use one', () => {
  const { invitation } = createInvitation(mallory.identity, { address: mallory.address, rng });
  // mallory is not a member: her client has nothing to seal.
  assert.throws(() => sealIntroduction(bob.group!.state, mallory.identity, carol.key, invitation, { rng }), (e: unknown) => e instanceof SaltlineError && e.code === 'NOT_A_MEMBER');
  const [low, high] = introductionRole(bob.key, carol.key) === 'invite' ? [bob, carol] : [carol, bob];
  // The higher key may invite too (it is the one with something to send first); the client keeps the lower key's on a collision.
  const upward = sealIntroduction(high.group!.state, high.identity, low.key, createInvitation(high.identity, { address: high.address, rng }).invitation, { rng });
  assert.ok(checkIntroduction(low.group!.state, low.key, openIntroduction(low.identity, upward)).identity.identityKey.equals(high.key));
  const toSelf = createInvitation(low.identity, { address: low.address, rng }).invitation;
  assert.throws(() => sealIntroduction(low.group!.state, low.identity, low.key, toSelf, { rng }), (e: unknown) => e instanceof SaltlineError && e.code === 'GROUP_STATE');
  const fine = sealIntroduction(low.group!.state, low.identity, high.key, createInvitation(low.identity, { address: low.address, rng }).invitation, { rng });
  const other = high === carol ? alice : carol;
  assert.throws(() => openIntroduction(other.identity, fine), (e: unknown) => e instanceof SaltlineError && e.code === 'DECRYPT_FAILED');
  const opened = openIntroduction(high.identity, fine);
  assert.throws(() => checkIntroduction(high.group!.state, mallory.key, opened), (e: unknown) => e instanceof SaltlineError && e.code === 'NOT_A_MEMBER');
  assert.ok(checkIntroduction(high.group!.state, high.key, opened).identity.identityKey.equals(low.key));

  // A modified client seals one anyway, against a made-up state listing an outsider.
  const outsider = createIdentity(rng);
  const real = high.group!.state;
  const madeUp = { ...real, members: new Map([...real.members, [toHex(outsider.publicIdentity.identityKey), { identity: outsider.publicIdentity, role: ROLE.admin, adminSince: 1, address: text('x') }]]) };
  const forged = sealIntroduction(madeUp, outsider, high.key, createInvitation(outsider, { address: text('x'), rng }).invitation, { rng });
  assert.throws(() => checkIntroduction(real, high.key, openIntroduction(high.identity, forged)), (e: unknown) => e instanceof SaltlineError && e.code === 'NOT_A_MEMBER');
});

test('a relay cannot inject or replay pairwise group payloads: the 1:1 layer refuses them first', () => {
  const genuine = alice.seal(bob, text('x'));
  bob.open(alice, genuine);
  assert.throws(() => bob.open(alice, genuine), (e: unknown) => e instanceof SaltlineError && e.code === 'REPLAY');
  const forged = Buffer.from(genuine);
  forged[forged.length - 1]! ^= 1;
  assert.throws(() => bob.open(alice, forged), SaltlineError);
});
