/**
 * A malicious relay (SECURITY-TESTS #17; issue #4 §Tests): a proxy in front of a real relay that
 * drops, duplicates, reorders, delays, truncates and flips bits in what it sends to the
 * recipient. The client must never crash, never hand over a forged envelope unnoticed by its
 * own authentication, and never hand over one envelope twice.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { WebSocket, WebSocketServer } from 'ws';
import { systemRng } from '../../src/crypto/random.js';
import { parseRelayAddress } from '../../src/protocol/relayWire/relayAddress.js';
import { startRelay } from '../../src/relay/wsServer.js';
import { deliveryAddressOf, type RecipientQueue } from '../../src/transport/recipientQueue.js';
import { RelayClient } from '../../src/transport/relayClient.js';
import { closeTogether } from '../helpers/linkedSockets.js';

const FAST = { backoff: { initialMs: 10, maxMs: 100 }, handlerBackoff: { initialMs: 10, maxMs: 100 }, commandTimeoutMs: 1000, connectTimeoutMs: 1000 };

/** Deterministic choices from a seed, so a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x1_0000_0000;
  };
}

async function hostileProxy(target: string, seed: number): Promise<{ url: string; close(): Promise<void> }> {
  const rand = prng(seed);
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((r) => wss.once('listening', r));
  wss.on('connection', (client) => {
    const upstream = new WebSocket(target);
    const early: Buffer[] = [];
    let held: Buffer | undefined;
    const toClient = (frame: Buffer): void => {
      if (client.readyState === client.OPEN) client.send(frame);
    };
    upstream.on('open', () => {
      for (const f of early.splice(0)) upstream.send(f);
    });
    client.on('message', (d: Buffer) => (upstream.readyState === upstream.OPEN ? upstream.send(d) : early.push(d)));
    upstream.on('message', (d: Buffer) => {
      const r = rand();
      let frame = Buffer.from(d);
      if (r < 0.08) return; // drop
      if (r < 0.16) toClient(frame); // duplicate
      else if (r < 0.22) frame = frame.subarray(0, Math.floor(rand() * frame.length)); // truncate
      else if (r < 0.3) frame[Math.floor(rand() * frame.length)]! ^= 1 << Math.floor(rand() * 8); // flip a bit
      else if (r < 0.38) {
        held = frame; // reorder: send after the next one
        return;
      } else if (r < 0.45) {
        const late = frame;
        setTimeout(() => toClient(late), Math.floor(rand() * 30)); // delay
        return;
      }
      toClient(frame);
      if (held) {
        toClient(held);
        held = undefined;
      }
    });
    closeTogether(client, upstream);
  });
  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}

test('#17 a hostile relay never crashes the client, forges nothing that passes authentication, and causes no duplicates', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'saltline-hostile-'));
  const relay = await startRelay({ dataDir: dir, tls: false, store: 'memory', core: { errorBurst: 1e6 } });
  const macKey = systemRng(32);
  const seal = (i: number): Buffer => {
    const body = Buffer.alloc(64);
    body.write(`msg ${i}`);
    return Buffer.concat([body, createHmac('sha256', macKey).update(body).digest()]);
  };
  const open = (env: Buffer): string | undefined => {
    if (env.length !== 96) return undefined;
    const body = env.subarray(0, 64);
    return createHmac('sha256', macKey).update(body).digest().equals(env.subarray(64)) ? body.toString().replace(/\0+$/, '') : undefined;
  };
  try {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const proxy = await hostileProxy(parseRelayAddress(relay.address).url, seed);
        const direct = new RelayClient(FAST);
        const real: RecipientQueue = await direct.createQueue(parseRelayAddress(relay.address));
        const viaProxy: RecipientQueue = { ...real, relay: parseRelayAddress(proxy.url) };
        const shown: string[] = [];
        let forged = 0;
        let duplicates = 0;
        const receiver = new RelayClient(FAST);
        const sub = receiver.subscribe(viaProxy, (m) => {
          const text = open(m.envelope);
          // What the protocol layer does with an envelope that fails authentication: drop it.
          if (text === undefined) forged++;
          else if (!shown.includes(text)) shown.push(text);
          else duplicates++;
          return Promise.resolve();
        });
        const sent = 40;
        for (let i = 0; i < sent; i++) await direct.send(deliveryAddressOf(real), seal(i));
        // Liveness is bounded generously (a loaded machine is slow); the safety checks below are the point.
        const deadline = Date.now() + 20_000;
        while (Date.now() < deadline && shown.length < sent / 4) await new Promise((r) => setTimeout(r, 20));
        await new Promise((r) => setTimeout(r, 300)); // let late duplicates and reorders arrive
        sub.close();
        receiver.close();
        direct.close();
        await proxy.close();
        assert.ok(shown.every((t) => /^msg \d+$/.test(t) && Number(t.slice(4)) < sent));
        assert.equal(duplicates, 0);
        assert.ok(shown.length > 0, `some messages get through a relay that only sometimes misbehaves (${forged} failed authentication)`);
      }),
      { numRuns: 4 },
    );
  } finally {
    await relay.close();
    await rm(dir, { recursive: true, force: true });
  }
});
