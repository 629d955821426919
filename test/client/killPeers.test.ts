/**
 * Issue 4 §Tests, #21: `kill -9` of the relay, the sender and the receiver — each a real process
 * with the real SDK and a real LanceDB profile — at random points of a 1,000-message stream. Every
 * message the sender's store saved arrives exactly once and in order, and no incarnation of the
 * receiver reports a message twice.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { systemRng } from '../../src/crypto/random.js';
import { Client, PWHASH_LIMITS } from '../../src/index.js';
import { respawnRelay, spawnRelay, type RelayProcess } from '../transport/relayProcess.js';
import { peerProcesses } from './peerProcess.js';
import { until } from '../helpers/until.js';

const peers = peerProcesses(fileURLToPath(new URL('./streamPeer.js', import.meta.url)));
const PASSPHRASE = 'stream passphrase';
const N = 1000;
let root = '';

after(async () => {
  peers.killAll();
  if (root) await rm(root, { recursive: true, force: true });
});

/** A point in [lo, hi) chosen at random, so each run kills at different moments. */
const somewhere = (lo: number, hi: number): number => lo + (systemRng(2).readUInt16BE(0) % (hi - lo));

test('#21 kill -9 of relay, sender and receiver processes mid-stream: 1,000 messages each saved, delivered exactly once, in order', { timeout: 240_000 }, async () => {
  root = await mkdtemp(join(tmpdir(), 'saltline-kill-'));
  const relayDir = join(root, 'relay');
  let relay: RelayProcess = await spawnRelay(relayDir, { tls: false });
  try {
    const options = { relay: relay.address, pwhash: PWHASH_LIMITS.min, backoff: { initialMs: 20, maxMs: 300 } };
    const alice = await Client.create(join(root, 'alice'), PASSPHRASE, { ...options, name: 'Alice' });
    const bob = await Client.create(join(root, 'bob'), PASSPHRASE, { ...options, name: 'Bob' });
    await alice.start();
    await bob.start();
    await bob.acceptInvitation((await alice.createInvitation()).link, 'Alice');
    await alice.sync();
    await alice.close();
    await bob.close();

    let saved = -1;
    const got: string[] = [];
    const sendArgs = ['send', join(root, 'alice'), 'Bob', String(N)];
    const receiveArgs = ['receive', join(root, 'bob')];
    const onSender = (line: string): void => {
      if (line.startsWith('saved ')) saved = Number(line.slice(6));
    };
    const onReceiver = (line: string): void => {
      if (line.startsWith('got ')) got.push(line.slice(4));
    };
    let receiver = peers.start(receiveArgs, onReceiver);
    let sender = peers.start(sendArgs, onSender);

    // Kills spread over the stream, in an order that differs from run to run.
    const plan = [
      { at: somewhere(100, 250), what: 'sender' },
      { at: somewhere(250, 400), what: 'relay' },
      { at: somewhere(400, 550), what: 'receiver' },
      { at: somewhere(550, 700), what: 'sender' },
      { at: somewhere(700, 850), what: 'relay' },
      { at: somewhere(850, 950), what: 'receiver' },
    ] as const;
    for (const step of plan) {
      const progress = (): number => (step.what === 'receiver' ? got.length : saved);
      await until(() => progress() >= step.at, `${step.what} to reach ${step.at}`, 90_000);
      if (step.what === 'sender') {
        await sender.kill9();
        sender = peers.start(sendArgs, onSender);
      } else if (step.what === 'receiver') {
        await receiver.kill9();
        receiver = peers.start(receiveArgs, onReceiver);
      } else {
        await relay.kill9();
        relay = await respawnRelay(relayDir, relay.port, false);
      }
    }
    await until(() => sender.lines.includes('all saved'), 'the sender to save everything', 90_000);
    await until(() => got.includes(`m${N - 1}`), 'the last message', 90_000);
    await new Promise((r) => setTimeout(r, 500)); // a stray redelivery would be reported now
    await receiver.kill9();
    await sender.kill9();

    assert.equal(new Set(got).size, got.length, 'no message reported twice');
    const expected = Array.from({ length: N }, (_, i) => `m${i}`);
    for (const [dir, contact] of [['alice', 'Bob'], ['bob', 'Alice']] as const) {
      const client = await Client.open(join(root, dir), PASSPHRASE);
      const texts: string[] = [];
      for (let before: number | undefined; ; ) {
        const page = await client.history(contact, { limit: 500, ...(before !== undefined ? { before } : {}) });
        if (page.length === 0) break;
        texts.unshift(...page.map((m) => m.text)); // pages come oldest first
        before = page[0]!.seq;
      }
      await client.close();
      assert.deepEqual(texts, expected, `${dir}'s history holds each message once, in order`);
    }
  } finally {
    await relay.stop();
  }
});
