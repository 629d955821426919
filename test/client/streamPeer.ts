/**
 * A peer process for the kill -9 scenario (issue 4 §Tests): the real SDK on a real LanceDB
 * profile. `send DIR CONTACT N` resumes after the last message its own history holds and sends
 * `m<i>` up to N−1, printing `saved <i>` once each is committed; `receive DIR` prints
 * `got <text>` for each message the client reports. Both run until killed.
 */
import { Client } from '../../src/index.js';

const [role, dir, contact, total] = process.argv.slice(2);
const FAST = { backoff: { initialMs: 20, maxMs: 300 }, connectTimeoutMs: 2000 };

async function lastSent(client: Client, name: string): Promise<number> {
  const [newest] = await client.history(name, { limit: 1 });
  return newest === undefined ? -1 : Number(newest.text.slice(1));
}

async function main(): Promise<void> {
  if (dir === undefined) throw new Error('usage: streamPeer send|receive DIR [CONTACT N]');
  const client = await Client.open(dir, 'stream passphrase', FAST);
  if (role === 'send') {
    const name = contact ?? '';
    const n = Number(total);
    await client.start();
    for (let i = (await lastSent(client, name)) + 1; i < n; i++) {
      await client.send(name, `m${i}`);
      process.stdout.write(`saved ${i}\n`);
    }
    process.stdout.write('all saved\n');
  } else {
    client.on((e) => {
      if (e.type === 'message' && !e.message.outgoing) process.stdout.write(`got ${e.message.text}\n`);
    });
    await client.start();
    process.stdout.write('listening\n');
  }
  // Stays up (the relay client keeps the loop alive) until the test kills it.
  setInterval(() => undefined, 60_000);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
