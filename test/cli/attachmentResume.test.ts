/**
 * A 100 MB attachment through the real `saltline` binary and a real relay process (issue 8 item 1
 * §Tests): the relay is killed with SIGKILL mid-upload and again mid-download and restarted; both
 * transfers resume, the saved file is identical, and the receiving process's peak memory stays
 * within a small bound above that of a command that downloads nothing (SECURITY-TESTS #21).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BIN, eventually, Sandbox, type RelayChild } from './harness.js';

const SIZE = 100 * 1024 * 1024;
/**
 * Allowed growth of the receiver's peak RSS over a command that opens the same profile and downloads
 * nothing. V8 frees spent chunk buffers in batches of tens of MiB (measured growth: ~50–55 MiB), and
 * the download runs its crypto on a worker thread, whose isolate and modules add ~12 MiB that the
 * baseline command does not start (measured growth with it: 52–72 MiB); a receiver that held the
 * file would grow by 100 MB or more.
 */
const MAX_GROWTH = 84 * 1024 * 1024;
const PEAK_RSS = fileURLToPath(new URL('./peakRss.js', import.meta.url));

let box: Sandbox;
let relay: RelayChild;
after(async () => {
  await relay?.stop();
  await box?.cleanup();
});

interface Child {
  readonly exited: Promise<{ code: number; stdout: string; stderr: string }>;
  readonly running: () => boolean;
}

function cli(profile: string, args: readonly string[], rssFile?: string): Child {
  const preload = rssFile === undefined ? [] : ['--import', PEAK_RSS];
  const child = spawn(process.execPath, [...preload, BIN, '--profile', box.profile(profile), ...args], {
    env: { ...box.env, ...(rssFile === undefined ? {} : { SALTLINE_TEST_PEAK_RSS_FILE: rssFile }) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  let running = true;
  const exited = new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    child.once('exit', (code) => {
      running = false;
      resolve({ code: code ?? 1, stdout, stderr });
    }),
  );
  return { exited, running: () => running };
}

async function restartRelay(port: number): Promise<RelayChild> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await box.startRelay(port);
    } catch (e) {
      if (attempt >= 30) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function storedChunks(): Promise<number> {
  const root = join(box.root, 'relay', 'blobs');
  let n = 0;
  for (const d of await readdir(root).catch(() => [])) n += (await readdir(join(root, d)).catch(() => [])).filter((f) => /^\d+$/.test(f)).length;
  return n;
}

async function partBytes(): Promise<number> {
  const dir = join(box.profile('bob'), 'attachments');
  let n = 0;
  for (const f of await readdir(dir).catch(() => [])) if (f.endsWith('.part')) n += (await stat(join(dir, f)).catch(() => ({ size: 0 }))).size;
  return n;
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

test('#21 100 MB: relay killed mid-upload and mid-download, both resume; identical bytes; bounded receiver memory', { timeout: 180_000 }, async () => {
  box = await Sandbox.create();
  relay = await box.startRelay();
  const port = relay.port;
  await box.ok('alice', ['init', '--name', 'Alice', '--relay', relay.address]);
  await box.ok('bob', ['init', '--name', 'Bob', '--relay', relay.address]);
  const { link } = await box.json<{ link: string }>('alice', ['invite']);
  await box.ok('bob', ['accept', link, '--name', 'alice']);
  await box.ok('alice', ['sync']);

  const src = join(box.root, 'big.bin');
  const fh = await open(src, 'w');
  const hash = createHash('sha256');
  for (let done = 0; done < SIZE; done += 1024 * 1024) {
    const piece = randomBytes(1024 * 1024);
    hash.update(piece);
    await fh.write(piece);
  }
  await fh.close();
  const expected = hash.digest('hex');

  const send = cli('alice', ['send', 'Bob', '--file', src, '--json']);
  await eventually(async () => (await storedChunks()) >= 15 || !send.running(), 'the upload to get going', 60_000);
  assert.ok(send.running(), 'the upload is still going when the relay dies');
  await relay.kill9();
  const chunksAtKill = await storedChunks();
  relay = await restartRelay(port);

  // The message went out before the upload; the download follows the upload as it happens.
  await box.ok('bob', ['sync']);
  const { messages } = await box.json<{ messages: { id: string; attachment?: { size: number } }[] }>('bob', ['history', 'alice']);
  const id = messages.find((m) => m.attachment?.size === SIZE)?.id;
  assert.ok(id, 'bob has the attachment message');

  const baselineFile = join(box.root, 'rss-baseline');
  const baseline = cli('bob', ['history', 'alice', '--json'], baselineFile);
  assert.equal((await baseline.exited).code, 0);
  const saveFile = join(box.root, 'rss-save');
  const out = join(box.root, 'big-out.bin');
  const save = cli('bob', ['save', id, out], saveFile);
  await eventually(async () => (await partBytes()) >= 30 * 1024 * 1024 || !save.running(), 'the download to get going', 60_000);
  const downloadInterrupted = save.running();
  if (downloadInterrupted) {
    await relay.kill9();
    relay = await restartRelay(port);
  }

  const sent = await send.exited;
  assert.equal(sent.code, 0, sent.stderr);
  const saved = await save.exited;
  assert.equal(saved.code, 0, saved.stderr);
  assert.equal(await sha256File(out), expected, 'identical bytes');
  assert.ok(chunksAtKill < Math.ceil(SIZE / (1024 * 1024)), 'the first kill interrupted the upload');
  assert.ok(downloadInterrupted, 'the second kill interrupted the download');

  const peakBaseline = Number(await readFile(baselineFile, 'utf8'));
  const peakSave = Number(await readFile(saveFile, 'utf8'));
  process.stderr.write(`receiver peak RSS: history ${(peakBaseline / 2 ** 20).toFixed(0)} MiB, save of 100 MB ${(peakSave / 2 ** 20).toFixed(0)} MiB\n`);
  assert.ok(peakBaseline > 0 && peakSave > 0);
  assert.ok(peakSave - peakBaseline < MAX_GROWTH, `receiver memory grew by ${((peakSave - peakBaseline) / 2 ** 20).toFixed(0)} MiB`);
});
