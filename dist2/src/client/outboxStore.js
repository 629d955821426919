/**
 * The transport's outbox contract (src/transport/outbox.ts) kept in the encrypted profile store
 * (issue 5): an envelope is queued in the same atomic commit as the ratchet step and message row
 * that produced it, and leaves the outbox only when the relay acknowledged it as durable (or
 * refused it for good). Payload: u8 kind ‖ u16 address length ‖ address ‖ envelope.
 */
import { OutboxStatus } from '../transport/outbox.js';
import { RecordFormatError } from './records.js';
/** A message row exists for `message` entries (its delivery state follows the entry); not for receipts. */
export const OUTBOX_KIND = { control: 0, message: 1 };
export function outboxEntry(q) {
    const head = Buffer.alloc(3);
    head.writeUInt8(q.kind, 0);
    head.writeUInt16BE(q.to.length, 1);
    return { id: q.id, conversationId: q.conversationId, payload: Buffer.concat([head, q.to, q.envelope]), createdAt: q.createdAt, attempts: 0 };
}
export function queuedEnvelope(e) {
    const p = Buffer.from(e.payload.buffer, e.payload.byteOffset, e.payload.byteLength);
    if (p.length < 3)
        throw new RecordFormatError('outbox entry');
    const kind = p.readUInt8(0);
    const toLength = p.readUInt16BE(1);
    if ((kind !== OUTBOX_KIND.control && kind !== OUTBOX_KIND.message) || p.length <= 3 + toLength)
        throw new RecordFormatError('outbox entry');
    return { id: e.id, conversationId: e.conversationId, kind, to: p.subarray(3, 3 + toLength), envelope: p.subarray(3 + toLength), createdAt: e.createdAt };
}
export class StoreOutbox {
    #store;
    #outcome;
    #open;
    constructor(store, outcome, open = () => true) {
        this.#store = store;
        this.#outcome = outcome;
        this.#open = open;
    }
    async put(entry) {
        await this.#store.putOutbox(outboxEntry({ ...entry, conversationId: 'outbox', kind: OUTBOX_KIND.control }));
    }
    async list(status) {
        if (!this.#open())
            return [];
        // Sent and failed entries are removed, so everything stored is still being sent.
        if (status !== undefined && status !== OutboxStatus.SENDING)
            return [];
        return (await this.#store.listOutbox()).map((e) => {
            const q = queuedEnvelope(e);
            return { id: q.id, to: q.to, envelope: q.envelope, status: OutboxStatus.SENDING, createdAt: q.createdAt };
        });
    }
    markSent(id) {
        return this.#finish(id, undefined);
    }
    markFailed(id, failure) {
        return this.#finish(id, failure);
    }
    async remove(id) {
        await this.#store.deleteOutbox(id);
    }
    async #finish(id, failure) {
        try {
            if (!this.#open())
                return;
            const stored = (await this.#store.listOutbox()).find((e) => e.id === id);
            if (!stored)
                return;
            await this.#store.deleteOutbox(id);
            await this.#outcome(queuedEnvelope(stored), failure);
        }
        catch (e) {
            // Closing while an acknowledgement was on its way: the entry is simply sent again next time.
            if (this.#open())
                throw e;
        }
    }
}
//# sourceMappingURL=outboxStore.js.map