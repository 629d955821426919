/**
 * The client side of the relay protocol (issue #4 §Transport): creates queues, sends envelopes,
 * and receives them through subscriptions, over connections to any number of relays at once.
 *
 * By default every queue gets its own connection (a relay cannot link two of a user's queues by
 * the connection they share). Receiving is crash-safe: the handler's promise must resolve (the
 * caller's durable commit) before the envelope is acknowledged, so a crash anywhere causes a
 * redelivery, never a loss; redeliveries are filtered by a dedupe hook.
 */
import { toBase64Url } from '../crypto/bytes.js';
import { sha256 } from '../crypto/hash.js';
import { systemRng, type Rng } from '../crypto/random.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../crypto/sign.js';
import { MAX_ENVELOPE_BYTES } from '../protocol/limits.js';
import type { Reply } from '../protocol/relayWire/frames.js';
import type { RelayAddress } from '../protocol/relayWire/relayAddress.js';
import { queueSenderSeed, SENDER_SEED_BYTES, senderKeyPair, type QueueAddress } from './address.js';
import { Backoff, DEFAULT_BACKOFF, sleep, type BackoffOptions } from './backoff.js';
import { RelayCommandError, TransportError } from './errors.js';
import type { RecipientQueue } from './recipientQueue.js';
import { RelayConnection, type CommandAuth, type PushReply, type RelayConnectionOptions } from './relayConnection.js';

export interface ReceivedEnvelope {
  readonly queue: RecipientQueue;
  /** The relay's id for this envelope in its queue (stable across redeliveries by an honest relay). */
  readonly msgId: bigint;
  readonly timestamp: number;
  readonly envelope: Buffer;
}

/** Recognizes envelopes that were already handled (and committed) before, so they are only acknowledged. */
export interface DedupeHook {
  seen(message: ReceivedEnvelope): boolean | Promise<boolean>;
  /** Called after the handler's commit resolved; a durable hook usually records in that commit instead. */
  handled?(message: ReceivedEnvelope): void | Promise<void>;
}

/** An in-memory dedupe by envelope hash, bounded to the most recent `capacity` envelopes. */
export function memoryDedupe(capacity = 65_536): DedupeHook {
  const seen = new Set<string>();
  const keyOf = (m: ReceivedEnvelope): string => toBase64Url(sha256(m.envelope));
  return {
    seen: (m) => seen.has(keyOf(m)),
    handled: (m) => {
      seen.add(keyOf(m));
      if (seen.size > capacity) seen.delete(seen.values().next().value!);
    },
  };
}

export type EnvelopeHandler = (message: ReceivedEnvelope) => Promise<void>;

export interface RelayClientOptions extends RelayConnectionOptions {
  readonly rng?: Rng;
  /** Back off this way before resubscribing after a handler failed. */
  readonly handlerBackoff?: BackoffOptions;
  /** Share one connection per relay instead of one per queue (fewer sockets, linkable queues). */
  readonly shareConnections?: boolean;
}

export interface SubscribeOptions {
  readonly dedupe?: DedupeHook;
  /** Called each time the relay accepted the subscription (waiting envelopes follow right behind). */
  readonly onSubscribed?: () => void;
  /** Called each time the connection under the subscription is lost, or an attempt to reconnect fails. */
  readonly onDisconnected?: () => void;
}

export interface Subscription {
  close(): void;
}

const b64 = (b: Buffer): string => b.toString('base64url');

function expectOk(reply: Reply): void {
  if (reply.kind !== 'OK') throw new TransportError('UNEXPECTED_REPLY', 'relay answered SEND without OK');
}

/** What `send` derives from a queue address once: where it goes and how it is signed. */
interface SendAuth {
  readonly connectionKey: string;
  readonly auth: CommandAuth;
}

class ActiveSubscription implements Subscription {
  readonly #conn: RelayConnection;
  readonly #queue: RecipientQueue;
  readonly #handler: EnvelopeHandler;
  readonly #dedupe: DedupeHook;
  readonly #backoff: Backoff;
  readonly #unlisten: (() => void)[] = [];
  readonly #auth: CommandAuth;
  #inbox: { message: ReceivedEnvelope; generation: number }[] = [];
  #processing = false;
  /** Pushes are ignored until the relay confirms our SUB: older pushes may be out of order. */
  #accepting = false;
  #closed = false;

  readonly #onSubscribed: (() => void) | undefined;

  constructor(conn: RelayConnection, queue: RecipientQueue, handler: EnvelopeHandler, dedupe: DedupeHook, backoff: BackoffOptions, onSubscribed?: () => void, onDisconnected?: () => void) {
    this.#onSubscribed = onSubscribed;
    this.#conn = conn;
    this.#queue = queue;
    this.#handler = handler;
    this.#dedupe = dedupe;
    this.#backoff = new Backoff(backoff);
    this.#auth = { key: queue.recipientKey.secretKey, bind: `r:${b64(queue.recvId)}` };
    this.#unlisten.push(conn.onPush((p) => this.#onPush(p)));
    this.#unlisten.push(conn.onReady(() => void this.#subscribe()));
    if (onDisconnected) {
      this.#unlisten.push(
        conn.onDown(() => {
          if (!this.#closed) onDisconnected();
        }),
      );
    }
    if (conn.ready) void this.#subscribe();
  }

  async #subscribe(): Promise<void> {
    if (this.#closed) return;
    this.#accepting = false;
    this.#inbox = [];
    const generation = this.#conn.generation;
    try {
      // Accept pushes from the moment the OK arrives: the relay pushes right behind it.
      await this.#conn.command({ kind: 'SUB', recvId: this.#queue.recvId }, this.#auth, (reply) => {
        if (reply.kind === 'OK' && generation === this.#conn.generation && !this.#closed) {
          this.#accepting = true;
          this.#onSubscribed?.();
        }
      });
    } catch (e) {
      // Disconnected: onReady resubscribes. An error reply (queue gone, rate limited): retry later.
      if (e instanceof RelayCommandError && !this.#closed) {
        await sleep(this.#backoff.next());
        // AUTH for our own queue key means the challenge we signed was not the relay's (a
        // corrupted HELLO): only a new connection brings a new one. onReady resubscribes then.
        if (e.relayCode === 'AUTH' && generation === this.#conn.generation) this.#conn.reset();
        else if (generation === this.#conn.generation) void this.#subscribe();
      }
    }
  }

  #onPush(push: PushReply): void {
    if (this.#closed || !push.recvId.equals(this.#queue.recvId)) return;
    if (push.kind === 'END') {
      this.#accepting = false;
      return;
    }
    if (!this.#accepting) return;
    const message: ReceivedEnvelope = { queue: this.#queue, msgId: push.msgId, timestamp: push.timestamp, envelope: push.envelope };
    this.#inbox.push({ message, generation: this.#conn.generation });
    if (!this.#processing) void this.#process();
  }

  async #process(): Promise<void> {
    this.#processing = true;
    try {
      while (!this.#closed) {
        const next = this.#inbox.shift();
        if (!next) break;
        const { message, generation } = next;
        try {
          // Awaited only when they are promises: a synchronous answer needs no extra turn.
          const seen = this.#dedupe.seen(message);
          if (seen === false || (seen !== true && !(await seen))) {
            await this.#handler(message);
            const handled = this.#dedupe.handled?.(message);
            if (handled) await handled;
          }
        } catch {
          // Not acknowledged: drop what is queued behind it (keeping order) and resubscribe, which
          // makes the relay redeliver from the first unacknowledged envelope.
          this.#inbox = [];
          this.#accepting = false;
          await sleep(this.#backoff.next());
          if (generation === this.#conn.generation) void this.#subscribe();
          continue;
        }
        this.#backoff.reset();
        if (generation !== this.#conn.generation) continue; // redelivered on the new connection
        // A lost ACK means a redelivery, which dedupe absorbs.
        this.#conn.post({ kind: 'ACK', recvId: this.#queue.recvId, msgId: message.msgId }, this.#auth);
      }
    } finally {
      this.#processing = false;
    }
  }

  close(): void {
    this.#closed = true;
    for (const u of this.#unlisten) u();
  }
}

export class RelayClient {
  readonly #options: RelayClientOptions;
  readonly #rng: Rng;
  readonly #connections = new Map<string, RelayConnection>();
  readonly #senderKeys = new Map<string, SigningKeyPair>();
  /** What `send` derives from an address, per address object: no hashing on every send. */
  readonly #sendAuth = new WeakMap<QueueAddress, SendAuth>();
  #closed = false;

  constructor(options: RelayClientOptions = {}) {
    this.#options = options;
    this.#rng = options.rng ?? systemRng;
  }

  /** The connection for one queue (or one relay, with shareConnections). */
  connection(relay: RelayAddress, queueKey: string): RelayConnection {
    return this.#connectionFor(relay, this.#connectionKey(relay, queueKey));
  }

  #connectionKey(relay: RelayAddress, queueKey: string): string {
    return this.#options.shareConnections ? relay.text : `${relay.text} ${queueKey}`;
  }

  #connectionFor(relay: RelayAddress, k: string): RelayConnection {
    if (this.#closed) throw new TransportError('CLOSED', 'client closed');
    let c = this.#connections.get(k);
    if (!c) {
      c = new RelayConnection(relay, this.#options);
      this.#connections.set(k, c);
    }
    return c;
  }

  /** Creates a queue with fresh keys made for it alone; persist the result before using it. */
  async createQueue(relay: RelayAddress): Promise<RecipientQueue> {
    const recipientKey = generateSigningKeyPair(this.#rng);
    const seed = this.#rng(SENDER_SEED_BYTES);
    const senderSeed = queueSenderSeed(seed);
    seed.fill(0);
    const sender = senderKeyPair(senderSeed);
    sender.secretKey.wipe();
    const conn = this.connection(relay, `new:${b64(this.#rng(16))}`);
    try {
      const reply = await conn.command({ kind: 'NEW', recipientKey: recipientKey.publicKey, senderKey: sender.publicKey }, { key: recipientKey.secretKey, bind: 'new' });
      if (reply.kind !== 'IDS') throw new TransportError('UNEXPECTED_REPLY', 'relay answered NEW without ids');
      return { relay, recvId: reply.recvId, sendId: reply.sendId, recipientKey, senderSeed };
    } finally {
      this.#dropConnection(conn);
    }
  }

  /** The connection `connection(relay, queueKey)` would return, if it is open. */
  existingConnection(relay: RelayAddress, queueKey: string): RelayConnection | undefined {
    return this.#connections.get(this.#connectionKey(relay, queueKey));
  }

  /** Closes a connection that served one task (e.g. a finished blob transfer), unless connections are shared. */
  release(conn: RelayConnection): void {
    this.#dropConnection(conn);
  }

  #dropConnection(conn: RelayConnection): void {
    for (const [k, c] of this.#connections) if (c === conn && !this.#options.shareConnections) this.#connections.delete(k);
    if (!this.#options.shareConnections) conn.close();
  }

  /**
   * Sends one envelope; resolves once the relay has made it durable. Rejects with
   * `RelayCommandError` (see `.permanent`) or `TransportError` (retry later).
   *
   * Each queue is sent to over a connection of its own, so that the relay cannot link the queues
   * one client writes to. Sends given the same `channel` share one connection per relay instead:
   * for a group's fan-out, where the same envelope going to every member's queue at once links
   * them anyway, and a connection (with its handshake and first signed SEND) per member would
   * only cost.
   */
  send(to: QueueAddress, envelope: Buffer, channel?: string): Promise<void> {
    if (envelope.length === 0 || envelope.length > MAX_ENVELOPE_BYTES) return Promise.reject(new RelayCommandError('TOO_LARGE'));
    let conn: RelayConnection;
    let auth: CommandAuth;
    try {
      const sendAuth = this.#sendAuthOf(to);
      auth = sendAuth.auth;
      conn = this.#connectionFor(to.relay, channel === undefined ? sendAuth.connectionKey : this.#connectionKey(to.relay, `c:${channel}`));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
    return conn.command({ kind: 'SEND', sendId: to.sendId, envelope }, auth).then(expectOk);
  }

  #sendAuthOf(to: QueueAddress): SendAuth {
    const cached = this.#sendAuth.get(to);
    if (cached) return cached;
    const queueKey = `s:${b64(to.sendId)}`;
    const k = `${to.relay.text} ${queueKey} ${toBase64Url(sha256(to.senderSeed.expose()))}`;
    let pair = this.#senderKeys.get(k);
    if (!pair) {
      pair = senderKeyPair(to.senderSeed);
      this.#senderKeys.set(k, pair);
    }
    // The binding names the key too: a signature by some other key for this queue proves nothing.
    const sendAuth = { connectionKey: this.#connectionKey(to.relay, queueKey), auth: { key: pair.secretKey, bind: `${queueKey}:${b64(pair.publicKey)}` } };
    this.#sendAuth.set(to, sendAuth);
    return sendAuth;
  }

  /** Receives from a queue until closed; see `EnvelopeHandler` and `DedupeHook` for the guarantees. */
  subscribe(queue: RecipientQueue, handler: EnvelopeHandler, options: SubscribeOptions = {}): Subscription {
    const conn = this.connection(queue.relay, `r:${b64(queue.recvId)}`);
    return new ActiveSubscription(conn, queue, handler, options.dedupe ?? memoryDedupe(), this.#options.handlerBackoff ?? DEFAULT_BACKOFF, options.onSubscribed, options.onDisconnected);
  }

  /** Deletes a queue and everything in it at the relay. */
  async deleteQueue(queue: RecipientQueue): Promise<void> {
    const bind = `r:${b64(queue.recvId)}`;
    await this.connection(queue.relay, bind).command({ kind: 'DEL', recvId: queue.recvId }, { key: queue.recipientKey.secretKey, bind });
  }

  close(): void {
    this.#closed = true;
    for (const c of this.#connections.values()) c.close();
    this.#connections.clear();
    for (const p of this.#senderKeys.values()) p.secretKey.wipe();
    this.#senderKeys.clear();
  }
}
