/**
 * A QueueStore that keeps everything in memory (issue #4 §Persistence): for tests and for a relay
 * that must keep nothing on disk. Loses every queue when the process ends.
 */
import { QueueIndex } from './queueIndex.js';
import { DEFAULT_QUEUE_LIMITS, QueueStoreError, } from './queueStore.js';
export class MemoryQueueStore {
    #index;
    #listeners = new Set();
    #closed = false;
    constructor(limits = DEFAULT_QUEUE_LIMITS) {
        this.#index = new QueueIndex(limits);
    }
    #open() {
        if (this.#closed)
            throw new QueueStoreError('CLOSED', 'store is closed');
    }
    createQueue(queue) {
        return Promise.resolve().then(() => {
            this.#open();
            this.#index.createQueue(queue);
        });
    }
    queueByRecvId(recvId) {
        return Promise.resolve(this.#index.queueByRecvId(recvId));
    }
    queueBySendId(sendId) {
        return Promise.resolve(this.#index.queueBySendId(sendId));
    }
    deleteQueue(recvId) {
        return Promise.resolve(this.#index.deleteQueue(recvId));
    }
    append(recvId, body, timestamp) {
        try {
            this.#open();
            // Unpooled: a kept view into Node's shared buffer pool would pin a whole slab.
            const kept = Buffer.allocUnsafeSlow(body.length);
            body.copy(kept);
            const envelope = this.#index.append(recvId, kept, timestamp);
            for (const l of this.#listeners)
                l(recvId, envelope);
            return Promise.resolve(envelope);
        }
        catch (e) {
            return Promise.reject(e instanceof Error ? e : new Error(String(e)));
        }
    }
    read(recvId, afterSeq, limit) {
        return Promise.resolve(this.#index.read(recvId, afterSeq, limit));
    }
    ack(recvId, seq) {
        return Promise.resolve(this.#index.ack(recvId, seq));
    }
    expire(before) {
        return Promise.resolve(this.#index.expire(before).length);
    }
    onAppend(listener) {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
    }
    stats() {
        return this.#index.stats();
    }
    close() {
        this.#closed = true;
        return Promise.resolve();
    }
}
//# sourceMappingURL=memoryStore.js.map