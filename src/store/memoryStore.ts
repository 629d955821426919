/**
 * The in-memory `Store` (issue 3: "an in-memory implementation of the same narrow interfaces") for
 * protocol and client tests. Same validation, ordering, search semantics and single-use
 * invitations as the LanceDB store; nothing is encrypted or persisted.
 */
import { randomBytes } from 'node:crypto';
import { NotFoundError, StoreClosedError, StoreInputError } from './errors.js';
import { bodyText, matchesQuery, words } from './searchText.js';
import {
  STORE_LIMITS,
  type Contact,
  type Conversation,
  type DeliveryState,
  type HistoryOptions,
  type NewMessage,
  type OutboxEntry,
  type SearchOptions,
  type Store,
  type StoreBatch,
  type StoredMessage,
} from './types.js';
import { assertBatch, assertBlob, assertDeliveryState, assertId, assertNewMessage, assertSamePayload, pageRequest } from './validate.js';

const copy = (b: Uint8Array): Uint8Array => Uint8Array.from(b);

export class MemoryStore implements Store {
  #closed = false;
  #identity: Uint8Array | undefined;
  readonly #contacts = new Map<string, Contact>();
  readonly #conversations = new Map<string, Conversation>();
  readonly #sessions = new Map<string, Uint8Array>();
  readonly #messages = new Map<string, Map<string, StoredMessage>>();
  readonly #nextSeq = new Map<string, number>();
  readonly #outbox = new Map<string, OutboxEntry>();
  readonly #invitations = new Map<string, Uint8Array>();
  readonly #settings = new Map<string, Uint8Array>();

  #open(): void {
    if (this.#closed) throw new StoreClosedError();
  }

  async close(): Promise<void> {
    this.#closed = true;
    return Promise.resolve();
  }

  async commit(batch: StoreBatch): Promise<StoredMessage | undefined> {
    this.#open();
    // Validate everything first so a bad batch changes nothing.
    if (batch.message) {
      assertNewMessage(batch.message);
      if (!this.#conversations.has(batch.message.conversationId)) throw new NotFoundError('conversation');
    }
    for (const s of batch.sessions ?? []) {
      assertId(s.conversationId, 'conversation id');
      assertBlob(s.state, 'session state');
    }
    for (const c of batch.contacts ?? []) {
      assertId(c.id, 'contact id');
      assertBlob(c.record, 'contact record');
    }
    for (const o of batch.outbox ?? []) {
      assertId(o.id, 'outbox id');
      assertBlob(o.payload, 'outbox payload');
    }
    for (const id of batch.deleteOutbox ?? []) assertId(id, 'outbox id');
    if (batch.deleteInvitation !== undefined) assertId(batch.deleteInvitation, 'invitation id');

    const stored = batch.message && this.#insert(batch.message);
    for (const s of batch.sessions ?? []) this.#sessions.set(s.conversationId, copy(s.state));
    for (const c of batch.contacts ?? []) this.#contacts.set(c.id, { ...c, record: copy(c.record) });
    for (const o of batch.outbox ?? []) this.#outbox.set(o.id, { ...o, payload: copy(o.payload) });
    for (const id of batch.deleteOutbox ?? []) this.#outbox.delete(id);
    if (batch.deleteInvitation !== undefined) this.#invitations.delete(batch.deleteInvitation);
    return Promise.resolve(stored);
  }

  async getInvitation(id: string): Promise<Uint8Array | undefined> {
    this.#open();
    const s = this.#invitations.get(id);
    return Promise.resolve(s && copy(s));
  }

  async getIdentity(): Promise<Uint8Array | undefined> {
    this.#open();
    return Promise.resolve(this.#identity && copy(this.#identity));
  }

  async putIdentity(blob: Uint8Array): Promise<void> {
    this.#open();
    assertBlob(blob, 'identity');
    this.#identity = copy(blob);
    return Promise.resolve();
  }

  async putContact(contact: Contact): Promise<void> {
    this.#open();
    assertId(contact.id, 'contact id');
    assertBlob(contact.record, 'contact record');
    this.#contacts.set(contact.id, { ...contact, record: copy(contact.record) });
    return Promise.resolve();
  }

  async getContact(id: string): Promise<Contact | undefined> {
    this.#open();
    return Promise.resolve(this.#contacts.get(id));
  }

  async listContacts(): Promise<Contact[]> {
    this.#open();
    return Promise.resolve([...this.#contacts.values()]);
  }

  async deleteContact(id: string): Promise<void> {
    this.#open();
    this.#contacts.delete(id);
    return Promise.resolve();
  }

  async putConversation(conversation: Conversation): Promise<void> {
    this.#open();
    assertId(conversation.id, 'conversation id');
    assertBlob(conversation.meta, 'conversation meta');
    this.#conversations.set(conversation.id, { ...conversation, memberIds: [...conversation.memberIds], meta: copy(conversation.meta) });
    return Promise.resolve();
  }

  async getConversation(id: string): Promise<Conversation | undefined> {
    this.#open();
    return Promise.resolve(this.#conversations.get(id));
  }

  async listConversations(): Promise<Conversation[]> {
    this.#open();
    return Promise.resolve([...this.#conversations.values()]);
  }

  async getSession(conversationId: string): Promise<Uint8Array | undefined> {
    this.#open();
    const s = this.#sessions.get(conversationId);
    return Promise.resolve(s && copy(s));
  }

  async putSession(conversationId: string, state: Uint8Array): Promise<void> {
    this.#open();
    assertId(conversationId, 'conversation id');
    assertBlob(state, 'session state');
    this.#sessions.set(conversationId, copy(state));
    return Promise.resolve();
  }

  #insert(message: NewMessage): StoredMessage {
    assertNewMessage(message);
    if (!this.#conversations.has(message.conversationId)) throw new NotFoundError('conversation');
    let rows = this.#messages.get(message.conversationId);
    if (!rows) this.#messages.set(message.conversationId, (rows = new Map<string, StoredMessage>()));
    const id = message.id ?? randomBytes(16).toString('base64url');
    const existing = rows.get(id);
    if (existing) return existing;
    const seq = this.#nextSeq.get(message.conversationId) ?? 1;
    this.#nextSeq.set(message.conversationId, seq + 1);
    const stored: StoredMessage = { ...message, id, seq, body: copy(message.body) };
    rows.set(id, stored);
    return stored;
  }

  async saveMessage(message: NewMessage): Promise<StoredMessage> {
    this.#open();
    return Promise.resolve(this.#insert(message));
  }

  async appendMessages(messages: readonly NewMessage[]): Promise<StoredMessage[]> {
    this.#open();
    assertBatch(messages, 'messages');
    let bytes = 0;
    for (const m of messages) {
      assertNewMessage(m);
      if (!this.#conversations.has(m.conversationId)) throw new NotFoundError('conversation');
      bytes += m.body.length;
    }
    if (bytes > STORE_LIMITS.maxAppendBytes) throw new StoreInputError(`at most ${STORE_LIMITS.maxAppendBytes} body bytes per append`);
    return Promise.resolve(messages.map((m) => this.#insert(m)));
  }

  async saveIncoming(conversationId: string, sessionState: Uint8Array, message: NewMessage): Promise<StoredMessage> {
    this.#open();
    assertId(conversationId, 'conversation id');
    assertBlob(sessionState, 'session state');
    if (message.conversationId !== conversationId) throw new NotFoundError('message conversation');
    const stored = this.#insert(message);
    this.#sessions.set(conversationId, copy(sessionState));
    return Promise.resolve(stored);
  }

  async getMessage(conversationId: string, id: string): Promise<StoredMessage | undefined> {
    this.#open();
    return Promise.resolve(this.#messages.get(conversationId)?.get(id));
  }

  async setDelivery(conversationId: string, id: string, state: DeliveryState, body?: Uint8Array): Promise<void> {
    this.#open();
    assertDeliveryState(state);
    const rows = this.#messages.get(conversationId);
    const m = rows?.get(id);
    if (!rows || !m) throw new NotFoundError('message');
    if (body !== undefined) assertSamePayload(m.body, body);
    rows.set(id, { ...m, delivery: state, ...(body !== undefined ? { body: copy(body) } : {}) });
    return Promise.resolve();
  }

  async history(conversationId: string, options?: HistoryOptions): Promise<StoredMessage[]> {
    this.#open();
    const { before, limit } = pageRequest(options);
    const rows = [...(this.#messages.get(conversationId)?.values() ?? [])].filter((m) => m.seq < before);
    return Promise.resolve(rows.sort((a, b) => b.seq - a.seq).slice(0, limit));
  }

  async search(query: string, options?: SearchOptions): Promise<StoredMessage[]> {
    this.#open();
    const limit = Math.min(options?.limit ?? STORE_LIMITS.defaultPageSize, STORE_LIMITS.maxSearchResults);
    const q = words(query);
    if (q.length === 0) return [];
    const out: StoredMessage[] = [];
    for (const [convId, rows] of this.#messages) {
      if (options?.conversationId !== undefined && convId !== options.conversationId) continue;
      for (const m of rows.values()) if (matchesQuery(words(bodyText(m.body)), q)) out.push(m);
    }
    return Promise.resolve(out.sort((a, b) => b.timestamp - a.timestamp || b.seq - a.seq).slice(0, limit));
  }

  async deleteMessage(conversationId: string, id: string): Promise<void> {
    this.#open();
    this.#messages.get(conversationId)?.delete(id);
    return Promise.resolve();
  }

  async deleteMessages(conversationId: string, ids: readonly string[]): Promise<void> {
    this.#open();
    assertBatch(ids, 'message ids');
    for (const id of ids) this.#messages.get(conversationId)?.delete(id);
    return Promise.resolve();
  }

  async replaceMessage(conversationId: string, id: string, body: Uint8Array): Promise<StoredMessage> {
    this.#open();
    assertBlob(body, 'message body');
    const rows = this.#messages.get(conversationId);
    const m = rows?.get(id);
    if (!rows || !m) throw new NotFoundError('message');
    const replaced = { ...m, body: copy(body) };
    rows.set(id, replaced);
    return Promise.resolve(replaced);
  }

  async deleteConversation(conversationId: string): Promise<void> {
    this.#open();
    this.#messages.delete(conversationId);
    this.#sessions.delete(conversationId);
    this.#conversations.delete(conversationId);
    return Promise.resolve();
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    this.#open();
    assertId(entry.id, 'outbox id');
    assertBlob(entry.payload, 'outbox payload');
    this.#outbox.set(entry.id, { ...entry, payload: copy(entry.payload) });
    return Promise.resolve();
  }

  async listOutbox(): Promise<OutboxEntry[]> {
    this.#open();
    return Promise.resolve([...this.#outbox.values()].sort((a, b) => a.createdAt - b.createdAt));
  }

  async deleteOutbox(id: string): Promise<void> {
    this.#open();
    this.#outbox.delete(id);
    return Promise.resolve();
  }

  async putInvitation(id: string, secret: Uint8Array): Promise<void> {
    this.#open();
    assertId(id, 'invitation id');
    assertBlob(secret, 'invitation secret');
    this.#invitations.set(id, copy(secret));
    return Promise.resolve();
  }

  async takeInvitation(id: string): Promise<Uint8Array | undefined> {
    this.#open();
    const s = this.#invitations.get(id);
    this.#invitations.delete(id);
    return Promise.resolve(s);
  }

  async deleteInvitation(id: string): Promise<void> {
    this.#open();
    this.#invitations.delete(id);
    return Promise.resolve();
  }

  async getSetting(key: string): Promise<Uint8Array | undefined> {
    this.#open();
    const v = this.#settings.get(key);
    return Promise.resolve(v && copy(v));
  }

  async putSetting(key: string, value: Uint8Array): Promise<void> {
    this.#open();
    assertId(key, 'setting key');
    assertBlob(value, 'setting value');
    this.#settings.set(key, copy(value));
    return Promise.resolve();
  }

  async deleteSetting(key: string): Promise<void> {
    this.#open();
    this.#settings.delete(key);
    return Promise.resolve();
  }
}
