/**
 * One client connection to a relay (issue #4 §Transport): opens a WebSocket, pins the relay's TLS
 * key to the address fingerprint before any command, waits for the relay's HELLO challenge,
 * correlates commands with replies, signs commands over the challenge, and reconnects with
 * backoff whenever the connection drops or the relay misbehaves.
 *
 * The pin is checked on the upgrade response, i.e. after the TLS handshake proved possession of
 * the certificate's key and before any command is written; the upgrade request itself carries
 * nothing but the host name.
 *
 * Frames written while handling one event (and its promise reactions) leave in one socket write,
 * and frames are sent with an all-zero WebSocket mask (see `UNMASKED`).
 */
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { WebSocket } from 'ws';
import { bytesEqual } from '../crypto/bytes.js';
import type { IdentitySecretKey } from '../crypto/keys.js';
import { sign } from '../crypto/sign.js';
import {
  encodeUnsignedCommand,
  decodeReply,
  signedBytes,
  withSignature,
  type CommandBody,
  type Reply,
} from '../protocol/relayWire/frames.js';
import { MAX_BLOB_FRAME_BYTES } from '../protocol/relayWire/blobWire.js';
import { spkiFingerprint, type RelayAddress } from '../protocol/relayWire/relayAddress.js';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { RelayCommandError, TransportError } from './errors.js';

export interface RelayConnectionOptions {
  readonly backoff?: BackoffOptions;
  /** A relay that has not said HELLO by then is dropped. */
  readonly connectTimeoutMs?: number;
  /** A relay that has not answered a command by then is presumed dead and the connection is dropped. */
  readonly commandTimeoutMs?: number;
}

/** Authorizes a command with a queue key; `bind` names the (role, queue) a signature binds. */
export interface CommandAuth {
  readonly key: IdentitySecretKey;
  readonly bind: string;
}

export type PushReply = Extract<Reply, { kind: 'MSG' | 'END' }>;

/**
 * The WebSocket masking key of every client frame: all zeros, so `ws` neither copies nor XORs
 * each frame, and the relay skips unmasking. Masking (RFC 6455 §5.3, §10.3) keeps script in a
 * browser from making its client emit bytes that a cleartext intermediary misreads; this client
 * runs in Node, sends only protocol bytes and envelopes it sealed itself, and off loopback speaks
 * only TLS, where an intermediary sees nothing it could misread.
 */
export const UNMASKED = (mask: Buffer): void => {
  mask.fill(0);
};

/** Where a command's outcome goes. */
interface Outcome {
  readonly onReply: ((reply: Reply) => void) | undefined;
  readonly resolve: (reply: Reply) => void;
  readonly reject: (e: Error) => void;
}

interface Pending {
  /** Handles the reply (an error reply included). */
  readonly settle: (reply: Reply) => void;
  readonly reject: (e: Error) => void;
  readonly sentAt: number;
}

/** The outcome of a command nobody waits on (see `post`). */
const IGNORED: Outcome = { onReply: undefined, resolve: () => undefined, reject: () => undefined };

export class RelayConnection {
  readonly address: RelayAddress;
  readonly #backoff: Backoff;
  readonly #connectTimeoutMs: number;
  readonly #commandTimeoutMs: number;
  readonly #pushListeners = new Set<(push: PushReply) => void>();
  readonly #readyListeners = new Set<() => void>();
  readonly #downListeners = new Set<() => void>();
  /** Commands awaiting their reply, oldest first (a Map iterates in insertion order). */
  readonly #pending = new Map<number, Pending>();
  /** One timer watches the oldest pending command instead of one timer per command. */
  #timeoutTimer: NodeJS.Timeout | undefined;
  readonly #bound = new Set<string>();
  #ws: WebSocket | undefined;
  #socket: Socket | undefined;
  #corked = false;
  #challenge: Buffer | undefined;
  #nextCorrId = 1;
  #readyWaiters: { resolve(): void; reject(e: Error): void }[] = [];
  #reconnectTimer: NodeJS.Timeout | undefined;
  #closed = false;
  /** Counts connections made; a push or reply belongs to the generation it arrived in. */
  generation = 0;
  /** The last reason a connection attempt failed (e.g. PIN_MISMATCH), for diagnostics and tests. */
  lastError: Error | undefined;

  constructor(address: RelayAddress, options: RelayConnectionOptions = {}) {
    this.address = address;
    this.#backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
    this.#commandTimeoutMs = options.commandTimeoutMs ?? 15_000;
    this.#open();
  }

  get ready(): boolean {
    return this.#challenge !== undefined;
  }

  onPush(listener: (push: PushReply) => void): () => void {
    this.#pushListeners.add(listener);
    return () => this.#pushListeners.delete(listener);
  }

  /** Called after every (re)connection once the relay's HELLO has arrived. */
  onReady(listener: () => void): () => void {
    this.#readyListeners.add(listener);
    return () => this.#readyListeners.delete(listener);
  }

  /** Called each time a connection (or an attempt to make one) ends while not closed for good. */
  onDown(listener: () => void): () => void {
    this.#downListeners.add(listener);
    return () => this.#downListeners.delete(listener);
  }

  #open(): void {
    if (this.#closed) return;
    const ws = new WebSocket(this.address.url, {
      rejectUnauthorized: false,
      perMessageDeflate: false,
      maxPayload: MAX_BLOB_FRAME_BYTES + 1024,
      handshakeTimeout: this.#connectTimeoutMs,
      generateMask: UNMASKED,
    });
    this.#ws = ws;
    this.#socket = undefined;
    const helloTimer = setTimeout(() => ws.terminate(), this.#connectTimeoutMs);
    const expected = this.address.fingerprint;
    ws.once('upgrade', (res) => {
      if (expected) {
        const cert = (res.socket as TLSSocket).getPeerX509Certificate?.();
        if (!cert || !bytesEqual(spkiFingerprint(cert), expected)) {
          this.lastError = new TransportError('PIN_MISMATCH', 'relay TLS key does not match the address fingerprint');
          ws.terminate();
          return;
        }
      }
      if (ws === this.#ws) this.#socket = res.socket;
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (ws !== this.#ws) return;
      let reply: Reply;
      try {
        if (!isBinary) throw new TransportError('UNEXPECTED_REPLY', 'text frame');
        reply = decodeReply(data);
      } catch {
        // A relay sending garbage is broken or hostile: start over on a fresh connection.
        this.lastError = new TransportError('UNEXPECTED_REPLY', 'relay sent an invalid frame');
        ws.terminate();
        return;
      }
      if (this.#challenge === undefined) {
        if (reply.kind !== 'HELLO') {
          ws.terminate();
          return;
        }
        clearTimeout(helloTimer);
        this.#challenge = reply.challenge;
        this.#nextCorrId = 1;
        this.#bound.clear();
        this.generation++;
        this.#backoff.reset();
        this.lastError = undefined;
        for (const w of this.#readyWaiters.splice(0)) w.resolve();
        for (const l of this.#readyListeners) l();
        return;
      }
      this.#onReply(ws, reply);
    });
    ws.on('error', (e) => {
      this.lastError ??= e;
    });
    ws.on('close', () => {
      clearTimeout(helloTimer);
      if (ws !== this.#ws) return;
      this.#ws = undefined;
      this.#socket = undefined;
      this.#challenge = undefined;
      const err = new TransportError('DISCONNECTED', 'connection to the relay was lost');
      for (const [, p] of this.#pending) p.reject(err);
      this.#pending.clear();
      clearTimeout(this.#timeoutTimer);
      this.#timeoutTimer = undefined;
      if (this.#closed) return;
      for (const l of this.#downListeners) l();
      // Waiting callers learn of an impostor at once; reconnecting continues (it may be a passing attack).
      if (this.lastError instanceof TransportError && this.lastError.reason === 'PIN_MISMATCH') {
        for (const w of this.#readyWaiters.splice(0)) w.reject(this.lastError);
      }
      this.#reconnectTimer = setTimeout(() => this.#open(), this.#backoff.next());
    });
  }

  #onReply(ws: WebSocket, reply: Reply): void {
    switch (reply.kind) {
      case 'HELLO':
        ws.terminate();
        return;
      case 'MSG':
      case 'END':
        for (const l of this.#pushListeners) l(reply);
        return;
      default: {
        const p = this.#pending.get(reply.corrId);
        if (!p) return; // a duplicated or stale reply: nothing waits for it
        this.#pending.delete(reply.corrId);
        p.settle(reply);
      }
    }
  }

  /** Resolves once connected and greeted; rejects only when the connection is closed for good. */
  waitReady(): Promise<void> {
    if (this.#closed) return Promise.reject(new TransportError('CLOSED', 'connection closed'));
    if (this.#challenge !== undefined) return Promise.resolve();
    return new Promise((resolve, reject) => this.#readyWaiters.push({ resolve, reject }));
  }

  /**
   * Sends one command on the current connection (waiting for one if needed) and returns its
   * reply. Rejects with `RelayCommandError` for an error reply, `TransportError('DISCONNECTED')`
   * if the connection drops first (the command may or may not have been executed). `onReply`
   * runs synchronously on arrival, before any frame that follows the reply is handled.
   */
  command(body: CommandBody, auth?: CommandAuth, onReply?: (reply: Reply) => void): Promise<Reply> {
    return new Promise((resolve, reject) => this.#submit(body, auth, false, { onReply, resolve, reject }));
  }

  /**
   * Sends a command whose answer nobody waits on (e.g. an ACK: losing one only causes a
   * redelivery). Its answer still counts for the command timeout.
   */
  post(body: CommandBody, auth?: CommandAuth): void {
    try {
      this.#submit(body, auth, false, IGNORED);
    } catch {
      // Nothing waits on it.
    }
  }

  #submit(body: CommandBody, auth: CommandAuth | undefined, forceSign: boolean, outcome: Outcome): void {
    if (this.#closed || this.#challenge === undefined) {
      this.waitReady().then(() => {
        if (this.#challenge === undefined) throw new TransportError('DISCONNECTED', 'connection to the relay was lost');
        this.#submit(body, auth, forceSign, outcome);
      }, outcome.reject).catch(outcome.reject);
      return;
    }
    const ws = this.#ws!;
    const challenge = this.#challenge;
    const corrId = this.#nextCorrId++;
    const unsigned = encodeUnsignedCommand(corrId, body);
    const signIt = auth !== undefined && (forceSign || !this.#bound.has(auth.bind));
    // Binding at send time is sound: the relay runs commands in order, so it sees this signature
    // before any later unsigned command for the same queue.
    if (signIt) this.#bound.add(auth.bind);
    const frame = signIt ? withSignature(unsigned, sign(auth.key, signedBytes(challenge, unsigned))) : unsigned;
    this.#pending.set(corrId, {
      settle: (reply) => {
        // An unsigned command refused for AUTH means the binding was lost (e.g. the signed
        // command before it was rate-limited): sign it this time.
        if (reply.kind === 'ERR' && reply.code === 'AUTH' && auth && !signIt) {
          this.#bound.delete(auth.bind);
          try {
            this.#submit(body, auth, true, outcome);
          } catch (e) {
            outcome.reject(e as Error);
          }
          return;
        }
        outcome.onReply?.(reply);
        if (reply.kind === 'ERR') outcome.reject(new RelayCommandError(reply.code));
        else outcome.resolve(reply);
      },
      reject: outcome.reject,
      sentAt: performance.now(),
    });
    this.#write(ws, frame);
    this.#timeoutTimer ??= setTimeout(() => this.#checkTimeout(), this.#commandTimeoutMs);
  }

  /** Drops the connection if its oldest command has gone unanswered for the command timeout. */
  #checkTimeout(): void {
    this.#timeoutTimer = undefined;
    const oldest = this.#pending.values().next().value;
    if (!oldest) return;
    const left = oldest.sentAt + this.#commandTimeoutMs - performance.now();
    if (left > 0) {
      this.#timeoutTimer = setTimeout(() => this.#checkTimeout(), left);
      return;
    }
    this.lastError = new TransportError('TIMEOUT', 'relay did not answer in time');
    this.#ws?.terminate();
  }

  /** Sends `frame`, holding the socket's writes until the current event's work is done. */
  #write(ws: WebSocket, frame: Buffer): void {
    const socket = this.#socket;
    if (socket && !this.#corked) {
      this.#corked = true;
      socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        socket.uncork();
      });
    }
    ws.send(frame);
  }

  /** Drops the current connection and reconnects (a fresh challenge), e.g. after an AUTH refusal. */
  reset(): void {
    this.#ws?.terminate();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    const err = new TransportError('CLOSED', 'connection closed');
    for (const w of this.#readyWaiters.splice(0)) w.reject(err);
    this.#ws?.terminate();
  }
}

