/** What the SDK-level tests share: fast client options, polling for an eventual state and introducing two clients. */
import type { Client } from '../../src/client/index.js';
import { until } from '../helpers/until.js';

export { until };

/** Client options for tests on a loopback relay: give up and retry quickly. */
export const FAST = { connectTimeoutMs: 3_000, backoff: { initialMs: 50, maxMs: 500 } } as const;

/** `a` invites, `b` accepts; resolves once `a` holds an established session with `b`, and `b` knows `a`. */
export async function connect(a: Client, b: Client): Promise<void> {
  await b.acceptInvitation((await a.createInvitation()).link, a.profile.name);
  await until(async () => (await a.contacts()).some((c) => c.name === b.profile.name && c.established), `${a.profile.name} ↔ ${b.profile.name}`);
  await until(async () => (await b.contacts()).some((c) => c.name === a.profile.name), `${b.profile.name} knows ${a.profile.name}`);
}
