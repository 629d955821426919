/**
 * What the issue 8 end-to-end tests share: two real `saltline` profiles introduced through a real
 * relay process, JSON helpers, and a profile opened in the test process as its own device (with a
 * clock of the test's choosing).
 */
import { Client } from '../../src/client/index.js';
import { messageJson } from '../../src/cli/format.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { sandboxWithRelay } from './harness.js';

export interface Msg {
  id: string;
  conversationId: string;
  text: string;
  outgoing: boolean;
  state: string;
  edited: boolean;
  deleted: boolean;
  reactions: { emoji: string; sender: string | null }[];
  replyTo: { id: string; text: string | null; sender: string | null } | null;
  expiresAt: number | null;
  expiresIn?: number;
  timer?: number;
}

export const world = sandboxWithRelay();
export const PASSPHRASE = 'test passphrase';
export const SECRET = { edited: 'EDITEDAWAY lighthouse plan', deleted: 'DELETEDTEXT harbour code', vanished: 'VANISHING rendezvous words' };

/**
 * A conversation as `saltline history NAME --json` prints it. Syncs and history reads run in this
 * process on the profile (its device) to keep each file's time down on a loaded machine; the
 * commands under test run as `saltline` processes.
 */
export async function history(profile: string, name: string): Promise<Msg[]> {
  const c = await device(profile);
  try {
    return (await c.history(name)).map((m) => messageJson(m) as unknown as Msg);
  } finally {
    await c.close();
  }
}

export async function sync(profile: string): Promise<{ received: number; refused: number }> {
  const c = await device(profile);
  try {
    return await c.sync();
  } finally {
    await c.close();
  }
}

/** A profile opened in this process (its device), with a clock of our choosing. */
export async function device(profile: string, now?: () => number): Promise<Client> {
  return Client.open(world.box.profile(profile), PASSPHRASE, { connectTimeoutMs: 2_000, ...(now ? { now } : {}) });
}

/**
 * Alice and Bob (Bob calls her "alice") with a session both ways. Made in this process to keep
 * each file's time down (test/cli/conversation.test.ts covers these commands as processes).
 */
export async function setUp(): Promise<void> {
  const made = async (name: string): Promise<Client> => Client.create(world.box.profile(name.toLowerCase()), PASSPHRASE, { name, relay: world.relay.address, pwhash: PWHASH_LIMITS.min, connectTimeoutMs: 2_000 });
  const alice = await made('Alice');
  const bob = await made('Bob');
  try {
    const { link } = await alice.createInvitation();
    await bob.acceptInvitation(link, 'alice');
    await bob.flush();
    await alice.sync();
    await bob.sync();
  } finally {
    await alice.close();
    await bob.close();
  }
}

