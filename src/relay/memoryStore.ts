/**
 * A QueueStore that keeps everything in memory (issue #4 §Persistence): for tests and for a relay
 * that must keep nothing on disk. Loses every queue when the process ends.
 */
import { QueueIndex } from './queueIndex.js';
import {
  DEFAULT_QUEUE_LIMITS,
  QueueStoreError,
  type AppendListener,
  type QueueLimits,
  type QueueRecord,
  type QueueStore,
  type QueueStoreStats,
  type StoredEnvelope,
} from './queueStore.js';

export class MemoryQueueStore implements QueueStore {
  readonly #index: QueueIndex;
  readonly #listeners = new Set<AppendListener>();
  #closed = false;

  constructor(limits: QueueLimits = DEFAULT_QUEUE_LIMITS) {
    this.#index = new QueueIndex(limits);
  }

  #open(): void {
    if (this.#closed) throw new QueueStoreError('CLOSED', 'store is closed');
  }

  createQueue(queue: QueueRecord): Promise<void> {
    return Promise.resolve().then(() => {
      this.#open();
      this.#index.createQueue(queue);
    });
  }

  queueByRecvId(recvId: Buffer): Promise<QueueRecord | undefined> {
    return Promise.resolve(this.#index.queueByRecvId(recvId));
  }

  queueBySendId(sendId: Buffer): Promise<QueueRecord | undefined> {
    return Promise.resolve(this.#index.queueBySendId(sendId));
  }

  deleteQueue(recvId: Buffer): Promise<boolean> {
    return Promise.resolve(this.#index.deleteQueue(recvId));
  }

  append(recvId: Buffer, body: Buffer, timestamp: number): Promise<StoredEnvelope> {
    try {
      this.#open();
      // Unpooled: a kept view into Node's shared buffer pool would pin a whole slab.
      const kept = Buffer.allocUnsafeSlow(body.length);
      body.copy(kept);
      const envelope = this.#index.append(recvId, kept, timestamp);
      for (const l of this.#listeners) l(recvId, envelope);
      return Promise.resolve(envelope);
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  read(recvId: Buffer, afterSeq: number, limit: number): Promise<StoredEnvelope[]> {
    return Promise.resolve(this.#index.read(recvId, afterSeq, limit));
  }

  ack(recvId: Buffer, seq: number): Promise<boolean> {
    return Promise.resolve(this.#index.ack(recvId, seq));
  }

  expire(before: number): Promise<number> {
    return Promise.resolve(this.#index.expire(before).length);
  }

  onAppend(listener: AppendListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stats(): QueueStoreStats {
    return this.#index.stats();
  }

  close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }
}
