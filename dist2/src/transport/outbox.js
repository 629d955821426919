/**
 * The persistent outbox contract (issue #4 §Transport): a message is saved as "sending" before
 * anything goes on the wire and becomes "sent" only when the relay acknowledged it as durable.
 * The LanceDB store provides the real implementation; `MemoryOutbox` is for tests and tools.
 */
export const OutboxStatus = { SENDING: 'sending', SENT: 'sent', FAILED: 'failed' };
export class MemoryOutbox {
    #entries = new Map();
    put(entry) {
        if (!this.#entries.has(entry.id))
            this.#entries.set(entry.id, { ...entry, status: OutboxStatus.SENDING });
        return Promise.resolve();
    }
    list(status) {
        const all = [...this.#entries.values()].filter((e) => status === undefined || e.status === status);
        return Promise.resolve(all.sort((a, b) => a.createdAt - b.createdAt));
    }
    #set(id, status, failure) {
        const e = this.#entries.get(id);
        if (e)
            this.#entries.set(id, { ...e, status, ...(failure === undefined ? {} : { failure }) });
        return Promise.resolve();
    }
    markSent(id) {
        return this.#set(id, OutboxStatus.SENT);
    }
    markFailed(id, failure) {
        return this.#set(id, OutboxStatus.FAILED, failure);
    }
    remove(id) {
        this.#entries.delete(id);
        return Promise.resolve();
    }
}
//# sourceMappingURL=outbox.js.map