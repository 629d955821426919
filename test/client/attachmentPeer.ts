/**
 * A sending peer process for the attachment kill test (issue 8 item 1): the real SDK on a real
 * LanceDB profile. `send DIR CONTACT FILE` connects, sends FILE to CONTACT and prints `sent` once
 * the relay holds all of it; `resume DIR` opens the profile again, lets it finish what an earlier
 * process left (`sync` waits for resumed uploads) and prints `synced`. Both stay up until killed.
 */
import { Client } from '../../src/index.js';

const [role, dir, contact, file] = process.argv.slice(2);
const FAST = { backoff: { initialMs: 20, maxMs: 300 }, connectTimeoutMs: 2000 };

async function main(): Promise<void> {
  if (dir === undefined) throw new Error('usage: attachmentPeer send DIR CONTACT FILE | resume DIR');
  const client = await Client.open(dir, 'attachment passphrase', FAST);
  // Everything start() does on the relay is done before an upload begins; a resumed upload is
  // waited for by this sync.
  await client.sync({ timeoutMs: 10_000 });
  if (role === 'send') {
    await client.sendFile(contact ?? '', file ?? '');
    process.stdout.write('sent\n');
  } else {
    process.stdout.write('synced\n');
  }
  setInterval(() => undefined, 60_000);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
