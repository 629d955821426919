/**
 * The persistent outbox contract (issue #4 §Transport): a message is saved as "sending" before
 * anything goes on the wire and becomes "sent" only when the relay acknowledged it as durable.
 * The LanceDB store provides the real implementation; `MemoryOutbox` is for tests and tools.
 */
export const OutboxStatus = { SENDING: 'sending', SENT: 'sent', FAILED: 'failed' } as const;
export type OutboxStatusName = (typeof OutboxStatus)[keyof typeof OutboxStatus];

export interface OutboxEntry {
  /** The caller's message id: unique, stable across retries. */
  readonly id: string;
  /** An encoded delivery address (src/transport/address.ts). */
  readonly to: Buffer;
  readonly envelope: Buffer;
  readonly status: OutboxStatusName;
  /** Orders the outbox: entries to one address are sent in this order. */
  readonly createdAt: number;
  /** For FAILED entries: the relay error code that made retrying pointless. */
  readonly failure?: string;
  /** Sent over the connection of this channel (see `RelayClient.send`), not one of its queue's own. */
  readonly channel?: string;
}

export interface OutboxStore {
  /** Saves a new entry as SENDING; a second put with the same id changes nothing. Durable when resolved. */
  put(entry: { id: string; to: Buffer; envelope: Buffer; createdAt: number }): Promise<void>;
  /** Entries with `status` (all when omitted), oldest first. */
  list(status?: OutboxStatusName): Promise<OutboxEntry[]>;
  markSent(id: string): Promise<void>;
  markFailed(id: string, failure: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export class MemoryOutbox implements OutboxStore {
  readonly #entries = new Map<string, OutboxEntry>();

  put(entry: { id: string; to: Buffer; envelope: Buffer; createdAt: number }): Promise<void> {
    if (!this.#entries.has(entry.id)) this.#entries.set(entry.id, { ...entry, status: OutboxStatus.SENDING });
    return Promise.resolve();
  }

  list(status?: OutboxStatusName): Promise<OutboxEntry[]> {
    const all = [...this.#entries.values()].filter((e) => status === undefined || e.status === status);
    return Promise.resolve(all.sort((a, b) => a.createdAt - b.createdAt));
  }

  #set(id: string, status: OutboxStatusName, failure?: string): Promise<void> {
    const e = this.#entries.get(id);
    if (e) this.#entries.set(id, { ...e, status, ...(failure === undefined ? {} : { failure }) });
    return Promise.resolve();
  }

  markSent(id: string): Promise<void> {
    return this.#set(id, OutboxStatus.SENT);
  }

  markFailed(id: string, failure: string): Promise<void> {
    return this.#set(id, OutboxStatus.FAILED, failure);
  }

  remove(id: string): Promise<void> {
    this.#entries.delete(id);
    return Promise.resolve();
  }
}
