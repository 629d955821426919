/**
 * Issue 8 item 1 (interrupted uploads resume), SECURITY-TESTS #21: the sender's process — the real
 * SDK on a real LanceDB profile — is killed with SIGKILL in the middle of uploading a 40 MB file
 * and started again: the upload carries on from what the relay holds, the recipient saves
 * identical bytes, and the message reached the recipient exactly once.
 *
 * Two relays make the kill land mid-upload on a machine of any speed: Bob's queue lives on relay
 * A, Alice's blobs on relay B (her profile's relay). B is frozen (SIGSTOP) once it holds a few
 * chunks, so Alice's message — committed once the file is encrypted — still goes out through A
 * while her upload cannot finish; Alice is killed after Bob has the message, and B is killed and
 * restarted on its port.
 *
 * A process killed while still encrypting (its message never committed) leaves a recorded upload
 * for no message: the next start removes the record and deletes the blob on the relay.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PENDING_UPLOADS_SETTING, PendingUploads } from '../../src/client/pendingUploads.js';
import { systemRng } from '../../src/crypto/random.js';
import { parseRelayAddress } from '../../src/protocol/relayWire/relayAddress.js';
import { BlobClient } from '../../src/transport/blobClient.js';
import { RelayCommandError } from '../../src/transport/errors.js';
import { RelayClient } from '../../src/transport/relayClient.js';
import { Client, PWHASH_LIMITS, type MessageInfo } from '../../src/index.js';
import { openProfile } from '../../src/store/index.js';
import { respawnRelay, spawnRelay, type RelayProcess } from '../transport/relayProcess.js';
import { peerProcesses } from './peerProcess.js';
import { until } from '../helpers/until.js';

const peers = peerProcesses(fileURLToPath(new URL('./attachmentPeer.js', import.meta.url)));
const PASSPHRASE = 'attachment passphrase';
const CHUNK = 1024 * 1024;
const SIZE = 40 * CHUNK + 12_345;
const CHUNKS = Math.ceil(SIZE / CHUNK);
const relays: RelayProcess[] = [];
/** Closed after the tests, so that a failed assertion cannot leave a client keeping the process alive. */
const clients: Client[] = [];
let root = '';

after(async () => {
  peers.killAll();
  for (const c of clients) await c.close().catch(() => undefined);
  for (const r of relays) {
    r.child.kill('SIGCONT');
    await r.stop();
  }
  if (root) await rm(root, { recursive: true, force: true });
});

/** Chunk files the relay keeps under `<data>/blobs/<blob>/<index>`. */
async function storedChunks(relayDir: string): Promise<number> {
  let n = 0;
  const blobs = join(relayDir, 'blobs');
  for (const b of await readdir(blobs).catch(() => [])) n += (await readdir(join(blobs, b)).catch(() => [])).filter((f) => /^\d+$/.test(f)).length;
  return n;
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

test('#21 the sender process killed mid-upload: reopened, it resumes the upload; identical bytes, the message arrives exactly once', { timeout: 90_000 }, async () => {
  root = await mkdtemp(join(tmpdir(), 'saltline-att-kill-'));
  const dirA = join(root, 'relay-a');
  const dirB = join(root, 'relay-b');
  const relayA = await spawnRelay(dirA, { tls: false });
  let relayB = await spawnRelay(dirB, { tls: false });
  relays.push(relayA, relayB);
  const options = { pwhash: PWHASH_LIMITS.min, backoff: { initialMs: 20, maxMs: 300 } };
  const aliceDir = join(root, 'alice');
  const alice = await Client.create(aliceDir, PASSPHRASE, { ...options, name: 'Alice', relay: relayB.address });
  const bob = await Client.create(join(root, 'bob'), PASSPHRASE, { ...options, name: 'Bob', relay: relayA.address });
  clients.push(alice, bob);
  await alice.start();
  await bob.start();
  await bob.acceptInvitation((await alice.createInvitation()).link, 'Alice');
  await alice.sync();
  await alice.close();

  const arrivals: MessageInfo[] = [];
  bob.on((e) => {
    if (e.type === 'message' && e.message.attachment !== undefined) arrivals.push(e.message);
  });
  const src = join(root, 'big.bin');
  const fh = await open(src, 'w');
  const hash = createHash('sha256');
  for (let done = 0; done < SIZE; done += CHUNK) {
    const piece = randomBytes(Math.min(CHUNK, SIZE - done));
    hash.update(piece);
    await fh.write(piece);
  }
  await fh.close();
  const expected = hash.digest('hex');

  const sender = peers.start(['send', aliceDir, 'Bob', src]);
  await until(async () => (await storedChunks(dirB)) >= 3, 'the upload to get going', 30_000);
  relayB.child.kill('SIGSTOP');
  await until(() => arrivals.length > 0, 'bob to get the message', 30_000);
  await sender.kill9();
  assert.ok(!sender.lines.includes('sent'), 'the sender was killed before its upload finished');
  await relayB.kill9();
  const chunksAtKill = await storedChunks(dirB);
  assert.ok(chunksAtKill < CHUNKS, `the relay held ${chunksAtKill} of ${CHUNKS} chunks when the sender died`);
  relayB = await respawnRelay(dirB, relayB.port, false);
  relays.push(relayB);

  const resumed = peers.start(['resume', aliceDir]);
  const out = join(root, 'saved.bin');
  const id = arrivals[0]!.id;
  await bob.saveAttachment(id, out);
  assert.equal(await sha256File(out), expected, 'identical bytes');
  await until(() => resumed.lines.includes('synced'), 'the resumed sender to finish', 30_000);
  // Bob had every chunk, checked, and acknowledged it: a one-to-one file then leaves the relay.
  await until(async () => (await storedChunks(dirB)) === 0, 'the relay to let the fetched file go', 10_000);
  await resumed.kill9();

  // Anything the restarted sender sent again has arrived by now.
  await bob.sync();
  assert.equal(arrivals.length, 1, 'the message was reported once');
  assert.equal((await bob.history('Alice')).filter((m) => m.attachment !== undefined).length, 1, 'bob holds the message once');
  await bob.close();

  // The sender holds its message once, and the finished upload is no longer recorded as pending.
  const reopened = await Client.open(aliceDir, PASSPHRASE);
  clients.push(reopened);
  const sent = (await reopened.history('Bob')).filter((m) => m.attachment !== undefined);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.attachment?.state, 'stored');
  await reopened.close();
  const store = await openProfile(aliceDir, PASSPHRASE);
  assert.equal(await store.getSetting(PENDING_UPLOADS_SETTING), undefined, 'no upload left to resume');
  await store.close();
});

test('an upload recorded for a message that was never committed is dropped on the next start, and its blob deleted on the relay', { timeout: 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-att-orphan-'));
  const relay = await spawnRelay(join(dir, 'relay'), { tls: false });
  relays.push(relay);
  const relayClient = new RelayClient({ rng: systemRng });
  try {
    const profile = join(dir, 'alice');
    const options = { pwhash: PWHASH_LIMITS.min, backoff: { initialMs: 20, maxMs: 300 } };
    await (await Client.create(profile, PASSPHRASE, { ...options, name: 'Alice', relay: relay.address })).close();

    // What a process killed mid-encryption leaves: the blob made and recorded, no message.
    const blobs = new BlobClient(relayClient, systemRng);
    const upload = await blobs.create(parseRelayAddress(relay.address), 1_000, 1, true);
    const store = await openProfile(profile, PASSPHRASE);
    const seed = Buffer.from(upload.uploader.secretKey.expose().subarray(0, 32));
    await new PendingUploads(store).add({ messageId: 'never-committed', relay: relay.address, putId: upload.putId, getId: upload.getId, seed, size: 983, chunkBytes: CHUNK });
    seed.fill(0);
    await store.close();
    assert.equal((await blobs.holding(upload)).chunkCount, 1, 'the blob is on the relay');

    const client = await Client.open(profile, PASSPHRASE, options);
    await client.start();
    await until(
      () =>
        blobs.holding(upload).then(
          () => false,
          (e: unknown) => e instanceof RelayCommandError && e.relayCode === 'NO_BLOB',
        ),
      'the relay to forget the blob',
      20_000,
    );
    await client.close();
    const after = await openProfile(profile, PASSPHRASE);
    assert.equal(await after.getSetting(PENDING_UPLOADS_SETTING), undefined, 'the record is gone');
    await after.close();
    blobs.done(upload);
  } finally {
    relayClient.close();
    await rm(dir, { recursive: true, force: true });
  }
});
