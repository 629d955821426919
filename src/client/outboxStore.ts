/**
 * The transport's outbox contract (src/transport/outbox.ts) kept in the encrypted profile store
 * (issue 5): an envelope is queued in the same atomic commit as the ratchet step and message row
 * that produced it, and leaves the outbox only when the relay acknowledged it as durable (or
 * refused it for good). Payload: u8 kind ‖ u16 address length ‖ address ‖ envelope.
 */
import { GROUP_ENVELOPE_TYPE } from '../protocol/group/index.js';
import { OutboxStatus, type OutboxEntry, type OutboxStatusName, type OutboxStore } from '../transport/outbox.js';
import type { OutboxEntry as StoredOutboxEntry, Store } from '../store/types.js';
import { RecordFormatError } from './records.js';

/** A message row exists for `message` entries (its delivery state follows the entry); not for receipts. */
export const OUTBOX_KIND = { control: 0, message: 1 } as const;
export type OutboxKind = (typeof OUTBOX_KIND)[keyof typeof OUTBOX_KIND];

export interface QueuedEnvelope {
  readonly id: string;
  readonly conversationId: string;
  readonly kind: OutboxKind;
  readonly to: Buffer;
  readonly envelope: Buffer;
  readonly createdAt: number;
}

export function outboxEntry(q: QueuedEnvelope): StoredOutboxEntry {
  const head = Buffer.alloc(3);
  head.writeUInt8(q.kind, 0);
  head.writeUInt16BE(q.to.length, 1);
  return { id: q.id, conversationId: q.conversationId, payload: Buffer.concat([head, q.to, q.envelope]), createdAt: q.createdAt, attempts: 0 };
}

export function queuedEnvelope(e: StoredOutboxEntry): QueuedEnvelope {
  const p = Buffer.from(e.payload.buffer, e.payload.byteOffset, e.payload.byteLength);
  if (p.length < 3) throw new RecordFormatError('outbox entry');
  const kind = p.readUInt8(0);
  const toLength = p.readUInt16BE(1);
  if ((kind !== OUTBOX_KIND.control && kind !== OUTBOX_KIND.message) || p.length <= 3 + toLength) throw new RecordFormatError('outbox entry');
  return { id: e.id, conversationId: e.conversationId, kind, to: p.subarray(3, 3 + toLength), envelope: p.subarray(3 + toLength), createdAt: e.createdAt };
}

export type OutboxOutcome = (entry: QueuedEnvelope, failure: string | undefined) => Promise<void>;

export class StoreOutbox implements OutboxStore {
  readonly #store: Store;
  readonly #outcome: OutboxOutcome;
  readonly #open: () => boolean;
  /**
   * The entries as the last `list()` read them, so that each acknowledgement finds its entry
   * without reading the whole outbox again (a group message to N members queues N − 1 entries,
   * and each acknowledgement listing them all made a burst quadratic).
   */
  #listed = new Map<string, StoredOutboxEntry>();

  constructor(store: Store, outcome: OutboxOutcome, open: () => boolean = () => true) {
    this.#store = store;
    this.#outcome = outcome;
    this.#open = open;
  }

  async put(entry: { id: string; to: Buffer; envelope: Buffer; createdAt: number }): Promise<void> {
    await this.#store.putOutbox(outboxEntry({ ...entry, conversationId: 'outbox', kind: OUTBOX_KIND.control }));
  }

  async list(status?: OutboxStatusName): Promise<OutboxEntry[]> {
    if (!this.#open()) return [];
    // Sent and failed entries are removed, so everything stored is still being sent.
    if (status !== undefined && status !== OutboxStatus.SENDING) return [];
    const stored = await this.#store.listOutbox();
    this.#listed = new Map(stored.map((e) => [e.id, e]));
    return stored.map((e) => {
      const q = queuedEnvelope(e);
      // A group message goes to every member as the same bytes: its fan-out shares a connection.
      const channel = q.envelope[1] === GROUP_ENVELOPE_TYPE ? q.conversationId : undefined;
      return { id: q.id, to: q.to, envelope: q.envelope, status: OutboxStatus.SENDING, createdAt: q.createdAt, ...(channel !== undefined ? { channel } : {}) };
    });
  }

  markSent(id: string): Promise<void> {
    return this.#finish(id, undefined);
  }

  markFailed(id: string, failure: string): Promise<void> {
    return this.#finish(id, failure);
  }

  async remove(id: string): Promise<void> {
    await this.#store.deleteOutbox(id);
  }

  async #finish(id: string, failure: string | undefined): Promise<void> {
    try {
      if (!this.#open()) return;
      const stored = this.#listed.get(id) ?? (await this.#store.listOutbox()).find((e) => e.id === id);
      if (!stored) return;
      this.#listed.delete(id);
      await this.#store.deleteOutbox(id);
      await this.#outcome(queuedEnvelope(stored), failure);
    } catch (e) {
      // Closing while an acknowledgement was on its way: the entry is simply sent again next time.
      if (this.#open()) throw e;
    }
  }
}
