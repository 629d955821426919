/**
 * `saltline chat` in real pseudo-terminals (issue 5 §Tests): two chats in tmux, a line typed on
 * one side appears on the other, and the sender sees its delivery ticks. While a chat holds a
 * profile, another command on it is refused with a clear line.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { BIN, eventually, Sandbox, type RelayChild } from './harness.js';

const run = promisify(execFile);
let box: Sandbox;
let relay: RelayChild;
let socket: string;
let hasTmux = true;

async function tmux(...args: string[]): Promise<string> {
  return (await run('tmux', ['-L', socket, ...args])).stdout;
}

async function startChat(session: string, profile: string, contact: string): Promise<void> {
  const env = Object.entries({ ...box.env, TERM: 'xterm-256color' }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  await tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '40', ...env, process.execPath, BIN, '--profile', box.profile(profile), 'chat', contact);
}

const pane = (session: string): Promise<string> => tmux('capture-pane', '-p', '-t', session);

before(async () => {
  try {
    await run('tmux', ['-V']);
  } catch {
    hasTmux = false;
    return;
  }
  box = await Sandbox.create();
  socket = `saltline-test-${process.pid}`;
  relay = await box.startRelay();
  await box.ok('alice', ['init', '--name', 'Alice', '--relay', relay.address]);
  await box.ok('bob', ['init', '--name', 'Bob', '--relay', relay.address]);
  const { link } = await box.json<{ link: string }>('alice', ['invite']);
  await box.ok('bob', ['accept', link, '--name', 'alice']);
  await box.ok('alice', ['sync']);
});
after(async () => {
  if (!hasTmux) return;
  await tmux('kill-server').catch(() => undefined);
  await relay.stop();
  await box.cleanup();
});

test('a line typed in one chat appears in the other, with delivery ticks', { timeout: 60_000 }, async (t) => {
  if (!hasTmux) return t.skip('tmux is not installed');
  await startChat('a', 'alice', 'Bob');
  await startChat('b', 'bob', 'alice');
  await eventually(async () => (await pane('a')).includes('Chatting with Bob') && (await pane('b')).includes('Chatting with alice'), 'both chats to open');

  // The profile is held by the running chat: a second process is told so, in one line.
  const busy = await box.run('alice', ['contacts']);
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, /profile is in use by process \d+/);
  assert.equal(busy.stderr.trim().split('\n').length, 1);

  await tmux('send-keys', '-t', 'a', 'Ahoy from the terminal', 'Enter');
  await eventually(async () => (await pane('b')).includes('alice: Ahoy from the terminal'), "Alice's line on Bob's screen");
  await eventually(async () => /✓✓ (delivered|read)/.test(await pane('a')), 'delivery ticks on Alice’s screen');

  await tmux('send-keys', '-t', 'b', 'Loud and clear', 'Enter');
  await eventually(async () => (await pane('a')).includes('Bob: Loud and clear'), "Bob's reply on Alice's screen");

  await tmux('send-keys', '-t', 'a', '/quit', 'Enter');
  await tmux('send-keys', '-t', 'b', '/quit', 'Enter');
  // A receipt arriving after /quit must not revive the terminal (readline's prompt() resumes stdin).
  await eventually(async () => (await tmux('list-sessions').catch(() => '')).trim() === '', 'both chats to exit', 20_000);
  const { messages } = await box.json<{ messages: { text: string }[] }>('bob', ['history', 'alice']);
  assert.deepEqual(
    messages.map((m) => m.text),
    ['Ahoy from the terminal', 'Loud and clear'],
  );
});
