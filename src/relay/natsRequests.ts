/**
 * The JetStream requests on the NATS store's hot path (issue #9 §Benchmark), sent over one
 * reply subscription: publish with message id, direct get, delete by sequence. The client
 * library's own request path builds an Error with a stack trace and a timer for every request
 * (about a tenth of a relay node's CPU under load); here replies are matched by token and
 * deadlines are swept by one timer. Requests made during one turn of the event loop leave together
 * at its end (one socket write instead of one per request or per incoming frame: the client
 * flushes per microtask, and each awaited continuation is its own microtask), under load at most
 * one write per millisecond.
 */
import { randomBytes } from 'node:crypto';
import type { Msg, MsgHdrs, NatsConnection, Subscription } from '@nats-io/transport-node';

export interface GotMessage {
  readonly seq: number;
  readonly subject: string;
  readonly data: Uint8Array;
}

/** A JetStream API error reply (`err_code` as in nats-server's errors.json) or a NATS status. */
export class JetStreamReplyError extends Error {
  readonly errCode: number | undefined;
  readonly status: number | undefined;
  constructor(message: string, errCode: number | undefined, status: number | undefined) {
    super(message);
    this.name = 'JetStreamReplyError';
    this.errCode = errCode;
    this.status = status;
  }
}

/** No reply in time, or no responder (a stream without a leader): worth retrying. */
export class JetStreamUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JetStreamUnavailableError';
  }
}

interface Outgoing {
  readonly subject: string;
  readonly payload: Uint8Array | string;
  readonly reply: string;
  readonly headers: MsgHdrs | undefined;
  readonly token: string;
}

interface Pending {
  readonly deadline: number;
  resolve(msg: Msg): void;
  reject(e: Error): void;
}

const decoder = new TextDecoder();
/** Least time between two writes of requests (adds at most this to a request's latency, under load only). */
const FLUSH_SPACING_MS = 1;

export class JetStreamRequests {
  readonly #nc: NatsConnection;
  readonly #inbox = `_INBOX.${randomBytes(12).toString('hex')}`;
  readonly #pending = new Map<string, Pending>();
  readonly #sub: Subscription;
  readonly #sweeper: NodeJS.Timeout;
  #next = 0;
  #outgoing: Outgoing[] = [];
  #lastFlush = 0;
  /** Requests sent, by kind: what the hot path costs the cluster (shown by the health endpoint). */
  readonly counts = { publish: 0, directGet: 0, leaderGet: 0, purge: 0, delete: 0 };

  constructor(nc: NatsConnection) {
    this.#nc = nc;
    this.#sub = nc.subscribe(`${this.#inbox}.*`, {
      callback: (_err, msg) => {
        const token = msg.subject.slice(this.#inbox.length + 1);
        const p = this.#pending.get(token);
        if (!p) return;
        this.#pending.delete(token);
        p.resolve(msg);
      },
    });
    this.#sweeper = setInterval(() => this.#sweep(), 100);
    this.#sweeper.unref();
  }

  #sweep(): void {
    const now = Date.now();
    for (const [token, p] of this.#pending) {
      if (p.deadline > now) continue;
      this.#pending.delete(token);
      p.reject(new JetStreamUnavailableError('JetStream did not answer in time'));
    }
  }

  /** Sends a request and resolves with the reply message, or rejects on timeout / no responders. */
  request(subject: string, payload: Uint8Array | string, timeoutMs: number, headers?: MsgHdrs): Promise<Msg> {
    const token = (this.#next++).toString(36);
    return new Promise<Msg>((resolve, reject) => {
      this.#pending.set(token, {
        deadline: Date.now() + timeoutMs,
        resolve: (msg) => {
          // A status-only reply with code 503: nobody serves the subject (no stream leader yet).
          if (msg.data.length === 0 && msg.headers?.code === 503) reject(new JetStreamUnavailableError('no JetStream responder'));
          else resolve(msg);
        },
        reject,
      });
      if (this.#outgoing.length === 0) this.#scheduleFlush();
      this.#outgoing.push({ subject, payload, reply: `${this.#inbox}.${token}`, headers, token });
    });
  }

  /**
   * At the end of this event-loop turn, or — when the previous write left less than
   * FLUSH_SPACING_MS ago — that long after it: under load the requests of several turns share
   * one socket write (each write is a system call in the node and wakes a thread of nats-server).
   */
  #scheduleFlush(): void {
    const wait = this.#lastFlush + FLUSH_SPACING_MS - performance.now();
    if (wait <= 0) setImmediate(() => this.#flush());
    else setTimeout(() => this.#flush(), wait);
  }

  #flush(): void {
    this.#lastFlush = performance.now();
    const batch = this.#outgoing;
    this.#outgoing = [];
    for (const o of batch) {
      try {
        this.#nc.publish(o.subject, o.payload, o.headers ? { reply: o.reply, headers: o.headers } : { reply: o.reply });
      } catch (e) {
        const p = this.#pending.get(o.token);
        this.#pending.delete(o.token);
        p?.reject(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  /** Publishes into a stream; resolves with the stream sequence once JetStream acknowledged it. */
  async publish(subject: string, payload: Uint8Array, msgId: string, timeoutMs: number, expectLastSubjectSeq?: number): Promise<number> {
    this.counts.publish++;
    const expect = expectLastSubjectSeq === undefined ? '' : `Nats-Expected-Last-Subject-Sequence: ${expectLastSubjectSeq}\r\n`;
    const msg = await this.request(subject, payload, timeoutMs, encodedHeaders(`NATS/1.0\r\nNats-Msg-Id: ${msgId}\r\n${expect}\r\n`));
    const seq = ackedSeq(msg.data);
    if (seq !== undefined) return seq;
    const reply = parseJson(msg);
    if (typeof reply.seq !== 'number') throw new JetStreamReplyError('JetStream did not acknowledge the publish', undefined, undefined);
    return reply.seq;
  }

  /** Direct get (served by any replica): null when there is no such message. */
  async directGet(stream: string, query: { seq: number; next_by_subj?: string } | { last_by_subj: string }, timeoutMs: number): Promise<GotMessage | null> {
    this.counts.directGet++;
    const msg = await this.request(`$JS.API.DIRECT.GET.${stream}`, JSON.stringify(query), timeoutMs);
    const h = msg.headers;
    if (h && h.code !== 0 && h.code !== 200) {
      if (h.code === 404) return null;
      throw new JetStreamReplyError(h.description || `direct get failed (${h.code})`, undefined, h.code);
    }
    const seq = Number(h?.get('Nats-Sequence'));
    const subject = h?.get('Nats-Subject') ?? '';
    if (!Number.isSafeInteger(seq) || subject === '') throw new JetStreamReplyError('malformed direct get reply', undefined, undefined);
    return { seq, subject, data: msg.data };
  }

  /** Get through the stream leader (consistent with every acknowledged publish): null when there is no such message. */
  async leaderGet(stream: string, query: { seq: number; next_by_subj?: string } | { last_by_subj: string }, timeoutMs: number): Promise<GotMessage | null> {
    this.counts.leaderGet++;
    let reply: { message?: { subject?: unknown; seq?: unknown; data?: unknown } };
    try {
      reply = parseJson(await this.request(`$JS.API.STREAM.MSG.GET.${stream}`, JSON.stringify(query), timeoutMs)) as typeof reply;
    } catch (e) {
      if (e instanceof JetStreamReplyError && e.errCode === 10037) return null;
      throw e;
    }
    const m = reply.message;
    if (!m || typeof m.seq !== 'number' || typeof m.subject !== 'string') throw new JetStreamReplyError('malformed message get reply', undefined, undefined);
    return { seq: m.seq, subject: m.subject, data: typeof m.data === 'string' ? Buffer.from(m.data, 'base64') : new Uint8Array(0) };
  }

  /** Removes every message on `subject` with a seq below `below` (one replicated operation). */
  async purge(stream: string, subject: string, below: number, timeoutMs: number): Promise<number> {
    this.counts.purge++;
    const reply = parseJson(await this.request(`$JS.API.STREAM.PURGE.${stream}`, JSON.stringify({ filter: subject, seq: below }), timeoutMs)) as { purged?: unknown };
    return typeof reply.purged === 'number' ? reply.purged : 0;
  }

  /** Deletes one message; false when it was not there (already deleted or expired). */
  async delete(stream: string, seq: number, timeoutMs: number): Promise<boolean> {
    this.counts.delete++;
    try {
      parseJson(await this.request(`$JS.API.STREAM.MSG.DELETE.${stream}`, JSON.stringify({ seq, no_erase: true }), timeoutMs));
      return true;
    } catch (e) {
      if (e instanceof JetStreamReplyError && e.errCode === 10057) return false;
      throw e;
    }
  }

  close(): void {
    clearInterval(this.#sweeper);
    this.#sub.unsubscribe();
    this.#outgoing = [];
    for (const p of this.#pending.values()) p.reject(new JetStreamUnavailableError('closed'));
    this.#pending.clear();
  }
}

/**
 * Headers given as their wire bytes, instead of the client's header object (a map of arrays,
 * re-encoded through a string for every publish: a few percent of a loaded relay node's CPU in
 * a profile). The client's `publish` only asks headers to `encode()` themselves; the values
 * here are plain ASCII without CR/LF.
 */
function encodedHeaders(wire: string): MsgHdrs {
  const bytes = Buffer.from(wire, 'latin1');
  return { encode: () => bytes } as unknown as MsgHdrs;
}

/** Raw parts of a received message as the client holds them (headers stay undecoded until asked for). */
interface RawMsg {
  readonly _rdata?: Uint8Array;
  readonly _msg?: { readonly hdr?: number };
}

/**
 * The value of an integer header (e.g. `Nats-Sequence`) read from the message's header bytes,
 * without decoding every header into the client's header object; NaN when absent or malformed.
 */
export function integerHeader(msg: Msg, name: string): number {
  const raw = msg as unknown as RawMsg;
  const hdr = raw._msg?.hdr;
  if (!(raw._rdata instanceof Uint8Array) || typeof hdr !== 'number') return Number(msg.headers?.get(name));
  if (hdr <= 0) return NaN;
  const buf = Buffer.from(raw._rdata.buffer, raw._rdata.byteOffset, hdr);
  const key = `\r\n${name}:`;
  let i = buf.indexOf(key, 0, 'latin1');
  if (i < 0) return NaN;
  i += key.length;
  while (buf[i] === 0x20) i++;
  let value = 0;
  let digits = 0;
  for (let c = buf[i]; c !== undefined && c >= 0x30 && c <= 0x39; c = buf[++i], digits++) value = value * 10 + (c - 0x30);
  return digits > 0 && digits <= 15 && (buf[i] === 0x0d || buf[i] === 0x20) ? value : NaN;
}

const SEQ_KEY = Buffer.from('"seq":');
const ERROR_KEY = Buffer.from('"error"');

/**
 * The seq of a publish acknowledgement (`{"stream":"…", "seq":N[, "duplicate":true]}`) read
 * without decoding and parsing the JSON, once per envelope; undefined for anything else (left
 * to the full parse). Quotes inside the reply's strings are escaped, so the keys cannot be faked.
 */
function ackedSeq(data: Uint8Array): number | undefined {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  let i = buf.indexOf(SEQ_KEY);
  // An error reply may carry a "seq" too.
  if (i < 0 || buf.indexOf(ERROR_KEY) >= 0) return undefined;
  i += SEQ_KEY.length;
  while (buf[i] === 0x20) i++;
  let seq = 0;
  let digits = 0;
  for (let c = buf[i]; c !== undefined && c >= 0x30 && c <= 0x39; c = buf[++i], digits++) seq = seq * 10 + (c - 0x30);
  return digits > 0 && digits <= 15 ? seq : undefined;
}

function parseJson(msg: Msg): { seq?: unknown; purged?: unknown } {
  let reply: { seq?: unknown; purged?: unknown; error?: { code?: number; err_code?: number; description?: string } };
  try {
    reply = JSON.parse(decoder.decode(msg.data)) as typeof reply;
  } catch {
    throw new JetStreamReplyError('malformed JetStream reply', undefined, undefined);
  }
  if (reply.error) throw new JetStreamReplyError(reply.error.description ?? 'JetStream error', reply.error.err_code, reply.error.code);
  return reply;
}
