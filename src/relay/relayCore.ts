/**
 * The blind relay's core (issue #4 §Queues, §Delivery), free of any socket library: it owns the
 * queue store, the live subscriptions and expiry, and hands each connection a `RelaySession`.
 * A transport adapter (see wsServer.ts) feeds it frames and writes out what it returns.
 */
import { encodeReply } from '../protocol/relayWire/frames.js';
import type { BlobStore } from './blobStore.js';
import { DEFAULT_RELAY_CORE_OPTIONS, type RelayCoreOptions } from './config.js';
import { idKey } from './idKey.js';
import type { QueueStore, StoredEnvelope } from './queueStore.js';
import { MemoryBlobStore } from './memoryBlobStore.js';
import { RelaySession, type ConnectionSink } from './session.js';

/** A recipient's live subscription to one queue, held by exactly one session. */
export class Subscription {
  readonly recvId: Buffer;
  readonly session: RelaySession;
  /** Highest seq pushed on this subscription; pushes continue after it. */
  lastPushed = 0;
  readonly inFlight = new Set<number>();
  pumping = false;
  again = false;
  constructor(recvId: Buffer, session: RelaySession) {
    this.recvId = recvId;
    this.session = session;
  }
}


export class RelayCore {
  readonly store: QueueStore;
  /** Attachment blobs (issue 8 item 1); the caller closes it like the queue store. */
  readonly blobs: BlobStore;
  readonly options: RelayCoreOptions;
  /** Downloads waiting for a chunk, by `getKey:index`. */
  readonly #chunkWaiters = new Map<string, Set<() => void>>();
  readonly #unlistenBlobs: () => void;
  readonly #subs = new Map<string, Subscription>();
  readonly #sessions = new Set<RelaySession>();
  readonly #unlisten: () => void;
  readonly #sweeper: NodeJS.Timeout;

  constructor(store: QueueStore, options: Partial<RelayCoreOptions> = {}, blobs: BlobStore = new MemoryBlobStore()) {
    this.store = store;
    this.blobs = blobs;
    this.options = { ...DEFAULT_RELAY_CORE_OPTIONS, ...options };
    this.#unlistenBlobs = blobs.onChunk((getKey, index) => {
      const k = `${getKey}:${index}`;
      const waiters = this.#chunkWaiters.get(k);
      if (!waiters) return;
      this.#chunkWaiters.delete(k);
      for (const w of waiters) w();
    });
    this.#unlisten = store.onAppend((recvId, env) => this.#wake(recvId, env));
    this.#sweeper = setInterval(() => void this.sweepExpired(), this.options.expirySweepMs);
    this.#sweeper.unref();
  }

  /** A new connection: the session sends HELLO through `sink` at once. */
  connect(sink: ConnectionSink): RelaySession {
    const session = new RelaySession(this, sink);
    this.#sessions.add(session);
    return session;
  }

  get connectionCount(): number {
    return this.#sessions.size;
  }

  /** Called by a session when its connection is gone. */
  detach(session: RelaySession): void {
    this.#sessions.delete(session);
    for (const sub of session.subscriptions.values()) {
      if (this.#subs.get(idKey(sub.recvId)) === sub) {
        this.#subs.delete(idKey(sub.recvId));
        this.store.unwatch?.(sub.recvId);
      }
    }
    session.subscriptions.clear();
  }

  /** Makes `session` the one subscriber of the queue; a previous subscriber gets END. */
  subscribe(session: RelaySession, recvId: Buffer): Subscription {
    const k = idKey(recvId);
    const old = this.#subs.get(k);
    if (old && old.session !== session) {
      old.session.subscriptions.delete(k);
      old.session.push(encodeReply({ kind: 'END', corrId: 0, recvId }));
    }
    const sub = new Subscription(recvId, session);
    if (!old) this.store.watch?.(recvId);
    this.#subs.set(k, sub);
    session.subscriptions.set(k, sub);
    void this.pump(sub);
    return sub;
  }

  unsubscribe(recvId: Buffer): void {
    const k = idKey(recvId);
    const sub = this.#subs.get(k);
    if (!sub) return;
    this.#subs.delete(k);
    this.store.unwatch?.(recvId);
    sub.session.subscriptions.delete(k);
  }

  acknowledged(recvId: Buffer, seq: number): void {
    const sub = this.#subs.get(idKey(recvId));
    if (sub?.inFlight.delete(seq)) void this.pump(sub);
  }

  #live(sub: Subscription): boolean {
    return this.#subs.get(idKey(sub.recvId)) === sub;
  }

  #push(sub: Subscription, env: StoredEnvelope): void {
    sub.lastPushed = env.seq;
    sub.inFlight.add(env.seq);
    sub.session.push(encodeReply({ kind: 'MSG', corrId: 0, recvId: sub.recvId, msgId: BigInt(env.seq), timestamp: env.timestamp, envelope: env.body }));
  }

  #wake(recvId: Buffer, env: StoredEnvelope): void {
    const sub = this.#subs.get(idKey(recvId));
    if (!sub) return;
    if (!sub.pumping && env.seq === sub.lastPushed + 1 && sub.inFlight.size < this.options.deliveryWindow) this.#push(sub, env);
    else void this.pump(sub);
  }

  /** Pushes stored envelopes after `lastPushed` until the delivery window is full. */
  async pump(sub: Subscription): Promise<void> {
    if (sub.pumping) {
      sub.again = true;
      return;
    }
    sub.pumping = true;
    try {
      do {
        sub.again = false;
        const room = this.options.deliveryWindow - sub.inFlight.size;
        if (room <= 0 || !this.#live(sub)) break;
        const envs = await this.store.read(sub.recvId, sub.lastPushed, room);
        if (!this.#live(sub)) break;
        for (const env of envs) this.#push(sub, env);
      } while (sub.again);
    } catch {
      this.options.log('pump-failed');
    } finally {
      sub.pumping = false;
    }
  }

  /** Calls `wake` once chunk `index` of the blob is durable; returns a function that cancels it. */
  onChunk(getKey: string, index: number, wake: () => void): () => void {
    const k = `${getKey}:${index}`;
    let waiters = this.#chunkWaiters.get(k);
    if (!waiters) this.#chunkWaiters.set(k, (waiters = new Set()));
    waiters.add(wake);
    return () => {
      waiters.delete(wake);
      if (waiters.size === 0 && this.#chunkWaiters.get(k) === waiters) this.#chunkWaiters.delete(k);
    };
  }

  async sweepExpired(): Promise<number> {
    try {
      const blobs = await this.blobs.expire(this.options.now() - this.blobs.limits.expiryMs);
      if (blobs > 0) this.options.log('blobs-expired', { blobs });
    } catch {
      this.options.log('blob-expiry-failed');
    }
    try {
      const n = await this.store.expire(this.options.now() - this.options.expiryMs);
      if (n > 0) this.options.log('expired', { envelopes: n });
      return n;
    } catch {
      this.options.log('expiry-failed');
      return 0;
    }
  }

  /** Stops timers and listeners and closes every session; the store is the caller's to close. */
  close(): void {
    clearInterval(this.#sweeper);
    this.#unlisten();
    this.#unlistenBlobs();
    for (const s of [...this.#sessions]) s.close(1001, 'relay shutting down');
  }
}
