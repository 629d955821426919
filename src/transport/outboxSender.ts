/**
 * Drives the outbox (issue #4 §Transport): sends every SENDING entry to its relay, in order per
 * address, pipelined, and retries with backoff across disconnects; after a restart `start()`
 * picks up whatever is still SENDING. An entry becomes SENT only on the relay's acknowledgement;
 * a permanent relay refusal (queue gone, bad key, too large) marks it FAILED. Once the client is
 * closed the sender stops trying (its entries stay SENDING for the next `start()`).
 */
import { toBase64Url } from '../crypto/bytes.js';
import { parseQueueAddress, type QueueAddress } from './address.js';
import { Backoff, DEFAULT_BACKOFF, sleep, type BackoffOptions } from './backoff.js';
import { AddressError, RelayCommandError, TransportError } from './errors.js';
import { OutboxStatus, type OutboxEntry, type OutboxStore } from './outbox.js';
import type { RelayClient } from './relayClient.js';

export interface OutboxSenderOptions {
  readonly backoff?: BackoffOptions;
  /** Envelopes per address on the wire before their acknowledgements. */
  readonly maxInFlight?: number;
  readonly onSent?: (id: string) => void;
  readonly onFailed?: (id: string, failure: string) => void;
  readonly now?: () => number;
}

interface Lane {
  readonly address: QueueAddress | undefined;
  readonly entries: OutboxEntry[];
  readonly backoff: Backoff;
  running: boolean;
}

export class OutboxSender {
  readonly #client: RelayClient;
  readonly #store: OutboxStore;
  readonly #options: OutboxSenderOptions;
  readonly #lanes = new Map<string, Lane>();
  readonly #known = new Set<string>();
  readonly #stop = new AbortController();
  #idleWaiters: (() => void)[] = [];

  constructor(client: RelayClient, store: OutboxStore, options: OutboxSenderOptions = {}) {
    this.#client = client;
    this.#store = store;
    this.#options = options;
  }

  /** Resumes every entry still SENDING (after a restart or crash). */
  async start(): Promise<void> {
    for (const e of await this.#store.list(OutboxStatus.SENDING)) this.#schedule(e);
  }

  /** Saves the envelope as SENDING (resolves once saved) and sends it in the background. */
  async enqueue(id: string, to: Buffer, envelope: Buffer): Promise<void> {
    const createdAt = (this.#options.now ?? Date.now)();
    await this.#store.put({ id, to, envelope, createdAt });
    this.#schedule({ id, to, envelope, createdAt, status: OutboxStatus.SENDING });
  }

  /** Resolves when nothing is left to send (FAILED entries count as done). */
  idle(): Promise<void> {
    if (this.#known.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  stop(): void {
    this.#stop.abort();
  }

  #schedule(entry: OutboxEntry): void {
    if (this.#known.has(entry.id) || this.#stop.signal.aborted) return;
    this.#known.add(entry.id);
    const k = toBase64Url(entry.to);
    let lane = this.#lanes.get(k);
    if (!lane) {
      let address: QueueAddress | undefined;
      try {
        address = parseQueueAddress(entry.to);
      } catch (e) {
        if (!(e instanceof AddressError)) throw e;
      }
      lane = { address, entries: [], backoff: new Backoff(this.#options.backoff ?? DEFAULT_BACKOFF), running: false };
      this.#lanes.set(k, lane);
    }
    lane.entries.push(entry);
    if (!lane.running) void this.#run(k, lane);
  }

  async #finish(lane: Lane, entry: OutboxEntry, failure?: string): Promise<void> {
    if (failure === undefined) {
      await this.#store.markSent(entry.id);
      this.#options.onSent?.(entry.id);
    } else {
      await this.#store.markFailed(entry.id, failure);
      this.#options.onFailed?.(entry.id, failure);
    }
    lane.entries.shift();
    this.#known.delete(entry.id);
  }

  async #run(key: string, lane: Lane): Promise<void> {
    lane.running = true;
    const max = this.#options.maxInFlight ?? 64;
    try {
      while (lane.entries.length > 0 && !this.#stop.signal.aborted) {
        const address = lane.address;
        if (!address) {
          await this.#finish(lane, lane.entries[0]!, 'BAD_ADDRESS');
          continue;
        }
        const batch = lane.entries.slice(0, max);
        const results = await Promise.allSettled(batch.map((e) => this.#client.send(address, e.envelope, e.channel)));
        let retry = false;
        for (const [i, r] of results.entries()) {
          const entry = batch[i]!;
          if (r.status === 'fulfilled') await this.#finish(lane, entry);
          else if (r.reason instanceof RelayCommandError && r.reason.permanent) await this.#finish(lane, entry, r.reason.relayCode);
          else if (r.reason instanceof TransportError && r.reason.reason === 'CLOSED') return;
          else {
            // Everything after a transient failure is resent too, in order, so the queue keeps order.
            retry = true;
            break;
          }
        }
        if (retry) await sleep(lane.backoff.next(), this.#stop.signal);
        else lane.backoff.reset();
      }
    } finally {
      lane.running = false;
      if (lane.entries.length === 0) this.#lanes.delete(key);
      if (this.#known.size === 0) for (const w of this.#idleWaiters.splice(0)) w();
    }
  }
}
