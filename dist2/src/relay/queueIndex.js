/**
 * The in-memory state of a relay's queues (issue #4 §Queues, §Delivery): ids → queue, each queue's
 * unacknowledged envelopes in order, quotas. Synchronous and I/O-free; the memory store is this
 * alone, the log store replays its log into it at start and logs every mutation.
 */
import { idKey, rememberIdKey } from './idKey.js';
import { QueueStoreError } from './queueStore.js';
export class QueueIndex {
    #byRecv = new Map();
    #sendToRecv = new Map();
    #limits;
    #envelopes = 0;
    #bytes = 0;
    constructor(limits) {
        this.#limits = limits;
    }
    queueByRecvId(recvId) {
        return this.#byRecv.get(idKey(recvId))?.record;
    }
    queueBySendId(sendId) {
        const recv = this.#sendToRecv.get(idKey(sendId));
        return recv === undefined ? undefined : this.#byRecv.get(recv)?.record;
    }
    /** Checks that a queue can be created (ids free, room left) without changing anything. */
    checkCreate(queue) {
        if (this.#byRecv.size >= this.#limits.maxQueues)
            throw new QueueStoreError('RELAY_FULL', 'the relay holds its maximum number of queues');
        const r = idKey(queue.recvId);
        const s = idKey(queue.sendId);
        if (this.#byRecv.has(r) || this.#sendToRecv.has(s) || this.#byRecv.has(s) || this.#sendToRecv.has(r)) {
            throw new QueueStoreError('DUPLICATE_QUEUE', 'queue id already in use');
        }
    }
    createQueue(queue, nextSeq = 1) {
        this.checkCreate(queue);
        const r = rememberIdKey(queue.recvId);
        this.#byRecv.set(r, { record: queue, envelopes: new Map(), nextSeq, bytes: 0 });
        this.#sendToRecv.set(rememberIdKey(queue.sendId), r);
    }
    deleteQueue(recvId) {
        const k = idKey(recvId);
        const q = this.#byRecv.get(k);
        if (!q)
            return false;
        this.#envelopes -= q.envelopes.size;
        this.#bytes -= q.bytes;
        this.#byRecv.delete(k);
        this.#sendToRecv.delete(idKey(q.record.sendId));
        return true;
    }
    /** Checks quotas and returns the seq the next envelope would get, without changing anything. */
    checkAppend(recvId, byteLength) {
        const q = this.#byRecv.get(idKey(recvId));
        if (!q)
            throw new QueueStoreError('NO_QUEUE', 'no such queue');
        if (q.envelopes.size >= this.#limits.maxMessagesPerQueue || q.bytes + byteLength > this.#limits.maxBytesPerQueue) {
            throw new QueueStoreError('QUEUE_FULL', 'queue quota reached');
        }
        if (this.#bytes + byteLength > this.#limits.maxTotalBytes)
            throw new QueueStoreError('RELAY_FULL', 'relay storage quota reached');
        return q.nextSeq;
    }
    append(recvId, body, timestamp) {
        const seq = this.checkAppend(recvId, body.length);
        const envelope = { seq, timestamp, body };
        this.restore(recvId, envelope);
        return envelope;
    }
    /**
     * Puts back an envelope read from disk (no quota check: it was accepted before). Idempotent. A
     * compacted log lists a queue's next seq before its envelopes, so lower seqs are accepted here.
     */
    restore(recvId, envelope) {
        const q = this.#byRecv.get(idKey(recvId));
        if (!q || q.envelopes.has(envelope.seq))
            return;
        q.envelopes.set(envelope.seq, envelope);
        q.nextSeq = Math.max(q.nextSeq, envelope.seq + 1);
        q.bytes += envelope.body.length;
        this.#envelopes++;
        this.#bytes += envelope.body.length;
    }
    /** Raises a queue's next seq (replaying a compacted log, whose acked envelopes are gone). */
    advanceSeq(recvId, nextSeq) {
        const q = this.#byRecv.get(idKey(recvId));
        if (q && nextSeq > q.nextSeq)
            q.nextSeq = nextSeq;
    }
    read(recvId, afterSeq, limit) {
        const q = this.#byRecv.get(idKey(recvId));
        const out = [];
        if (!q || limit <= 0)
            return out;
        for (const env of q.envelopes.values()) {
            if (env.seq <= afterSeq)
                continue;
            out.push(env);
            if (out.length >= limit)
                break;
        }
        return out;
    }
    ack(recvId, seq) {
        const q = this.#byRecv.get(idKey(recvId));
        const env = q?.envelopes.get(seq);
        if (!q || !env)
            return false;
        q.envelopes.delete(seq);
        q.bytes -= env.body.length;
        this.#envelopes--;
        this.#bytes -= env.body.length;
        return true;
    }
    /** Removes expired envelopes; returns (queue, seq) pairs removed so a log can record them. */
    expire(before) {
        const removed = [];
        for (const q of this.#byRecv.values()) {
            for (const env of q.envelopes.values()) {
                if (env.timestamp >= before)
                    break;
                removed.push({ recvId: q.record.recvId, seq: env.seq });
            }
        }
        for (const r of removed)
            this.ack(r.recvId, r.seq);
        return removed;
    }
    /** Every live queue with its next seq and envelopes: what a compacted log must contain. */
    *snapshot() {
        for (const q of this.#byRecv.values())
            yield { record: q.record, nextSeq: q.nextSeq, envelopes: q.envelopes.values() };
    }
    /** Envelope bytes held, as in `stats()`, without building an object. */
    get bytes() {
        return this.#bytes;
    }
    stats() {
        return { queues: this.#byRecv.size, envelopes: this.#envelopes, bytes: this.#bytes };
    }
}
//# sourceMappingURL=queueIndex.js.map