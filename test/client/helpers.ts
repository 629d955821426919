/** What the SDK-level tests share: polling for an eventual state and introducing two clients. */
import type { Client } from '../../src/client/index.js';

/** Polls `check` every 50 ms until it holds; fails after `ms` naming `what`. */
export async function until(check: () => Promise<boolean>, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** `a` invites, `b` accepts; resolves once `a` holds an established session with `b`. */
export async function connect(a: Client, b: Client): Promise<void> {
  await b.acceptInvitation((await a.createInvitation()).link, a.profile.name);
  await until(async () => (await a.contacts()).some((c) => c.name === b.profile.name && c.established), `${a.profile.name} ↔ ${b.profile.name}`);
}
