/**
 * Attachments through the real `saltline` binary (issue 8 item 1): `send NAME --file`, `history
 * --json` listing the attachment, `save MESSAGE_ID OUT` writing identical bytes; and a chunk
 * tampered with in the relay's data folder is refused by the recipient with a typed error, leaving
 * no output file (SECURITY-TESTS #6, #17).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { sandboxWithRelay } from './harness.js';

interface Msg {
  id: string;
  text: string;
  attachment?: { name: string; size: number; mime: string; state: string; messageId: string };
}

const world = sandboxWithRelay();

async function blobDirs(): Promise<string[]> {
  return readdir(join(world.box.root, 'relay', 'blobs')).catch(() => []);
}

test('send --file, history --json, save: the bytes arrive unchanged; a tampered chunk is refused', { timeout: 120_000 }, async () => {
  const box = world.box;
  await box.ok('alice', ['init', '--name', 'Alice', '--relay', world.relay.address]);
  await box.ok('bob', ['init', '--name', 'Bob', '--relay', world.relay.address]);
  const { link } = await box.json<{ link: string }>('alice', ['invite']);
  await box.ok('bob', ['accept', link, '--name', 'alice']);
  await box.ok('alice', ['sync']);

  const plain = randomBytes(2 * 1024 * 1024 + 12345);
  const src = join(box.root, 'chart.bin');
  await writeFile(src, plain);
  const sent = await box.json<{ message: Msg; queued: boolean }>('alice', ['send', 'Bob', '--file', src]);
  assert.equal(sent.queued, false);
  assert.deepEqual({ name: sent.message.attachment?.name, size: sent.message.attachment?.size }, { name: 'chart.bin', size: plain.length });

  const synced = await box.json<{ messages: Msg[] }>('bob', ['sync']);
  assert.equal(synced.messages[0]?.attachment?.name, 'chart.bin');
  const { messages } = await box.json<{ messages: Msg[] }>('bob', ['history', 'alice']);
  const listed = messages.find((m) => m.attachment !== undefined);
  assert.deepEqual(listed?.attachment && { name: listed.attachment.name, size: listed.attachment.size, id: listed.attachment.messageId }, { name: 'chart.bin', size: plain.length, id: listed?.id });
  const out = join(box.root, 'chart-out.bin');
  await box.ok('bob', ['save', listed!.id, out]);
  assert.ok((await readFile(out)).equals(plain), 'identical bytes');
  const human = await box.ok('bob', ['history', 'alice']);
  assert.match(human.stdout, /📎 chart\.bin \(\d+ bytes, stored; save with: saltline save \S+ FILE\)/);

  // A relay that changes one byte of a stored chunk (here: its data folder, edited underneath it).
  const before = new Set(await blobDirs());
  const second = randomBytes(3 * 1024 * 1024);
  await writeFile(src, second);
  await box.ok('alice', ['send', 'Bob', '--file', src]);
  const [blob] = (await blobDirs()).filter((d) => !before.has(d));
  assert.ok(blob, 'the upload made a blob folder');
  const chunkFile = join(box.root, 'relay', 'blobs', blob, '1');
  const chunk = await readFile(chunkFile);
  chunk[1000]! ^= 0x01;
  await writeFile(chunkFile, chunk);

  const after = await box.json<{ messages: Msg[] }>('bob', ['sync']);
  const tampered = after.messages.find((m) => m.attachment !== undefined);
  assert.ok(tampered);
  assert.notEqual(tampered.attachment?.state, 'stored');
  const out2 = join(box.root, 'tampered-out.bin');
  const refused = await box.run('bob', ['save', tampered.id, out2]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /chunk 1 failed authentication/);
  assert.ok(!existsSync(out2) && !existsSync(`${out2}.saltline-part`), 'nothing of a tampered file is written');
  const state = (await box.json<{ messages: Msg[] }>('bob', ['history', 'alice'])).messages.find((m) => m.id === tampered.id)?.attachment?.state;
  assert.notEqual(state, 'stored');

  // Putting the byte back: the download resumes after the chunk that verified and completes.
  chunk[1000]! ^= 0x01;
  await writeFile(chunkFile, chunk);
  await box.ok('bob', ['save', tampered.id, out2]);
  assert.ok((await readFile(out2)).equals(second));
});

test('usage errors: neither or both of text and --file; save of an unknown message', async () => {
  const neither = await world.box.run('alice', ['send', 'Bob']);
  assert.equal(neither.code, 1);
  assert.match(neither.stderr, /either a message text or --file/);
  const both = await world.box.run('alice', ['send', 'Bob', 'hi', '--file', 'x']);
  assert.match(both.stderr, /either a message text or --file/);
  const unknown = await world.box.run('bob', ['save', 'nope', join(world.box.root, 'o')]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no attachment in message nope/);
});
