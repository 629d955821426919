/**
 * A QueueStore on a NATS JetStream cluster (issue #9): the queues live in NATS, replicated on
 * three servers, so relay nodes keep no state of their own — any node serves any client, and
 * losing a node or a NATS server loses no acknowledged envelope.
 *
 * Design (what works on nats-server 2.9, see ANCHORS "NATS JetStream"): no consumers at all.
 * - Envelopes: one limits-retention stream, one subject per queue (a keyed hash of its receive
 *   id). `append` publishes with a unique message id (retries reuse it, so JetStream drops the
 *   duplicate) and resolves on JetStream's acknowledgement, which comes after the R3 quorum has
 *   the envelope. `seq` is the stream sequence: strictly increasing per queue, never reused.
 * - `read` hands out envelopes from wake-ups while each names the previous one handed out as its
 *   predecessor, else walks the queue with direct gets of "the next message after" (in parallel
 *   for the envelopes the node heard of); `ack` removes in the background — by one purge (at
 *   most every 500 ms per queue) for a walked stretch that is acknowledged up to a point, else
 *   by sequence.
 * - Live delivery: the stream republishes every stored envelope (JetStream "republish", done by
 *   the stream leader once the quorum has it) on the queue's core-NATS wake subject, which only
 *   the node where the recipient is subscribed listens to (`watch`). The wake-up carries the
 *   envelope, its seq and the seq of the queue's envelope before it, so a node that handed out
 *   that one hands out this one without a get. Wake-ups are hints: a lost one is caught by
 *   re-checking watched queues after NATS reconnects, after a stream leader election, after a
 *   publish that had to be retried, and every `resyncIntervalMs`.
 * - Queue records: a second stream, one subject per queue id holding the record sealed with the
 *   operator key; "create if absent" is JetStream's expected-last-subject-sequence 0.
 * - Quotas keep the embedded store's errors: messages per queue is JetStream's own per-subject
 *   limit (discard new per subject), queue count its message limit; envelope bytes per queue and
 *   in total are checked by the node against counts it refreshes from JetStream before refusing
 *   anything, with the stream's byte limit as a backstop against concurrent nodes.
 */
import { randomBytes } from 'node:crypto';
import { jetstreamManager, JetStreamApiError, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { connect, headers as natsHeaders, type Msg, type NatsConnection, type Subscription as NatsSubscription } from '@nats-io/transport-node';
import { systemRng } from '../crypto/random.js';
import type { Secret } from '../crypto/secret.js';
import { DEFAULT_NATS_STORE_OPTIONS, envelopeStreamConfig, queueStreamConfig, type NatsStoreOptions } from './natsConfig.js';
import { NatsNaming } from './natsNaming.js';
import { integerHeader, JetStreamReplyError, JetStreamRequests, type GotMessage } from './natsRequests.js';
import { QueueStoreError, type AppendListener, type QueueRecord, type QueueStore, type QueueStoreStats, type StoredEnvelope } from './queueStore.js';

/** Envelope payload in NATS: the relay's timestamp (float64) ‖ the envelope as sent. */
const TS_BYTES = 8;
const MSG_ID_BYTES = 16;
/**
 * Acknowledgements wait this long before their purge leaves, so that one replicated purge covers
 * every acknowledgement of the moment (a delete or purge per envelope halves what the cluster
 * can take: it is a replicated operation like the publish itself). A purge costs the three
 * servers ~250 µs of CPU (measured here; a delete as much), so at 100 ms a queue receiving 80
 * envelopes/s paid ~30 µs per envelope in purges; at 500 ms ~6 µs. The price: acknowledged envelopes stay stored (hidden by
 * this node) up to half a second longer, and a node dying in that time has them redelivered.
 */
const ACK_BATCH_MS = 500;
/** Bounds of the node-local caches (entries); each is only an optimisation or a short-lived guard. */
const MAX_CACHED = 200_000;
/** Envelopes a read of a watched queue walks one by one once it has something to hand out. */
const MAX_SEQUENTIAL_WHILE_WATCHED = 8;
/** Waits before asking a replica again for an envelope it does not have yet (then the leader). */
const REPLICA_RETRIES_MS = [5, 10, 20, 40, 80];
/** Longest stretch of expired envelopes one sweep deletes. */
const MAX_EXPIRE_PER_SWEEP = 100_000;

interface Watched {
  readonly recvId: Buffer;
  readonly sub: NatsSubscription;
  refs: number;
  /** Highest seq heard of since watching began. */
  heard: number;
  /**
   * Highest seq known to exist in the queue, once the newest envelope was looked up after our
   * wake-up subscription existed; from then on every append raises it.
   */
  tail: number | undefined;
  /**
   * Seqs heard of or read and not acknowledged here, ascending: what a read can fetch in
   * parallel, and what still holds back the purge point.
   */
  readonly seqs: number[];
  /**
   * Every envelope of the queue with a seq up to this one was returned by this node's reads
   * (a walk of "next after" answers from JetStream) — so those not in `seqs` were acknowledged
   * here or are gone. -1 when unknown.
   */
  walked: number;
  /** Envelopes below this seq were purged; the purge loop's target and its run. */
  purgedBelow: number;
  purgeTarget: number;
  purging: Promise<void> | undefined;
  /** Acknowledged seqs left to the purge, ascending. */
  readonly awaitingPurge: number[];
  /**
   * Envelopes from wake-ups by the seq of the queue's envelope before them (`Nats-Last-Sequence`):
   * a read that has handed out that one continues with them without asking JetStream.
   */
  readonly links: Map<number, StoredEnvelope>;
}

/** Longest run of fast-path pushes (consecutive seqs) a read may bridge to continue a walk. */
const MAX_BRIDGE = 1024;

/**
 * Most wake-up envelopes kept per watched queue for reads (each is consumed by the next read, or
 * dropped once a read starts past it; an evicted one only costs a get).
 */
const MAX_LINKS_PER_QUEUE = 256;
const LINKS_SWEEP_AT = 32;

/** Most heard-of seqs remembered per watched queue (older ones are found by sequential reads). */
const MAX_HEARD_PER_QUEUE = 4096;

function insertSorted(list: number[], seq: number): void {
  if (list.length === 0 || list[list.length - 1]! < seq) {
    list.push(seq);
    return;
  }
  const at = lowerBound(list, seq);
  if (list[at] !== seq) list.splice(at, 0, seq);
}

function lowerBound(list: number[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hasSorted(list: number[], seq: number): boolean {
  return list[lowerBound(list, seq)] === seq;
}

function removeSorted(list: number[], seq: number): void {
  const at = lowerBound(list, seq);
  if (list[at] === seq) list.splice(at, 1);
}

interface Usage {
  /** Envelope bytes in the queue as last counted, plus this node's changes since. */
  bytes: number;
  /** Bytes of this node's appends to the queue not yet acknowledged by JetStream. */
  pending: number;
}

interface CachedRecord {
  readonly record: QueueRecord;
  readonly role: 'recv' | 'send';
  readonly at: number;
}

interface Totals {
  envelopes: number;
  bytes: number;
  queues: number;
}

export interface NatsHealth {
  readonly ok: boolean;
  readonly server: string | undefined;
  readonly streams: Record<string, { leader: string | undefined; replicas: number; current: number; messages: number }>;
  /** JetStream requests this node sent since it started, by kind. */
  readonly requests?: Record<string, number>;
  readonly error?: string;
}

type ErrorKind = 'queue-full' | 'stream-full' | 'exists' | 'not-found' | 'transient';

function errorKind(e: unknown): ErrorKind {
  const text = e instanceof Error ? e.message : String(e);
  const code = e instanceof JetStreamApiError ? e.code : e instanceof JetStreamReplyError ? e.errCode : undefined;
  // 10077 is JetStream's generic "store failed" code: only its text tells which limit was hit.
  if (/maximum messages per subject exceeded/i.test(text)) return 'queue-full';
  if (/maximum (bytes|messages) exceeded|insufficient resources/i.test(text)) return 'stream-full';
  if (code === 10071 || /wrong last sequence/i.test(text)) return 'exists';
  if (code === 10037 || code === 10057 || /no message found/i.test(text)) return 'not-found';
  return 'transient';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Drops the oldest entries of an insertion-ordered map beyond `max`. */
function bound<K, V>(map: Map<K, V>, max = MAX_CACHED): void {
  for (const k of map.keys()) {
    if (map.size <= max) return;
    map.delete(k);
  }
}

export class NatsQueueStore implements QueueStore {
  readonly #nc: NatsConnection;
  readonly #req: JetStreamRequests;
  readonly #jsm: JetStreamManager;
  readonly #naming: NatsNaming;
  readonly #o: NatsStoreOptions;
  /** Makes message ids unique across nodes. */
  readonly #origin = randomBytes(8);
  #published = 0n;
  /** Bytes JetStream counts per stored envelope beyond its body (subject, header, framing). */
  readonly #overhead: number;
  readonly #listeners = new Set<AppendListener>();
  readonly #watched = new Map<string, Watched>();
  readonly #records = new Map<string, CachedRecord>();
  readonly #usage = new Map<string, Usage>();
  /** Highest seq this node knows to exist per queue (own appends, wake-ups). */
  readonly #announced = new Map<string, number>();
  /**
   * seq → (queue hash, body bytes) of envelopes this node handed to its recipients (read, woken):
   * their acks come back here and need no lookup.
   */
  readonly #owners = new Map<number, { hash: string; size: number }>();
  /** Acknowledged seqs, kept after their deletion so a lagging replica cannot bring them back. */
  readonly #acked = new Map<number, string>();
  readonly #deleting = new Map<string, Set<Promise<void>>>();
  readonly #gates = new Map<string, Promise<void>>();
  #base: Totals = { envelopes: 0, bytes: 0, queues: 0 };
  #delta: Totals = { envelopes: 0, bytes: 0, queues: 0 };
  #inflightBytes = 0;
  #refreshing: Promise<void> | undefined;
  #expiring = false;
  #closed = false;
  /**
   * The envelope stream predates republishing (2.9 cannot add it): this node publishes the
   * wake-ups of its appends itself, in the same form minus the previous seq (reads then use gets).
   */
  readonly #wakesOwnAppends: boolean;
  /** Set once `close` stopped waiting for background deletes. */
  #stopped = false;
  readonly #timers: NodeJS.Timeout[] = [];

  private constructor(nc: NatsConnection, jsm: JetStreamManager, naming: NatsNaming, options: NatsStoreOptions, wakesOwnAppends: boolean) {
    this.#wakesOwnAppends = wakesOwnAppends;
    this.#nc = nc;
    this.#jsm = jsm;
    this.#req = new JetStreamRequests(nc);
    this.#naming = naming;
    this.#o = options;
    const header = `NATS/1.0\r\nNats-Msg-Id: ${'x'.repeat(Math.ceil((MSG_ID_BYTES * 4) / 3))}\r\n\r\n`;
    // nats-server's file store counts 22 + subject + 4 + headers + payload + 8 bytes per message.
    this.#overhead = 22 + naming.envelopeSubject('0'.repeat(32)).length + 4 + header.length + 8 + TS_BYTES;
  }

  /** Connects, creates or checks both streams, and starts the background refreshes. */
  static async open(key: Secret<'NatsOperatorKey'>, options: Partial<NatsStoreOptions> & Pick<NatsStoreOptions, 'servers'>, prefix = 'saltline'): Promise<NatsQueueStore> {
    const o: NatsStoreOptions = { ...DEFAULT_NATS_STORE_OPTIONS, ...options };
    const naming = new NatsNaming(key, prefix);
    const nc = await connect({
      servers: [...o.servers],
      name: o.connectionName,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      pingInterval: 5000,
      maxPingOut: 2,
      timeout: 5000,
      // Without this the client builds an Error (with a stack trace) for every request it sends.
      noAsyncTraces: true,
    });
    try {
      const jsm = await jetstreamManager(nc, { timeout: o.publishAttemptMs });
      const republishes = await ensureStream(jsm, envelopeStreamConfig(naming, o), naming.keyId, o);
      await ensureStream(jsm, queueStreamConfig(naming, o), naming.keyId, o);
      const store = new NatsQueueStore(nc, jsm, naming, o, !republishes);
      await store.#refreshStats();
      store.#start();
      return store;
    } catch (e) {
      await nc.close();
      throw e;
    }
  }

  #start(): void {
    const stats = setInterval(() => void this.#refreshStats().catch(() => undefined), this.#o.statsIntervalMs);
    const resync = setInterval(() => void this.#resyncAll(), this.#o.resyncIntervalMs);
    stats.unref();
    resync.unref();
    this.#timers.push(stats, resync);
    // Wake-ups of envelopes a dying stream leader had stored but not yet republished are lost.
    this.#nc.subscribe(`$JS.EVENT.ADVISORY.STREAM.LEADER_ELECTED.${this.#naming.envelopeStream}`, { callback: () => void this.#resyncAll() });
    this.#nc.subscribe(this.#naming.deletedSubject, {
      callback: (_err, msg) => {
        for (const h of new TextDecoder().decode(msg.data).split(',')) this.#forget(h);
      },
    });
    void (async () => {
      for await (const s of this.#nc.status()) {
        if (s.type === 'reconnect') {
          this.#o.log('nats-reconnected');
          // Wake-ups published while we were away are lost: look at every watched queue again.
          void this.#resyncAll();
        } else if (s.type === 'disconnect') this.#o.log('nats-disconnected');
      }
    })().catch(() => undefined);
  }

  #open(): void {
    if (this.#closed) throw new QueueStoreError('CLOSED', 'store is closed');
  }

  // ---- queue records -------------------------------------------------------------------------

  async createQueue(queue: QueueRecord): Promise<void> {
    this.#open();
    const hr = this.#naming.hash(queue.recvId);
    const hs = this.#naming.hash(queue.sendId);
    if (hr === hs) throw new QueueStoreError('DUPLICATE_QUEUE', 'queue id already in use');
    await this.#createRecord(queue, 'recv', hr);
    try {
      await this.#createRecord(queue, 'send', hs);
    } catch (e) {
      await this.#purge(this.#naming.queueStream, this.#naming.recordSubject(hr)).catch(() => undefined);
      throw e;
    }
    const at = Date.now();
    this.#records.set(hr, { record: queue, role: 'recv', at });
    this.#records.set(hs, { record: queue, role: 'send', at });
    bound(this.#records);
    this.#delta.queues++;
  }

  async #createRecord(queue: QueueRecord, role: 'recv' | 'send', hash: string): Promise<void> {
    const subject = this.#naming.recordSubject(hash);
    try {
      await this.#publish(subject, this.#naming.sealRecord(queue, role, subject, systemRng), { lastSubjectSequence: 0 });
    } catch (e) {
      const kind = errorKind(e);
      if (kind === 'exists' || kind === 'queue-full') throw new QueueStoreError('DUPLICATE_QUEUE', 'queue id already in use');
      if (kind === 'stream-full') throw new QueueStoreError('RELAY_FULL', 'the relay holds its maximum number of queues');
      throw e;
    }
  }

  queueByRecvId(recvId: Buffer): Promise<QueueRecord | undefined> {
    return this.#lookup(recvId, 'recv', false);
  }

  queueBySendId(sendId: Buffer): Promise<QueueRecord | undefined> {
    return this.#lookup(sendId, 'send', false);
  }

  async #lookup(id: Buffer, role: 'recv' | 'send', fresh: boolean): Promise<QueueRecord | undefined> {
    this.#open();
    const hash = this.#naming.hash(id);
    const cached = this.#records.get(hash);
    if (!fresh && cached && Date.now() - cached.at < this.#o.recordCacheMs) {
      return cached.role === role && (role === 'recv' ? cached.record.recvId : cached.record.sendId).equals(id) ? cached.record : undefined;
    }
    const subject = this.#naming.recordSubject(hash);
    const m = await this.#getLast(this.#naming.queueStream, subject);
    if (!m) {
      this.#records.delete(hash);
      return undefined;
    }
    const record = this.#naming.openRecord(m.data, role, id, subject);
    if (record) {
      this.#records.set(hash, { record, role, at: Date.now() });
      bound(this.#records);
    }
    return record;
  }

  async deleteQueue(recvId: Buffer): Promise<boolean> {
    this.#open();
    const queue = await this.#lookup(recvId, 'recv', true);
    if (!queue) return false;
    const hr = this.#naming.hash(queue.recvId);
    const hs = this.#naming.hash(queue.sendId);
    // Records first: from here on no node finds the queue to append to it.
    await this.#purge(this.#naming.queueStream, this.#naming.recordSubject(hr));
    await this.#purge(this.#naming.queueStream, this.#naming.recordSubject(hs));
    await this.#purge(this.#naming.envelopeStream, this.#naming.envelopeSubject(hr));
    this.#forget(hr);
    this.#forget(hs);
    this.#nc.publish(this.#naming.deletedSubject, `${hr},${hs}`);
    await this.#refreshStats();
    return true;
  }

  /** Drops what this node cached about a queue (deleted here or elsewhere). */
  #forget(hash: string): void {
    this.#records.delete(hash);
    this.#usage.delete(hash);
    this.#announced.delete(hash);
  }

  // ---- envelopes -----------------------------------------------------------------------------

  /**
   * Appends in call order per queue: the checks before the publish run one append at a time per
   * queue, and publishes leave in order on the one connection; acknowledgements are awaited
   * concurrently, so appends stay pipelined.
   */
  async append(recvId: Buffer, body: Buffer, timestamp: number): Promise<StoredEnvelope> {
    this.#open();
    const hash = this.#naming.hash(recvId);
    const previous = this.#gates.get(hash);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    this.#gates.set(hash, gate);
    let acked: Promise<Published>;
    let usage: Usage;
    try {
      if (previous) await previous;
      usage = await this.#prepareAppend(recvId, hash, body.length);
      const payload = Buffer.allocUnsafe(TS_BYTES + body.length);
      payload.writeDoubleBE(timestamp, 0);
      body.copy(payload, TS_BYTES);
      // Deletes this node has on their way may land after our publish: a full queue is then retried once.
      acked = this.#publishEnvelope(hash, payload, [...(this.#deleting.get(hash) ?? [])]);
    } finally {
      release();
      if (this.#gates.get(hash) === gate) this.#gates.delete(hash);
    }
    let published: Published;
    try {
      published = await acked;
    } finally {
      usage.pending -= body.length;
      this.#inflightBytes -= body.length;
    }
    const { seq } = published;
    usage.bytes += body.length;
    this.#delta.envelopes++;
    this.#delta.bytes += body.length;
    this.#heard(hash, seq);
    const envelope: StoredEnvelope = { seq, timestamp, body };
    if (this.#wakesOwnAppends) {
      const h = natsHeaders();
      h.set('Nats-Sequence', String(seq));
      const wake = Buffer.allocUnsafe(TS_BYTES + body.length);
      wake.writeDoubleBE(timestamp, 0);
      body.copy(wake, TS_BYTES);
      this.#nc.publish(this.#naming.wakeSubject(hash), wake, { headers: h });
    } else if (published.retried) {
      // It may have been stored by a leader that died before republishing it: an empty wake-up
      // makes the watching node look at the queue.
      this.#nc.publish(this.#naming.wakeSubject(hash));
    }
    // A watched queue hears of it from the republished wake-up, like every other node's appends.
    if (!this.#watched.has(hash)) for (const l of this.#listeners) l(recvId, envelope);
    return envelope;
  }

  /** Checks the queue exists and has room; reserves the bytes. */
  async #prepareAppend(recvId: Buffer, hash: string, size: number): Promise<Usage> {
    if (!(await this.#lookup(recvId, 'recv', false))) throw new QueueStoreError('NO_QUEUE', 'no such queue');
    const limits = this.#o.limits;
    let usage = await this.#usageOf(hash, false);
    if (usage.bytes + usage.pending + size > limits.maxBytesPerQueue) {
      // Our count may be stale (acks on other nodes): count again before refusing.
      usage = await this.#usageOf(hash, true);
      if (usage.bytes + usage.pending + size > limits.maxBytesPerQueue) throw new QueueStoreError('QUEUE_FULL', 'queue quota reached');
    }
    if (this.#bodyBytes() + this.#inflightBytes + size > limits.maxTotalBytes) {
      await this.#refreshStats(true);
      if (this.#bodyBytes() + this.#inflightBytes + size > limits.maxTotalBytes) throw new QueueStoreError('RELAY_FULL', 'relay storage quota reached');
    }
    usage.pending += size;
    this.#inflightBytes += size;
    return usage;
  }

  async #publishEnvelope(hash: string, payload: Buffer, deleting: Promise<void>[]): Promise<Published> {
    const subject = this.#naming.envelopeSubject(hash);
    try {
      return await this.#publish(subject, payload);
    } catch (e) {
      const kind = errorKind(e);
      if (kind === 'queue-full') {
        if (deleting.length > 0) {
          await Promise.allSettled(deleting);
          try {
            return await this.#publish(subject, payload);
          } catch (again) {
            if (errorKind(again) !== 'queue-full') throw again;
          }
        }
        throw new QueueStoreError('QUEUE_FULL', 'queue quota reached');
      }
      if (kind === 'stream-full') throw new QueueStoreError('RELAY_FULL', 'relay storage quota reached');
      throw e;
    }
  }

  /**
   * Publishes and waits for JetStream's acknowledgement (given after the replicas' quorum has
   * the message). Timeouts and leader elections are retried with the same message id until the
   * deadline, so a retry of a publish that did land is dropped as a duplicate.
   */
  async #publish(subject: string, payload: Uint8Array, expect?: { lastSubjectSequence: number }): Promise<Published> {
    // Unique per publish across every node: this process's random origin and a counter.
    const id = Buffer.allocUnsafe(MSG_ID_BYTES);
    this.#origin.copy(id, 0);
    id.writeBigUInt64BE(++this.#published, 8);
    const msgID = id.toString('base64url');
    const deadline = Date.now() + this.#o.publishDeadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return { seq: await this.#req.publish(subject, payload, msgID, this.#o.publishAttemptMs, expect?.lastSubjectSequence), retried: attempt > 0 };
      } catch (e) {
        if (errorKind(e) !== 'transient' || this.#closed || Date.now() > deadline) throw e;
        if (attempt === 0) this.#o.log('nats-publish-retry');
        await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  }

  async read(recvId: Buffer, afterSeq: number, limit: number): Promise<StoredEnvelope[]> {
    this.#open();
    const out: StoredEnvelope[] = [];
    if (limit <= 0) return out;
    const hash = this.#naming.hash(recvId);
    const subject = this.#naming.envelopeSubject(hash);
    const watched = this.#watched.get(hash);
    let cursor = afterSeq + 1;
    const take = (m: GotMessage): void => {
      cursor = m.seq + 1;
      if (this.#acked.has(m.seq)) return;
      const env = decodeEnvelope(m);
      out.push(env);
      this.#owners.set(m.seq, { hash, size: env.body.length });
      if (watched) this.#remember(watched, m.seq);
    };
    // This read continues the walk if it starts where the walk ended, possibly after envelopes
    // pushed straight from wake-ups (consecutive stream seqs, so nothing can lie between).
    const continuesWalk = watched !== undefined && this.#continuesWalk(watched, hash, afterSeq);
    const finish = (): StoredEnvelope[] => {
      bound(this.#owners);
      if (continuesWalk && watched && this.#watched.get(hash) === watched && watched.walked >= 0) {
        watched.walked = Math.max(watched.walked, cursor - 1);
        this.#extendWalk(watched);
      }
      return out;
    };
    // Envelopes whose wake-up named the one before them as the last one handed out: no get.
    if (watched) {
      if (watched.links.size > LINKS_SWEEP_AT) for (const k of watched.links.keys()) if (k < afterSeq) watched.links.delete(k);
      for (let e = watched.links.get(cursor - 1); e && out.length < limit; e = watched.links.get(cursor - 1)) {
        watched.links.delete(cursor - 1);
        cursor = e.seq + 1;
        if (this.#acked.has(e.seq)) continue;
        out.push(e);
        this.#owners.set(e.seq, { hash, size: e.body.length });
        this.#remember(watched, e.seq);
      }
      if (out.length >= limit || (watched.tail !== undefined && cursor > watched.tail)) return finish();
    }
    const from = cursor - 1;
    // Envelopes we heard of are fetched in parallel, each as "the next one after the previous":
    // an answer other than the one expected is an envelope we did not hear of (or a gap), and
    // from there on the walk goes one by one.
    const heard = watched ? watched.seqs.filter((q) => q > from && !this.#acked.has(q)).slice(0, limit - out.length) : [];
    let verified = heard.length > 0;
    if (heard.length > 0) {
      const starts = heard.map((_seq, i) => (i === 0 ? from + 1 : heard[i - 1]! + 1));
      const got = await Promise.all(starts.map((start) => this.#getNext(subject, start, false)));
      // A replica a moment behind does not have the newest ones yet: ask again, then the leader.
      for (let attempt = 0; attempt <= REPLICA_RETRIES_MS.length; attempt++) {
        const behind = got.flatMap((m, i) => (m ? [] : [i]));
        if (behind.length === 0) break;
        const wait = REPLICA_RETRIES_MS[attempt];
        if (wait !== undefined) await sleep(wait);
        const again = await Promise.all(behind.map((i) => this.#getNext(subject, starts[i]!, wait === undefined)));
        for (const [k, i] of behind.entries()) got[i] = again[k] ?? null;
      }
      for (const [i, m] of got.entries()) {
        if (!m) {
          verified = false;
          break;
        }
        take(m);
        if (m.seq !== heard[i]) {
          verified = false;
          break;
        }
      }
    }
    // Every append to a watched queue wakes us, so nothing lies beyond the last one we heard of
    // (a lost wake-up is found by the next resync).
    if (verified && watched?.tail !== undefined && cursor > watched.tail) return finish();
    // Past what we heard of, the walk is one round trip per envelope: for a watched queue hand
    // out what we have first (its acknowledgements and the next wake-ups pump again).
    if (!verified && watched && out.length > 0) return finish();
    for (let steps = 0; out.length < limit && !(watched && out.length > 0 && steps >= MAX_SEQUENTIAL_WHILE_WATCHED); steps++) {
      const known = this.#announced.get(hash) ?? 0;
      let m = await this.#getNext(subject, cursor, false);
      // Direct gets may be answered by a replica a moment behind: if we know of a later
      // envelope, ask again, then the stream leader (whose API queue is shared with every
      // delete and purge, so it comes last).
      for (const wait of REPLICA_RETRIES_MS) {
        if (m || known < cursor) break;
        await sleep(wait);
        m = await this.#getNext(subject, cursor, false);
      }
      if (!m && known >= cursor) m = await this.#getNext(subject, cursor, true);
      if (!m) break;
      take(m);
      if (watched?.tail !== undefined && m.seq >= watched.tail) break;
    }
    return finish();
  }

  #continuesWalk(w: Watched, hash: string, afterSeq: number): boolean {
    if (afterSeq === 0) {
      w.walked = Math.max(w.walked, 0);
      return true;
    }
    if (w.walked < 0 || afterSeq - w.walked > MAX_BRIDGE) return false;
    for (let seq = w.walked + 1; seq <= afterSeq; seq++) {
      if (this.#acked.get(seq) !== hash && !hasSorted(w.seqs, seq)) return false;
    }
    return true;
  }

  async ack(recvId: Buffer, seq: number): Promise<boolean> {
    if (this.#closed || !Number.isSafeInteger(seq) || seq < 1) return false;
    const hash = this.#naming.hash(recvId);
    if (this.#acked.has(seq)) return false;
    let owner = this.#owners.get(seq);
    if (!owner) {
      const m = (await this.#getSeq(seq, false)) ?? (await this.#getSeq(seq, true));
      if (!m || m.subject !== this.#naming.envelopeSubject(hash)) return false;
      owner = { hash, size: m.data.length - TS_BYTES };
    }
    // A seq of another queue is not this recipient's to delete.
    if (owner.hash !== hash || this.#acked.has(seq)) return false;
    this.#acked.set(seq, hash);
    bound(this.#acked);
    this.#owners.delete(seq);
    this.#envelopeGone(hash, owner.size);
    const w = this.#watched.get(hash);
    if (w) {
      removeSorted(w.seqs, seq);
      // Everything below the first unacknowledged envelope of a walked stretch is acknowledged:
      // one purge removes it all (one replicated operation instead of one per envelope).
      const purgeBelow = w.walked < 0 ? 0 : Math.min(w.seqs[0] ?? Infinity, w.walked + 1);
      if (seq < purgeBelow) {
        insertSorted(w.awaitingPurge, seq);
        this.#purgeBelow(hash, w, purgeBelow);
        return true;
      }
    }
    this.#delete(hash, seq);
    return true;
  }

  /** Purges the queue's envelopes below `below`, coalescing with a purge already running. */
  #purgeBelow(hash: string, w: Watched, below: number): void {
    w.purgeTarget = Math.max(w.purgeTarget, below);
    if (w.purging) return;
    const subject = this.#naming.envelopeSubject(hash);
    let set = this.#deleting.get(hash);
    if (!set) this.#deleting.set(hash, (set = new Set()));
    const s = set;
    const run = (async () => {
      // Runs on while `close` waits for it: acknowledgements made before closing are purged.
      for (let failures = 0; w.purgedBelow < w.purgeTarget && !this.#stopped; ) {
        if (!this.#closed) await sleep(ACK_BATCH_MS);
        const target = w.purgeTarget;
        const covered = w.awaitingPurge.filter((q) => q < target);
        try {
          const purged = await this.#req.purge(this.#naming.envelopeStream, subject, target, this.#o.publishAttemptMs);
          w.purgedBelow = target;
          w.awaitingPurge.splice(0, covered.length);
          // nats-server 2.9.10 sometimes purges nothing once a subject's newest envelopes were
          // deleted one by one: then delete what this purge was for one by one too.
          if (purged < covered.length) for (const q of covered) this.#delete(hash, q);
        } catch {
          // Left in place, they are delivered again later and deduplicated by the client.
          if (++failures >= 20) return this.#o.log('nats-purge-failed');
          await sleep(Math.min(1000, 50 * 2 ** failures));
        }
      }
    })().finally(() => {
      w.purging = undefined;
      s.delete(run);
      if (s.size === 0 && this.#deleting.get(hash) === s) this.#deleting.delete(hash);
    });
    w.purging = run;
    s.add(run);
  }

  /**
   * Deletes in the background: the acknowledgement is already recorded on this node (reads here
   * skip it), and a delete lost in a crash only causes a redelivery, which clients deduplicate.
   */
  #delete(hash: string, seq: number): void {
    let set = this.#deleting.get(hash);
    if (!set) this.#deleting.set(hash, (set = new Set()));
    const s = set;
    const p = (async () => {
      for (let attempt = 0; attempt < 20 && !this.#closed; attempt++) {
        try {
          await this.#req.delete(this.#naming.envelopeStream, seq, this.#o.publishAttemptMs);
          return;
        } catch (e) {
          if (errorKind(e) === 'not-found') return;
          await sleep(Math.min(1000, 50 * 2 ** attempt));
        }
      }
      this.#o.log('nats-delete-failed');
    })().finally(() => {
      s.delete(p);
      if (s.size === 0 && this.#deleting.get(hash) === s) this.#deleting.delete(hash);
    });
    s.add(p);
  }

  #envelopeGone(hash: string, size: number): void {
    const usage = this.#usage.get(hash);
    if (usage) usage.bytes = Math.max(0, usage.bytes - size);
    this.#delta.envelopes--;
    this.#delta.bytes -= size;
  }

  /**
   * Walks the stream from its oldest envelope and deletes those older than `before`; stops at
   * the first younger one (stream order is arrival order). Nodes may sweep concurrently: an
   * envelope counts for the node whose delete removed it.
   */
  async expire(before: number): Promise<number> {
    if (this.#closed || this.#expiring) return 0;
    this.#expiring = true;
    let removed = 0;
    try {
      const info = await this.#jsm.streams.info(this.#naming.envelopeStream);
      let cursor = info.state.first_seq;
      for (let n = 0; n < MAX_EXPIRE_PER_SWEEP && !this.#closed; n++) {
        const m = await this.#getNext(this.#naming.envelopeWildcard, cursor, false);
        if (!m) break;
        cursor = m.seq + 1;
        const env = decodeEnvelope(m);
        if (env.timestamp >= before) break;
        if (this.#acked.has(m.seq)) continue;
        if (!(await this.#req.delete(this.#naming.envelopeStream, m.seq, this.#o.publishAttemptMs))) continue;
        removed++;
        const hash = this.#naming.hashOfSubject(m.subject);
        this.#acked.set(m.seq, hash ?? '');
        if (hash) {
          this.#envelopeGone(hash, env.body.length);
          const w = this.#watched.get(hash);
          if (w) removeSorted(w.seqs, m.seq);
        }
      }
      bound(this.#acked);
    } finally {
      this.#expiring = false;
    }
    return removed;
  }

  // ---- live delivery across nodes ------------------------------------------------------------

  onAppend(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A recipient on this node subscribed to the queue: route its wake-ups here. */
  watch(recvId: Buffer): void {
    if (this.#closed) return;
    const hash = this.#naming.hash(recvId);
    const w = this.#watched.get(hash);
    if (w) {
      w.refs++;
      return;
    }
    const sub = this.#nc.subscribe(this.#naming.wakeSubject(hash), { callback: (_err, msg) => this.#onWake(hash, msg) });
    const watched: Watched = {
      recvId: Buffer.from(recvId),
      sub,
      refs: 1,
      heard: 0,
      tail: undefined,
      seqs: [],
      walked: -1,
      purgedBelow: 0,
      purgeTarget: 0,
      purging: undefined,
      awaitingPurge: [],
      links: new Map(),
    };
    this.#watched.set(hash, watched);
    void this.#getLast(this.#naming.envelopeStream, this.#naming.envelopeSubject(hash)).then(
      (m) => {
        if (this.#watched.get(hash) === watched) watched.tail = Math.max(m?.seq ?? 0, watched.heard);
      },
      () => undefined,
    );
    // Our interest takes a moment to reach the other servers; an append in that moment wakes
    // nobody, so look again once it has surely arrived.
    for (const ms of [250, 2000]) setTimeout(() => void this.#resync(hash), ms).unref();
  }

  #remember(w: Watched, seq: number): void {
    insertSorted(w.seqs, seq);
    if (w.seqs.length > MAX_HEARD_PER_QUEUE) {
      w.seqs.shift();
      // A forgotten unacknowledged envelope must never fall below a purge point.
      w.walked = -1;
    }
  }

  /** Notes that envelope `seq` exists in the queue. */
  #heard(hash: string, seq: number): void {
    if (seq > (this.#announced.get(hash) ?? 0)) {
      this.#announced.set(hash, seq);
      bound(this.#announced);
    }
    const w = this.#watched.get(hash);
    if (w) {
      w.heard = Math.max(w.heard, seq);
      if (w.tail !== undefined) w.tail = Math.max(w.tail, seq);
      if (!this.#acked.has(seq)) this.#remember(w, seq);
    }
  }

  unwatch(recvId: Buffer): void {
    const hash = this.#naming.hash(recvId);
    const w = this.#watched.get(hash);
    if (!w || --w.refs > 0) return;
    w.sub.unsubscribe();
    this.#watched.delete(hash);
  }

  /**
   * A republished envelope (headers Nats-Sequence, Nats-Last-Sequence; payload as stored), or an
   * empty poke asking to look at the queue.
   */
  #onWake(hash: string, msg: Msg): void {
    const w = this.#watched.get(hash);
    if (!w) return;
    if (msg.data.length === 0) return void this.#resync(hash);
    const seq = integerHeader(msg, 'Nats-Sequence');
    const before = integerHeader(msg, 'Nats-Last-Sequence');
    if (!Number.isSafeInteger(seq) || seq < 1 || msg.data.length < TS_BYTES) return;
    const buf = Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength);
    const envelope: StoredEnvelope = { seq, timestamp: buf.readDoubleBE(0), body: Buffer.from(buf.subarray(TS_BYTES)) };
    this.#heard(hash, seq);
    if (this.#acked.has(seq)) return;
    // nats-server looks the previous envelope up when it stores this one; once the queue's newest
    // envelope was deleted, 2.9 answers 0 even if older ones remain. So 0 proves nothing, while a
    // seq is exact: nothing of this queue lies between it and this one.
    if (Number.isSafeInteger(before) && before > 0 && before < seq) {
      w.links.set(before, envelope);
      if (w.links.size > MAX_LINKS_PER_QUEUE) w.links.delete(w.links.keys().next().value!);
      this.#extendWalk(w);
    }
    this.#owners.set(seq, { hash, size: envelope.body.length });
    bound(this.#owners);
    for (const l of this.#listeners) l(w.recvId, envelope);
  }

  /** Carries the walk over linked wake-ups: each is known, and nothing lies between the links. */
  #extendWalk(w: Watched): void {
    for (let e = w.walked >= 0 ? w.links.get(w.walked) : undefined; e; e = w.links.get(w.walked)) w.walked = e.seq;
  }

  /** Tells listeners about a watched queue's newest envelope, so a missed wake-up is caught up. */
  async #resync(hash: string): Promise<void> {
    const w = this.#watched.get(hash);
    if (!w || this.#closed) return;
    try {
      const m = await this.#getLast(this.#naming.envelopeStream, this.#naming.envelopeSubject(hash));
      if (!m || this.#acked.has(m.seq) || !this.#watched.has(hash)) return;
      this.#heard(hash, m.seq);
      const envelope = decodeEnvelope(m);
      for (const l of this.#listeners) l(w.recvId, envelope);
    } catch {
      this.#o.log('nats-resync-failed');
    }
  }

  async #resyncAll(): Promise<void> {
    for (const hash of [...this.#watched.keys()]) {
      if (this.#closed) return;
      await this.#resync(hash);
    }
  }

  // ---- accounting ----------------------------------------------------------------------------

  #bodyBytes(): number {
    return this.#base.bytes + this.#delta.bytes;
  }

  stats(): QueueStoreStats {
    return {
      queues: Math.max(0, this.#base.queues + this.#delta.queues),
      envelopes: Math.max(0, this.#base.envelopes + this.#delta.envelopes),
      bytes: Math.max(0, this.#bodyBytes()),
    };
  }

  /** Reloads the totals from JetStream; changes made by this node meanwhile are kept on top. */
  #refreshStats(force = false): Promise<void> {
    if (this.#refreshing && !force) return this.#refreshing;
    const run = (async () => {
      if (this.#refreshing && force) await this.#refreshing.catch(() => undefined);
      const seen = { ...this.#delta };
      const [env, queues] = await Promise.all([this.#jsm.streams.info(this.#naming.envelopeStream), this.#jsm.streams.info(this.#naming.queueStream)]);
      this.#base = {
        envelopes: env.state.messages,
        bytes: env.state.bytes - env.state.messages * this.#overhead,
        queues: Math.floor(queues.state.messages / 2),
      };
      this.#delta = { envelopes: this.#delta.envelopes - seen.envelopes, bytes: this.#delta.bytes - seen.bytes, queues: this.#delta.queues - seen.queues };
    })();
    const tracked = run.finally(() => {
      if (this.#refreshing === tracked) this.#refreshing = undefined;
    });
    this.#refreshing = tracked;
    return tracked;
  }

  /** Envelope bytes in one queue: counted once by reading the queue, then kept up to date here. */
  async #usageOf(hash: string, recount: boolean): Promise<Usage> {
    const cached = this.#usage.get(hash);
    if (cached && !recount) return cached;
    const subject = this.#naming.envelopeSubject(hash);
    let bytes = 0;
    let cursor = 1;
    for (;;) {
      const m = await this.#getNext(subject, cursor, true);
      if (!m) break;
      cursor = m.seq + 1;
      if (!this.#acked.has(m.seq)) bytes += m.data.length - TS_BYTES;
    }
    const usage = this.#usage.get(hash) ?? { bytes: 0, pending: 0 };
    usage.bytes = bytes;
    this.#usage.set(hash, usage);
    bound(this.#usage);
    return usage;
  }

  // ---- JetStream reads -----------------------------------------------------------------------

  /** The first message at or after `seq` on `subject`; `consistent` asks the stream leader. */
  #getNext(subject: string, seq: number, consistent: boolean): Promise<GotMessage | null> {
    const stream = subject.startsWith(`${this.#naming.prefix}.q.`) ? this.#naming.queueStream : this.#naming.envelopeStream;
    return this.#get(stream, { seq, next_by_subj: subject }, consistent);
  }

  #getSeq(seq: number, consistent: boolean): Promise<GotMessage | null> {
    return this.#get(this.#naming.envelopeStream, { seq }, consistent);
  }

  /** The newest message on `subject`: a replica's answer first, the leader's if it had none. */
  async #getLast(stream: string, subject: string): Promise<GotMessage | null> {
    return (await this.#get(stream, { last_by_subj: subject }, false)) ?? (await this.#get(stream, { last_by_subj: subject }, true));
  }

  async #get(stream: string, query: { seq: number; next_by_subj?: string } | { last_by_subj: string }, consistent: boolean): Promise<GotMessage | null> {
    const deadline = Date.now() + this.#o.publishDeadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return consistent
          ? await this.#req.leaderGet(stream, query, this.#o.publishAttemptMs)
          : await this.#req.directGet(stream, query, this.#o.publishAttemptMs);
      } catch (e) {
        if (errorKind(e) === 'not-found') return null;
        if (attempt === 0) this.#o.log('nats-get-retry', { error: e instanceof Error ? e.name : 'unknown' });
        if (this.#closed || Date.now() > deadline) throw e;
        await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  }

  async #purge(stream: string, subject: string): Promise<void> {
    const deadline = Date.now() + this.#o.publishDeadlineMs;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.#jsm.streams.purge(stream, { filter: subject });
        return;
      } catch (e) {
        if (this.#closed || Date.now() > deadline) throw e;
        await sleep(Math.min(1000, 50 * 2 ** attempt));
      }
    }
  }

  // ---- operations ----------------------------------------------------------------------------

  /** For a health endpoint: connected, and both streams have a leader and current replicas. */
  async health(): Promise<NatsHealth> {
    const streams: NatsHealth['streams'] = {};
    try {
      for (const name of [this.#naming.envelopeStream, this.#naming.queueStream]) {
        const info = await this.#jsm.streams.info(name);
        const replicas = info.config.num_replicas;
        const current = 1 + (info.cluster?.replicas ?? []).filter((r) => r.current && !r.offline).length;
        streams[name] = { leader: info.cluster?.leader, replicas, current: Math.min(current, replicas), messages: info.state.messages };
      }
      const ok = !this.#nc.isClosed() && Object.values(streams).every((s) => s.leader !== undefined && s.current * 2 > s.replicas);
      return { ok, server: this.#nc.getServer(), streams, requests: { ...this.#req.counts } };
    } catch (e) {
      return { ok: false, server: this.#nc.isClosed() ? undefined : this.#nc.getServer(), streams, error: e instanceof Error ? e.message : String(e) };
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const t of this.#timers) clearInterval(t);
    for (const w of this.#watched.values()) w.sub.unsubscribe();
    this.#watched.clear();
    const deleting = [...this.#deleting.values()].flatMap((s) => [...s]);
    await Promise.race([Promise.allSettled(deleting), sleep(2000)]);
    this.#stopped = true;
    this.#req.close();
    await this.#nc.drain().catch(() => this.#nc.close());
  }
}

interface Published {
  readonly seq: number;
  /** The first attempt got no acknowledgement (the envelope may have been stored by it anyway). */
  readonly retried: boolean;
}

function decodeEnvelope(m: GotMessage): StoredEnvelope {
  const data = Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength);
  if (data.length < TS_BYTES) throw new QueueStoreError('CORRUPT', 'envelope in NATS is too short');
  return { seq: m.seq, timestamp: data.readDoubleBE(0), body: Buffer.from(data.subarray(TS_BYTES)) };
}

/**
 * Creates the stream, or checks that an existing one belongs to the same operator key and brings
 * its limits up to date. Resolves with whether the stream republishes as configured: nats-server
 * 2.9 refuses to add `republish` to an existing stream (one made by an earlier version).
 */
async function ensureStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }, keyId: string, o: NatsStoreOptions): Promise<boolean> {
  const name = config.name;
  const deadline = Date.now() + 30_000;
  for (let attempt = 0; ; attempt++) {
    try {
      let info;
      try {
        info = await jsm.streams.info(name);
      } catch (e) {
        if (!(e instanceof JetStreamApiError && e.code === 10059)) throw e;
        await jsm.streams.add(config);
        o.log('nats-stream-created', { replicas: o.replicas });
        return true;
      }
      if (!(info.config.description ?? '').includes(keyId)) {
        throw new QueueStoreError('CORRUPT', `stream ${name} belongs to another operator key: copy ${'nats-operator.key'} from the first node to every node`);
      }
      const c = info.config;
      const republishes = c.republish?.src === config.republish?.src && c.republish?.dest === config.republish?.dest;
      if (
        c.max_msgs_per_subject !== config.max_msgs_per_subject ||
        c.max_msgs !== config.max_msgs ||
        c.max_bytes !== config.max_bytes ||
        c.duplicate_window !== config.duplicate_window
      ) {
        await jsm.streams.update(name, { ...c, ...config, republish: c.republish });
        o.log('nats-stream-limits-updated');
      }
      if (!republishes) o.log('nats-stream-without-republish', { stream: name });
      return republishes;
    } catch (e) {
      if (e instanceof QueueStoreError || Date.now() > deadline) throw e;
      // Right after a cluster starts, JetStream answers "temporarily unavailable" for a moment.
      await sleep(Math.min(1000, 100 * 2 ** attempt));
    }
  }
}
