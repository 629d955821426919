/**
 * One client connection's view of the relay (issue #4 §Queues, §Delivery): parses each command,
 * checks its authorization and anti-replay counter, runs it against the store and answers with
 * a reply frame. Commands are started in arrival order; SEND is answered only once durable.
 *
 * Authorization: a command on a queue is signed with that queue's recipient or sender key over
 * this connection's random challenge. A good signature binds (queue, role) to the connection,
 * so later commands for that queue on the same connection may omit the signature: within one
 * TLS connection nobody else can inject commands, and the binding dies with the connection.
 *
 * Commands run synchronously as they arrive when they can (a bound SEND, SUB or PING needs no
 * I/O before its effect); one that must wait for the store holds back the commands behind it, so
 * their effects still happen in arrival order.
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
  type CommandBody,
} from '../protocol/relayWire/frames.js';
import { RelayWireError } from '../protocol/relayWire/wireError.js';
import { BlobSession } from './blobSession.js';
import { idKey } from './idKey.js';
import { QueueStoreError, type QueueRecord } from './queueStore.js';
import type { RelayCore, Subscription } from './relayCore.js';
import { TokenBucket } from './tokenBucket.js';

/** What a transport adapter gives the core for one connection. */
export interface ConnectionSink {
  send(frame: Buffer): void;
  close(code: number, reason: string): void;
}


type NewBody = Extract<CommandBody, { kind: 'NEW' }>;
type SendBody = Extract<CommandBody, { kind: 'SEND' }>;
type RecipientBody = Extract<CommandBody, { kind: 'SUB' | 'ACK' | 'DEL' }>;

/** Most commands held behind one that waits for the store; more are refused as RATE_LIMITED. */
export const MAX_QUEUED_COMMANDS = 256;

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
  /** Commands waiting for a command before them that is still waiting on the store. */
  readonly #queued: Command[] = [];
  #busy = false;
  #closed = false;
  readonly #blobs: BlobSession;

  constructor(core: RelayCore, sink: ConnectionSink) {
    this.#core = core;
    this.#sink = sink;
    const o = core.options;
    this.#challenge = o.rng(CHALLENGE_BYTES);
    this.#commands = new TokenBucket(o.commandBurst, o.commandsPerSecond, o.now);
    this.#errors = new TokenBucket(o.errorBurst, o.errorsPerSecond, o.now);
    this.#blobs = new BlobSession({ core, reply: (frame) => this.push(frame), error: (corrId, code) => this.#error(corrId, code), signatureOk: (cmd, key) => this.#signatureOk(cmd, key) });
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
    this.#queued.length = 0;
    this.#blobs.close();
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
    if (!this.#busy) this.#start(cmd);
    else if (this.#queued.length < MAX_QUEUED_COMMANDS) this.#queued.push(cmd);
    else this.#error(cmd.corrId, 'RATE_LIMITED');
  }

  /** Runs `cmd`; if it has to wait for the store, the commands after it wait in the queue. */
  #start(cmd: Command): void {
    let waiting: Promise<void> | undefined;
    try {
      waiting = this.#run(cmd);
    } catch {
      this.#error(cmd.corrId, 'INTERNAL');
    }
    if (!waiting) return;
    this.#busy = true;
    waiting.then(
      () => this.#resume(),
      () => {
        this.#error(cmd.corrId, 'INTERNAL');
        this.#resume();
      },
    );
  }

  #resume(): void {
    this.#busy = false;
    while (!this.#busy && !this.#closed) {
      const next = this.#queued.shift();
      if (!next) return;
      this.#start(next);
    }
  }

  #signatureOk(cmd: Command, publicKey: Buffer): boolean {
    return cmd.signature !== undefined && verify(publicKey, signedBytes(this.#challenge, cmd.unsignedBytes), cmd.signature);
  }

  /** The queue an unsigned recipient command is about, if this connection is bound to it (else replies AUTH). */
  #boundRecipientQueue(cmd: Command, recvId: Buffer): QueueRecord | undefined {
    const bound = this.#recipientOf.get(idKey(recvId));
    if (!bound) this.#error(cmd.corrId, 'AUTH');
    return bound;
  }

  /** The queue a signed recipient command is about, if its signature is good (else replies); binds it. */
  async #verifiedRecipientQueue(cmd: Command, recvId: Buffer): Promise<QueueRecord | undefined> {
    const k = idKey(recvId);
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

  /** Runs one command; returns a promise only when it has to wait for the store. */
  #run(cmd: Command): Promise<void> | undefined {
    if (this.#closed) return undefined;
    const { corrId, body } = cmd;
    switch (body.kind) {
      case 'PING':
        this.push(encodeReply({ kind: 'PONG', corrId }));
        return undefined;
      case 'NEW':
        return this.#create(cmd, body);
      case 'SEND': {
        if (cmd.signature !== undefined) return this.#verifiedSend(cmd, body);
        const q = this.#senderOf.get(idKey(body.sendId));
        if (q) this.#append(corrId, q, body);
        else this.#error(corrId, 'AUTH');
        return undefined;
      }
      case 'SUB':
      case 'ACK':
      case 'DEL': {
        if (cmd.signature !== undefined) return this.#verifiedRecipientQueue(cmd, body.recvId).then((q) => (q ? this.#onQueue(corrId, q, body) : undefined));
        const q = this.#boundRecipientQueue(cmd, body.recvId);
        return q ? this.#onQueue(corrId, q, body) : undefined;
      }
      default:
        return this.#blobs.run(cmd, body);
    }
  }

  async #create(cmd: Command, body: NewBody): Promise<void> {
    if (!this.#signatureOk(cmd, body.recipientKey) || !isValidSigningPublicKey(body.senderKey)) return this.#error(cmd.corrId, 'AUTH');
    const { rng, now } = this.#core.options;
    const queue: QueueRecord = {
      recvId: rng(QUEUE_ID_BYTES),
      sendId: rng(QUEUE_ID_BYTES),
      recipientKey: Buffer.from(body.recipientKey),
      senderKey: Buffer.from(body.senderKey),
      createdAt: now(),
    };
    try {
      await this.#core.store.createQueue(queue);
    } catch (e) {
      return this.#error(cmd.corrId, storeErrorCode(e));
    }
    this.#recipientOf.set(idKey(queue.recvId), queue);
    this.push(encodeReply({ kind: 'IDS', corrId: cmd.corrId, recvId: queue.recvId, sendId: queue.sendId }));
  }

  async #verifiedSend(cmd: Command, body: SendBody): Promise<void> {
    const q = await this.#core.store.queueBySendId(body.sendId);
    if (!q) return this.#error(cmd.corrId, 'NO_QUEUE');
    if (!this.#signatureOk(cmd, q.senderKey)) return this.#error(cmd.corrId, 'AUTH');
    this.#senderOf.set(idKey(body.sendId), q);
    this.#append(cmd.corrId, q, body);
  }

  /** Stores an envelope; not waited for: the next command may start while it is made durable. */
  #append(corrId: number, q: QueueRecord, body: SendBody): void {
    this.#core.store.append(q.recvId, body.envelope, this.#core.options.now()).then(
      () => this.push(encodeReply({ kind: 'OK', corrId })),
      (e: unknown) => {
        if (storeErrorCode(e) === 'NO_QUEUE') this.#senderOf.delete(idKey(body.sendId));
        this.#error(corrId, storeErrorCode(e));
      },
    );
  }

  /** A recipient command on a queue this connection is bound to. */
  #onQueue(corrId: number, q: QueueRecord, body: RecipientBody): Promise<void> | undefined {
    switch (body.kind) {
      case 'SUB':
        if (!this.subscriptions.has(idKey(q.recvId)) && this.subscriptions.size >= this.#core.options.maxSubscriptionsPerConnection) {
          this.#error(corrId, 'RATE_LIMITED');
          return undefined;
        }
        this.push(encodeReply({ kind: 'OK', corrId }));
        this.#core.subscribe(this, q.recvId);
        return undefined;
      case 'ACK':
        return this.#ack(corrId, q, body.msgId);
      case 'DEL':
        return this.#delete(corrId, q);
    }
  }

  async #ack(corrId: number, q: QueueRecord, msgId: bigint): Promise<void> {
    const seq = msgId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(msgId) : -1;
    const found = seq >= 1 && (await this.#core.store.ack(q.recvId, seq));
    if (found) this.push(encodeReply({ kind: 'OK', corrId }));
    else this.#error(corrId, 'NO_MESSAGE');
    this.#core.acknowledged(q.recvId, seq);
  }

  async #delete(corrId: number, q: QueueRecord): Promise<void> {
    this.#core.unsubscribe(q.recvId);
    this.#recipientOf.delete(idKey(q.recvId));
    if (!(await this.#core.store.deleteQueue(q.recvId))) return this.#error(corrId, 'NO_QUEUE');
    this.push(encodeReply({ kind: 'OK', corrId }));
  }
}
