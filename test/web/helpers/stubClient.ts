/**
 * TEST DOUBLE of the SDK for the web app's tests and screenshots (issue 7), allowed here because
 * the real `Client` (src/client/client.ts) does not exist yet. It implements the `ChatClient`
 * interface from src/client/types.ts over in-memory data: no crypto, no relay, no disk (except
 * the fake backup file). `StubProfile` plays the profile folder (data + passphrase); each
 * `open(passphrase)` gives a `StubChatClient`, as `Client.open(dir, passphrase)` will. Test controls
 * (`receive`, `changeIdentity`, `setDelivery`) act like the network would.
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { SaltlineError } from '../../../src/crypto/errors.js';
import type {
  ChatClient,
  ClientEvent,
  ContactInfo,
  ConversationInfo,
  DeliveryState,
  HistoryOptions,
  MessageInfo,
  ProfileInfo,
  SafetyNumberInfo,
} from '../../../src/client/types.js';

const id = (): string => randomBytes(12).toString('base64url');
const key = (): string => randomBytes(32).toString('base64url');

interface StubContact {
  id: string;
  name: string;
  verified: boolean;
  identityChanged: boolean;
  conversationId: string;
  established: boolean;
  identityKey: string;
}

export interface StubProfileOptions {
  readonly name?: string;
  readonly relay?: string;
  readonly passphrase?: string;
  /** After a send, report 'sent' then 'delivered' by themselves (as a live peer would). */
  readonly autoDeliver?: boolean;
}

export class StubProfile {
  name: string;
  readonly relay: string;
  readonly identityKey = key();
  passphrase: string;
  readonly autoDeliver: boolean;
  readonly contacts = new Map<string, StubContact>();
  readonly messages = new Map<string, MessageInfo[]>();
  readonly unread = new Map<string, number>();
  readonly openClients = new Set<StubChatClient>();
  /** How many times `open` was called with the right passphrase. */
  opened = 0;

  constructor(options: StubProfileOptions = {}) {
    this.name = options.name ?? 'Maya';
    this.relay = options.relay ?? 'wss://127.0.0.1:7443';
    this.passphrase = options.passphrase ?? 'correct horse battery staple';
    this.autoDeliver = options.autoDeliver ?? true;
  }

  open(passphrase: string): Promise<StubChatClient> {
    if (passphrase !== this.passphrase) return Promise.reject(new SaltlineError('WRONG_PASSPHRASE', 'wrong passphrase'));
    this.opened++;
    const client = new StubChatClient(this);
    this.openClients.add(client);
    return Promise.resolve(client);
  }

  addContact(name: string, options: { verified?: boolean; established?: boolean } = {}): ContactInfo {
    const contact: StubContact = {
      id: id(),
      name,
      verified: options.verified ?? false,
      identityChanged: false,
      conversationId: id(),
      established: options.established ?? true,
      identityKey: key(),
    };
    this.contacts.set(contact.id, contact);
    this.messages.set(contact.conversationId, []);
    this.emit({ type: 'contact', contact: contactInfo(contact) });
    return contactInfo(contact);
  }

  /** Puts a message into the history without events (for setting up data). */
  seed(conversationId: string, fields: { outgoing: boolean; text: string; sentAt: number; state?: DeliveryState }): MessageInfo {
    const list = this.#list(conversationId);
    const contact = this.contactForConversation(conversationId);
    const message: MessageInfo = {
      id: id(),
      conversationId,
      seq: (list.at(-1)?.seq ?? 0) + 1,
      outgoing: fields.outgoing,
      senderId: fields.outgoing ? undefined : contact.id,
      senderName: fields.outgoing ? this.name : contact.name,
      text: fields.text,
      sentAt: fields.sentAt,
      state: fields.state ?? (fields.outgoing ? 'delivered' : 'received'),
    };
    list.push(message);
    if (!fields.outgoing) this.unread.set(conversationId, (this.unread.get(conversationId) ?? 0) + 1);
    return message;
  }

  /** An incoming message from a contact, as if it had just arrived over the relay. */
  receive(contactId: string, text: string, sentAt = Date.now()): MessageInfo {
    const contact = this.#contact(contactId);
    const message = this.seed(contact.conversationId, { outgoing: false, text, sentAt });
    this.emit({ type: 'message', message });
    return message;
  }

  setDelivery(messageId: string, state: DeliveryState): void {
    for (const [conversationId, list] of this.messages) {
      const i = list.findIndex((m) => m.id === messageId);
      if (i < 0) continue;
      list[i] = { ...list[i]!, state };
      this.emit({ type: 'delivery', messageId, conversationId, state });
      return;
    }
  }

  /** The contact presented a different identity key: sending is blocked until verified again. */
  changeIdentity(contactId: string): void {
    const contact = this.#contact(contactId);
    contact.identityKey = key();
    contact.identityChanged = true;
    contact.verified = false;
    this.emit({ type: 'identityChanged', contactId, name: contact.name });
    this.emit({ type: 'contact', contact: contactInfo(contact) });
  }

  emit(event: ClientEvent): void {
    for (const client of this.openClients) client.dispatch(event);
  }

  contactForConversation(conversationId: string): StubContact {
    for (const c of this.contacts.values()) if (c.conversationId === conversationId) return c;
    throw new SaltlineError('NOT_FOUND', 'no such conversation');
  }

  /** A contact id, a conversation id or a contact's name, as the SDK accepts. */
  resolve(target: string): StubContact {
    for (const c of this.contacts.values()) if (c.id === target || c.conversationId === target || c.name === target) return c;
    throw new SaltlineError('NOT_FOUND', 'no such contact or conversation');
  }

  #contact(contactId: string): StubContact {
    const contact = this.contacts.get(contactId);
    if (contact === undefined) throw new SaltlineError('NOT_FOUND', 'no such contact');
    return contact;
  }

  #list(conversationId: string): MessageInfo[] {
    const list = this.messages.get(conversationId);
    if (list === undefined) throw new SaltlineError('NOT_FOUND', 'no such conversation');
    return list;
  }
}

function contactInfo(c: StubContact): ContactInfo {
  return { id: c.id, name: c.name, verified: c.verified, identityChanged: c.identityChanged, conversationId: c.conversationId, established: c.established };
}

export class StubChatClient implements ChatClient {
  readonly #p: StubProfile;
  readonly #listeners = new Set<(event: ClientEvent) => void>();
  readonly #timers = new Set<NodeJS.Timeout>();
  closed = false;

  constructor(profile: StubProfile) {
    this.#p = profile;
  }

  get profile(): ProfileInfo {
    return { name: this.#p.name, relay: this.#p.relay, identityKey: this.#p.identityKey };
  }

  dispatch(event: ClientEvent): void {
    for (const listener of this.#listeners) listener(event);
  }

  createInvitation(): Promise<{ link: string }> {
    this.#live();
    return Promise.resolve({ link: `saltline:invite/${randomBytes(96).toString('base64url')}` });
  }

  acceptInvitation(link: string, name: string): Promise<ContactInfo> {
    this.#live();
    if (!link.startsWith('saltline:invite/')) return Promise.reject(new SaltlineError('BAD_INVITATION', 'this is not a Saltline invitation link'));
    return Promise.resolve(this.#p.addContact(name, { established: false }));
  }

  contacts(): Promise<ContactInfo[]> {
    this.#live();
    return Promise.resolve([...this.#p.contacts.values()].map(contactInfo));
  }

  conversations(): Promise<ConversationInfo[]> {
    this.#live();
    const list = [...this.#p.contacts.values()].map((c): ConversationInfo => ({
      id: c.conversationId,
      kind: 'direct',
      name: c.name,
      unread: this.#p.unread.get(c.conversationId) ?? 0,
      lastMessage: this.#p.messages.get(c.conversationId)?.at(-1),
    }));
    return Promise.resolve(list.sort((a, b) => (b.lastMessage?.sentAt ?? 0) - (a.lastMessage?.sentAt ?? 0)));
  }

  send(target: string, text: string): Promise<MessageInfo> {
    this.#live();
    const contact = this.#p.resolve(target);
    if (contact.identityChanged) return Promise.reject(new SaltlineError('IDENTITY_CHANGED', `${contact.name}'s safety number changed: verify it before sending`));
    const message = this.#p.seed(contact.conversationId, { outgoing: true, text, sentAt: Date.now(), state: 'sending' });
    this.#p.emit({ type: 'message', message });
    if (this.#p.autoDeliver) {
      this.#later(40, () => this.#p.setDelivery(message.id, 'sent'));
      this.#later(120, () => this.#p.setDelivery(message.id, 'delivered'));
    }
    return Promise.resolve(message);
  }

  history(target: string, options: HistoryOptions = {}): Promise<MessageInfo[]> {
    this.#live();
    const list = this.#p.messages.get(this.#p.resolve(target).conversationId) ?? [];
    const before = options.before ?? Number.POSITIVE_INFINITY;
    const older = list.filter((m) => m.seq < before);
    return Promise.resolve(older.slice(Math.max(0, older.length - (options.limit ?? 50))));
  }

  search(query: string, options: { limit?: number } = {}): Promise<MessageInfo[]> {
    this.#live();
    const needle = query.toLowerCase();
    const hits = [...this.#p.messages.values()].flat().filter((m) => m.text.toLowerCase().includes(needle));
    return Promise.resolve(hits.sort((a, b) => b.sentAt - a.sentAt).slice(0, options.limit ?? 50));
  }

  safetyNumber(contactRef: string): Promise<SafetyNumberInfo> {
    this.#live();
    const contact = this.#p.resolve(contactRef);
    const keys = [this.#p.identityKey, contact.identityKey].sort();
    const hash = createHash('sha512').update(keys.join('|')).digest();
    let digits = '';
    for (let i = 0; digits.length < 60; i += 5) digits += String(hash.readUIntBE(i, 5) % 100000).padStart(5, '0');
    const groups = digits.match(/\d{5}/g) ?? [];
    return Promise.resolve({ digits, groups, qrPayload: Buffer.from(keys.join('.')).toString('base64url') });
  }

  markVerified(contactRef: string): Promise<void> {
    this.#live();
    const contact = this.#p.resolve(contactRef);
    contact.verified = true;
    contact.identityChanged = false;
    this.#p.emit({ type: 'contact', contact: contactInfo(contact) });
    return Promise.resolve();
  }

  markRead(conversationId: string): Promise<void> {
    this.#live();
    this.#p.unread.set(this.#p.resolve(conversationId).conversationId, 0);
    return Promise.resolve();
  }

  setName(name: string): Promise<void> {
    this.#live();
    this.#p.name = name;
    return Promise.resolve();
  }

  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    this.#live();
    if (oldPassphrase !== this.#p.passphrase) return Promise.reject(new SaltlineError('WRONG_PASSPHRASE', 'the current passphrase is wrong'));
    this.#p.passphrase = newPassphrase;
    return Promise.resolve();
  }

  async exportBackup(file: string, _passphrase: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    this.#live();
    const all = [...this.#p.messages.values()].flat();
    onProgress?.(0, all.length);
    // Not a real backup: a stand-in file so the download path can be tested.
    await writeFile(file, `STUB BACKUP ${this.#p.name} ${all.length} messages\n`);
    onProgress?.(all.length, all.length);
  }

  sync(): Promise<{ received: number; sent: number }> {
    this.#live();
    return Promise.resolve({ received: 0, sent: 0 });
  }

  on(listener: (event: ClientEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): Promise<void> {
    this.closed = true;
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    this.#listeners.clear();
    this.#p.openClients.delete(this);
    return Promise.resolve();
  }

  #later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.#timers.delete(t);
      if (!this.closed) fn();
    }, ms);
    this.#timers.add(t);
  }

  #live(): void {
    if (this.closed) throw new SaltlineError('CLOSED', 'client is closed');
  }
}
