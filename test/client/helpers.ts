/** What the SDK-level tests share: polling for an eventual state and introducing two clients. */
import type { Client } from '../../src/client/index.js';
import { until } from '../helpers/until.js';

export { until };

/** `a` invites, `b` accepts; resolves once `a` holds an established session with `b`. */
export async function connect(a: Client, b: Client): Promise<void> {
  await b.acceptInvitation((await a.createInvitation()).link, a.profile.name);
  await until(async () => (await a.contacts()).some((c) => c.name === b.profile.name && c.established), `${a.profile.name} ↔ ${b.profile.name}`);
}
