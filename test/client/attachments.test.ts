/**
 * Attachments through the SDK (issue 8 item 1) with real profile folders and a real relay on
 * loopback: a file sent 1:1 is fetched on receipt (small), saved byte for byte, kept encrypted in
 * both profile folders (#23: no plaintext in any file), and its file is gone once the message is
 * deleted; a one-to-one file leaves the relay once its recipient has it, a group's stays for the
 * other members; a file sent to a group reaches the member; bad input gets typed errors.
 */
import assert from 'node:assert/strict';
import { readdir, readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client, type MessageInfo } from '../../src/client/index.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';
import { FAST, until } from './helpers.js';

let relay: RunningRelay;
let dir: string;
let alice: Client;
let bob: Client;
const MARKER = 'the lighthouse keeper hides the charts under the third step';

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'saltline-att-'));
  relay = await startRelay({ dataDir: join(dir, 'relay'), tls: false });
  alice = await Client.create(join(dir, 'alice'), 'pw-a', { name: 'Alice', relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
  bob = await Client.create(join(dir, 'bob'), 'pw-b', { name: 'Bob', relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
  await alice.start();
  await bob.start();
  const { link } = await alice.createInvitation();
  await bob.acceptInvitation(link, 'alice');
  await until(async () => (await alice.contacts()).some((c) => c.established), 'the handshake');
});
after(async () => {
  await alice.close();
  await bob.close();
  await relay.close();
  await rm(dir, { recursive: true, force: true });
});

async function filesUnder(root: string): Promise<string[]> {
  return (await readdir(root, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function received(c: Client, conversation: string, name: string): Promise<MessageInfo> {
  let found: MessageInfo | undefined;
  await until(async () => {
    found = (await c.history(conversation)).find((m) => m.attachment?.name === name);
    return found !== undefined;
  }, `${name} arrives`);
  return found!;
}

test('#23 a small file goes 1:1, is fetched on receipt, saved byte for byte, encrypted at rest, and deleted with its message', async () => {
  // Text-like content over several chunks, so a plaintext leak would be found by a byte scan.
  const plain = Buffer.from(`${MARKER}\n`.repeat(Math.ceil((2.5 * 1024 * 1024) / (MARKER.length + 1))));
  const src = join(dir, 'notes.txt');
  await writeFile(src, plain);
  const thumbnail = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
  const progress: number[] = [];
  const sent = await alice.sendFile('Bob', src, { thumbnail, onProgress: (done) => progress.push(done) });
  assert.equal(sent.attachment?.name, 'notes.txt');
  assert.equal(sent.attachment?.size, plain.length);
  assert.equal(sent.attachment?.mime, 'text/plain');
  assert.equal(progress.at(-1), plain.length, 'upload progress ends at the file size');

  const got = await received(bob, 'alice', 'notes.txt');
  assert.equal(got.attachment?.hasThumbnail, true);
  assert.equal(got.text, '📎 notes.txt');
  await until(async () => (await bob.history('alice')).find((m) => m.id === got.id)?.attachment?.state === 'stored', 'the automatic download');
  assert.deepEqual(await bob.attachmentThumbnail(got.id), thumbnail);

  const out = join(dir, 'saved.txt');
  await bob.saveAttachment(got.id, out);
  assert.deepEqual(await readFile(out), plain);

  const marker = Buffer.from('lighthouse keeper');
  for (const profile of ['alice', 'bob']) {
    // The store may compact (remove) a journal file between listing and reading: then it is gone.
    for (const f of await filesUnder(join(dir, profile))) assert.ok(!(await readFile(f).catch(() => Buffer.alloc(0))).includes(marker), `no plaintext in ${f}`);
  }

  const bobAttachments = join(dir, 'bob', 'attachments');
  assert.equal((await readdir(bobAttachments)).length, 1);
  await bob.deleteMessage(got.id);
  assert.deepEqual(await readdir(bobAttachments), [], 'the attachment file went with its message');
  assert.ok(!(await bob.history('alice')).some((m) => m.id === got.id));
  await alice.deleteAttachmentFiles([sent.id]);
  assert.deepEqual(await readdir(join(dir, 'alice', 'attachments')), []);
  await until(() => relay.core.blobs.stats().blobs === 0, 'the relay lets the downloaded blob go');
});

test('an empty file and a file above the auto-download size: fetched only when saved', async () => {
  const empty = join(dir, 'empty.bin');
  await writeFile(empty, Buffer.alloc(0));
  await alice.sendFile('Bob', empty);
  const gotEmpty = await received(bob, 'alice', 'empty.bin');
  await bob.saveAttachment(gotEmpty.id, join(dir, 'empty-out.bin'));
  assert.equal((await readFile(join(dir, 'empty-out.bin'))).length, 0);

  const big = Buffer.alloc(10 * 1024 * 1024 + 5, 0x5a);
  await writeFile(join(dir, 'big.bin'), big);
  await alice.sendFile('Bob', join(dir, 'big.bin'));
  const got = await received(bob, 'alice', 'big.bin');
  await bob.sync();
  assert.equal((await bob.history('alice')).find((m) => m.id === got.id)?.attachment?.state, 'remote', 'large attachments wait for the user');
  await until(() => relay.core.blobs.stats().blobs === 1, 'the saved empty file left the relay, the unsaved one is there');
  const done: number[] = [];
  await bob.saveAttachment(got.id, join(dir, 'big-out.bin'), { onProgress: (d) => done.push(d) });
  assert.ok((await readFile(join(dir, 'big-out.bin'))).equals(big));
  assert.equal(done.at(-1), big.length);
  await until(() => relay.core.blobs.stats().blobs === 0, 'the relay lets the saved file go');
});

test('bad input: a missing file, a folder, a bad thumbnail, an unknown message', async () => {
  await assert.rejects(alice.sendFile('Bob', join(dir, 'nope')), { code: 'ENOENT' });
  await assert.rejects(alice.sendFile('Bob', dir), { code: 'BAD_FILE' });
  await writeFile(join(dir, 'x.bin'), 'x');
  await assert.rejects(alice.sendFile('Bob', join(dir, 'x.bin'), { thumbnail: Buffer.from('not a jpeg') }), { code: 'BAD_FILE' });
  await assert.rejects(bob.saveAttachment('no-such-message', join(dir, 'o')), { code: 'ATTACHMENT_UNAVAILABLE' });
});

test('a file sent to a group reaches its members and stays on the relay for the others after one has it', async () => {
  await alice.createGroup('harbour', ['Bob']);
  await until(async () => (await bob.groups()).length === 1, 'bob joins the group');
  const plain = Buffer.alloc(300_000, 0x33);
  await writeFile(join(dir, 'crew.bin'), plain);
  await alice.sendFile('harbour', join(dir, 'crew.bin'));
  const got = await received(bob, 'harbour', 'crew.bin');
  assert.equal(got.senderName, 'alice');
  await bob.saveAttachment(got.id, join(dir, 'crew-out.bin'));
  assert.deepEqual(await readFile(join(dir, 'crew-out.bin')), plain);
  // Bob acknowledged it (he does so for every file he has); a group's blob is not his to end.
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(relay.core.blobs.stats().blobs, 1);
});
