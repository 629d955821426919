/**
 * One client connection's view of the relay (issue #4 §Queues, §Delivery): parses each command,
 * checks its authorization and anti-replay counter, runs it against the store and answers with
 * a reply frame. Commands are started in arrival order; SEND is answered only once durable.
 *
 * Authorization: a command on a queue is signed with that queue's recipient or sender key over
 * this connection's random challenge. A good signature binds (queue, role) to the connection,
 * so later commands for that queue on the same connection may omit the signature: within one
 * TLS connection nobody else can inject commands, and the binding dies with the connection.
 */
import { isValidSigningPublicKey, verify } from '../crypto/sign.js';
import type { RelayErrorName } from '../protocol/relayWire/errorCodes.js';
import {
  CHALLENGE_BYTES,
  corrIdOf,
  decodeCommand,
  encodeReply,
  MAX_FRAME_BYTES,
  QUEUE_ID_BYTES,
  signedBytes,
  type Command,
} from '../protocol/relayWire/frames.js';
import { RelayWireError } from '../protocol/relayWire/wireError.js';
import { QueueStoreError, type QueueRecord } from './queueStore.js';
import type { RelayCore, Subscription } from './relayCore.js';
import { TokenBucket } from './tokenBucket.js';

/** What a transport adapter gives the core for one connection. */
export interface ConnectionSink {
  send(frame: Buffer): void;
  close(code: number, reason: string): void;
}

const key = (id: Buffer): string => id.toString('latin1');

function storeErrorCode(e: unknown): RelayErrorName {
  if (e instanceof QueueStoreError) {
    switch (e.reason) {
      case 'NO_QUEUE':
        return 'NO_QUEUE';
      case 'QUEUE_FULL':
        return 'QUEUE_FULL';
      case 'RELAY_FULL':
        return 'RELAY_FULL';
      default:
        return 'INTERNAL';
    }
  }
  return 'INTERNAL';
}

export class RelaySession {
  readonly subscriptions = new Map<string, Subscription>();
  readonly #core: RelayCore;
  readonly #sink: ConnectionSink;
  readonly #challenge: Buffer;
  readonly #commands: TokenBucket;
  readonly #errors: TokenBucket;
  /** Queues this connection has proven the recipient key of, by receive id. */
  readonly #recipientOf = new Map<string, QueueRecord>();
  /** Queues this connection has proven the sender key of, by send id. */
  readonly #senderOf = new Map<string, QueueRecord>();
  #lastCorrId = 0;
  #chain: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(core: RelayCore, sink: ConnectionSink) {
    this.#core = core;
    this.#sink = sink;
    const o = core.options;
    this.#challenge = o.rng(CHALLENGE_BYTES);
    this.#commands = new TokenBucket(o.commandBurst, o.commandsPerSecond, o.now);
    this.#errors = new TokenBucket(o.errorBurst, o.errorsPerSecond, o.now);
    sink.send(encodeReply({ kind: 'HELLO', corrId: 0, challenge: this.#challenge, maxFrame: MAX_FRAME_BYTES }));
  }

  get closed(): boolean {
    return this.#closed;
  }

  push(frame: Buffer): void {
    if (!this.#closed) this.#sink.send(frame);
  }

  /** The transport lost or closed the connection. */
  detached(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#core.detach(this);
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.detached();
    this.#sink.close(code, reason);
  }

  #error(corrId: number, code: RelayErrorName): void {
    this.push(encodeReply({ kind: 'ERR', corrId, code }));
    if (!this.#errors.take()) {
      this.#core.options.log('connection-closed', { reason: 'too many errors' });
      this.close(1008, 'too many errors');
    }
  }

  /** Handles one incoming frame; never throws. */
  receive(frame: Buffer): void {
    if (this.#closed) return;
    if (!this.#commands.take()) {
      this.#error(corrIdOf(frame), 'RATE_LIMITED');
      return;
    }
    let cmd: Command;
    try {
      cmd = decodeCommand(frame);
    } catch (e) {
      this.#error(corrIdOf(frame), e instanceof RelayWireError ? e.relayCode : 'MALFORMED');
      return;
    }
    if (cmd.corrId <= this.#lastCorrId) {
      this.#error(cmd.corrId, 'REPLAY');
      return;
    }
    this.#lastCorrId = cmd.corrId;
    this.#chain = this.#chain.then(() => this.#run(cmd)).catch(() => this.#error(cmd.corrId, 'INTERNAL'));
  }

  #signatureOk(cmd: Command, publicKey: Buffer): boolean {
    return cmd.signature !== undefined && verify(publicKey, signedBytes(this.#challenge, cmd.unsignedBytes), cmd.signature);
  }

  /** The queue a recipient command is about, if this connection may act on it (else replies). */
  async #recipientQueue(cmd: Command, recvId: Buffer): Promise<QueueRecord | undefined> {
    const k = key(recvId);
    if (cmd.signature === undefined) {
      const bound = this.#recipientOf.get(k);
      if (!bound) this.#error(cmd.corrId, 'AUTH');
      return bound;
    }
    const q = await this.#core.store.queueByRecvId(recvId);
    if (!q) {
      this.#error(cmd.corrId, 'NO_QUEUE');
      return undefined;
    }
    if (!this.#signatureOk(cmd, q.recipientKey)) {
      this.#error(cmd.corrId, 'AUTH');
      return undefined;
    }
    this.#recipientOf.set(k, q);
    return q;
  }

  async #run(cmd: Command): Promise<void> {
    if (this.#closed) return;
    const { corrId, body } = cmd;
    const store = this.#core.store;
    switch (body.kind) {
      case 'PING':
        this.push(encodeReply({ kind: 'PONG', corrId }));
        return;
      case 'NEW': {
        if (!this.#signatureOk(cmd, body.recipientKey) || !isValidSigningPublicKey(body.senderKey)) {
          this.#error(corrId, 'AUTH');
          return;
        }
        const { rng, now } = this.#core.options;
        const queue: QueueRecord = {
          recvId: rng(QUEUE_ID_BYTES),
          sendId: rng(QUEUE_ID_BYTES),
          recipientKey: Buffer.from(body.recipientKey),
          senderKey: Buffer.from(body.senderKey),
          createdAt: now(),
        };
        try {
          await store.createQueue(queue);
        } catch (e) {
          this.#error(corrId, storeErrorCode(e));
          return;
        }
        this.#recipientOf.set(key(queue.recvId), queue);
        this.push(encodeReply({ kind: 'IDS', corrId, recvId: queue.recvId, sendId: queue.sendId }));
        return;
      }
      case 'SEND': {
        const k = key(body.sendId);
        let q = this.#senderOf.get(k);
        if (cmd.signature !== undefined) {
          q = await store.queueBySendId(body.sendId);
          if (!q) return this.#error(corrId, 'NO_QUEUE');
          if (!this.#signatureOk(cmd, q.senderKey)) return this.#error(corrId, 'AUTH');
          this.#senderOf.set(k, q);
        } else if (!q) return this.#error(corrId, 'AUTH');
        // Not awaited: the next command may start while this envelope is being made durable.
        store.append(q.recvId, Buffer.from(body.envelope), this.#core.options.now()).then(
          () => this.push(encodeReply({ kind: 'OK', corrId })),
          (e: unknown) => {
            if (storeErrorCode(e) === 'NO_QUEUE') this.#senderOf.delete(k);
            this.#error(corrId, storeErrorCode(e));
          },
        );
        return;
      }
      case 'SUB': {
        const q = await this.#recipientQueue(cmd, body.recvId);
        if (!q) return;
        if (!this.subscriptions.has(key(q.recvId)) && this.subscriptions.size >= this.#core.options.maxSubscriptionsPerConnection) {
          return this.#error(corrId, 'RATE_LIMITED');
        }
        this.push(encodeReply({ kind: 'OK', corrId }));
        this.#core.subscribe(this, q.recvId);
        return;
      }
      case 'ACK': {
        const q = await this.#recipientQueue(cmd, body.recvId);
        if (!q) return;
        const seq = body.msgId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(body.msgId) : -1;
        if (seq < 1 || !(await store.ack(q.recvId, seq))) {
          this.#core.acknowledged(q.recvId, seq);
          return this.#error(corrId, 'NO_MESSAGE');
        }
        this.push(encodeReply({ kind: 'OK', corrId }));
        this.#core.acknowledged(q.recvId, seq);
        return;
      }
      case 'DEL': {
        const q = await this.#recipientQueue(cmd, body.recvId);
        if (!q) return;
        this.#core.unsubscribe(q.recvId);
        this.#recipientOf.delete(key(q.recvId));
        if (!(await store.deleteQueue(q.recvId))) return this.#error(corrId, 'NO_QUEUE');
        this.push(encodeReply({ kind: 'OK', corrId }));
        return;
      }
    }
  }
}
