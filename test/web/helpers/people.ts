/**
 * Real people for the web app's tests (issue 7 §Tests): a relay on 127.0.0.1 (in this process,
 * TLS with its pinned key, queues in memory), profiles in temporary folders (LanceDB, minimum
 * Argon2id cost) and in-memory SDK clients, introduced to each other by real invitations.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, type ClientOptions } from '../../../src/client/client.js';
import type { ClientEvent, ContactInfo } from '../../../src/client/types.js';
import { PWHASH_LIMITS } from '../../../src/crypto/pwhash.js';
import { startRelay, type RunningRelay } from '../../../src/relay/wsServer.js';
import { until } from '../../helpers/until.js';

/** Short timeouts and backoff, so a test waits on the network in tens of milliseconds. */
export const FAST: ClientOptions = { connectTimeoutMs: 3_000, backoff: { initialMs: 50, maxMs: 500 } };

export interface TestWorld {
  readonly relay: RunningRelay;
  /** A temporary folder for profiles and anything else; removed on close. */
  readonly dir: string;
  /** Creates a profile folder (closed again): what `saltline init` leaves behind. */
  createProfile(name: string, passphrase?: string): Promise<{ dir: string; passphrase: string }>;
  /** An in-memory client on the relay, already online. */
  person(name: string, options?: ClientOptions): Promise<Client>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<TestWorld> {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-web-'));
  const relay = await startRelay({ dataDir: dir, store: 'memory' });
  const people: Client[] = [];
  return {
    relay,
    dir,
    createProfile: async (name, passphrase = `${name} passphrase`) => {
      const profile = join(dir, name.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
      const client = await Client.create(profile, passphrase, { name, relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
      await client.close();
      return { dir: profile, passphrase };
    },
    person: async (name, options = {}) => {
      const client = await Client.inMemory({ name, relay: relay.address, ...FAST, ...options });
      people.push(client);
      await client.start();
      return client;
    },
    close: async () => {
      await Promise.all(people.map((p) => p.close()));
      await relay.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function waitForEvent<E extends ClientEvent = ClientEvent>(client: Pick<Client, 'on'>, match: (e: ClientEvent) => boolean, what = 'event', ms = 15_000): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`${what} did not arrive within ${ms} ms`));
    }, ms);
    const off = client.on((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e as E);
    });
  });
}

/**
 * `inviter` invites, `invitee` accepts under `nameOnInvitee`; resolves when both sides have the
 * contact and the handshake is complete (the inviter's reply arrived).
 */
export async function introduce(inviter: Client, invitee: Client, nameOnInvitee: string): Promise<{ onInviter: ContactInfo; onInvitee: ContactInfo }> {
  const { link } = await inviter.createInvitation();
  const joined = waitForEvent<{ type: 'contact'; contact: ContactInfo }>(inviter, (e) => e.type === 'contact', 'the inviter’s new contact');
  const established = waitForEvent<{ type: 'contact'; contact: ContactInfo }>(invitee, (e) => e.type === 'contact' && e.contact.established, 'the completed handshake');
  await invitee.acceptInvitation(link, nameOnInvitee);
  const [{ contact: onInviter }, { contact: onInvitee }] = await Promise.all([joined, established]);
  return { onInviter, onInvitee };
}

/** Waits (bounded) until `check` holds: for state another client reaches on its own time. */
export const eventually = (what: string, check: () => Promise<boolean>, ms = 15_000): Promise<void> => until(check, what, ms, 50);
