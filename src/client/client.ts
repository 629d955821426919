/**
 * The Saltline SDK (issue 5): one `Client` per open profile, tying the protocol core, the
 * encrypted store and the relay transport together.
 *
 * Every change of protocol state is committed to the store together with what it produced (the
 * message row, the queued envelope) before anything leaves the device, and an incoming envelope
 * is acknowledged to the relay only after its commit. State-changing work runs one piece at a
 * time (a single in-process lock), so a ratchet is never stepped by two tasks at once.
 *
 * Each contact gets its own relay queue (made for that contact alone, as in SimpleX), so the relay
 * cannot tell that two senders write to the same person, and a contact can be cut off by deleting
 * its queue.
 */
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bytesEqual, cryptoReady, fromBase64Url, systemRng, toBase64Url, toHex, type Rng } from '../crypto/index.js';
import type { PwhashLimits } from '../crypto/pwhash.js';
import { SaltlineError } from '../crypto/errors.js';
import {
  acceptInvitation as protocolAcceptInvitation,
  createIdentity,
  createInvitation as protocolCreateInvitation,
  decodeContent,
  decodePublicIdentity,
  decryptMessage,
  deserializeIdentity,
  deserializeInvitationSecrets,
  deserializeSession,
  encodeContent,
  encodePublicIdentity,
  encryptMessage,
  invitationFromLink,
  invitationToLink,
  maxPlaintextBytes,
  respondToInvitation,
  RECEIPT_KIND,
  safetyNumber as computeSafetyNumber,
  serializeIdentity,
  serializeInvitationSecrets,
  serializeSession,
  wipeInvitationSecrets,
  wipeSession,
  type Content,
  type Identity,
  type Invitation,
  type PublicIdentity,
  type ReceiptKind,
  type Session,
} from '../protocol/index.js';
import { parseRelayAddress } from '../protocol/relayWire/relayAddress.js';
import { createProfile, exportProfile, importProfile, LanceStore, MemoryStore, NotFoundError, openProfile, StoreClosedError, StoreCorruptError } from '../store/index.js';
import type { Contact, DeliveryState as StoreDeliveryState, Store, StoredMessage } from '../store/types.js';
import {
  deliveryAddressOf,
  deserializeRecipientQueue,
  encodeQueueAddress,
  OutboxSender,
  parseQueueAddress,
  RelayClient,
  serializeRecipientQueue,
  type BackoffOptions,
  type ReceivedEnvelope,
  type RecipientQueue,
  type Subscription,
} from '../transport/index.js';
import {
  ContactIdentityChangedError,
  ClientClosedError,
  MessageTooLongError,
  NoRelayError,
  NotConnectedError,
  OwnInvitationError,
  RelayUnreachableError,
  UnknownContactError,
} from './errors.js';
import { GROUP_ENVELOPE_TYPE, GROUP_INTRODUCTION_TYPE } from '../protocol/group/index.js';
import { InvalidFrameError } from '../protocol/errors.js';
import { attachmentOfRow, attachmentRowBody, Attachments, AttachmentUnavailableError, type ProgressListener, type SendFileOptions } from './attachments.js';
import { GroupReceipts, receiptsCounted } from './groupReceipts.js';
import { Groups, type GroupInfo, type GroupMemberInfo } from './groups.js';
import { OUTBOX_KIND, outboxEntry, StoreOutbox, type QueuedEnvelope } from './outboxStore.js';
import { Disappearing } from './disappearing.js';
import { MessageActions, MessageNotFoundError } from './messageActions.js';
import { decodeBody, encodeBody } from './messageBody.js';
import { contactIdentityKey, contactRecord, openInvitations, profileSettings, SETTINGS, spareQueues, type ContactRecord, type OpenInvitation, type ProfileSettings } from './records.js';
import {
  DELIVERY_STATE,
  type AttachmentInfo,
  type ChatClient,
  type ClientEvent,
  type ContactInfo,
  type ConversationInfo,
  type DeliveryState,
  type HistoryOptions,
  type MessageInfo,
  type ProfileInfo,
  type SafetyNumberInfo,
} from './types.js';

export interface ClientOptions {
  readonly rng?: Rng;
  readonly now?: () => number;
  /** How long to wait for a relay before calling it unreachable (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Reconnect and resend backoff (default 200 ms doubling to 30 s). */
  readonly backoff?: BackoffOptions;
  /** Where an in-memory profile keeps attachment files (default: a temporary folder); a profile folder uses its own. */
  readonly attachmentsDir?: string;
  /** How often expired disappearing messages are deleted while running (default 10 s; issue 8). */
  readonly sweepIntervalMs?: number;
}

/** Options of `Client.send` (issue 8). */
export interface SendOptions {
  /** The id of the message this one quotes. */
  readonly replyTo?: string;
}

export interface CreateClientOptions extends ClientOptions {
  /** The name contacts see for us (sent inside the encrypted handshake only). */
  readonly name: string;
  /** The relay we receive on, as printed by `saltline relay`. */
  readonly relay?: string;
  /** Argon2id limits for the passphrase (default MODERATE; tests use the minimum). */
  readonly pwhash?: PwhashLimits;
}

export interface SyncResult {
  readonly received: number;
  readonly sent: number;
  /** Envelopes still waiting in the outbox (the recipient's relay is unreachable). */
  readonly pending: number;
  /** Envelopes dropped as undecryptable, replayed or from a contact whose identity changed. */
  readonly refused: number;
}

const ME = 'me';
const ATTACHMENT_NAME_KEY_SETTING = 'attachments-name-key';
const SPARE_QUEUES = 1;
const MAX_NAME_CHARS = 64;
const UNREAD_SCAN = 200;
const QUIET_MS = 300;
const TYPING_THROTTLE_MS = 3_000;

/** Delivery states only move forward (a late relay ack must not undo a receipt). */
const DELIVERY_RANK: Record<StoreDeliveryState, number> = { pending: 0, failed: 1, sent: 2, delivered: 3, read: 4, received: 0 };

type QueueOwner =
  | { readonly kind: 'contact'; readonly contactId: string }
  | { readonly kind: 'invitation'; readonly invitationId: string }
  | { readonly kind: 'group'; readonly conversationId: string };

interface LoadedContact {
  readonly contact: Contact;
  readonly record: ContactRecord;
}

const b64 = (b: Uint8Array): string => toBase64Url(b);
function unb64(s: string): Buffer {
  const b = fromBase64Url(s);
  if (!b) throw new NotFoundError('record field');
  return b;
}
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const text = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
const sameName = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;

/** Errors that mean "this envelope is bad", as opposed to "we could not save it right now". */
function isRejection(e: unknown): boolean {
  return e instanceof SaltlineError && !(e instanceof StoreCorruptError) && !(e instanceof StoreClosedError);
}

function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class Client implements ChatClient {
  readonly #store: Store;
  readonly #identity: Identity;
  #settings: ProfileSettings;
  readonly #rng: Rng;
  readonly #now: () => number;
  readonly #connectTimeoutMs: number;
  readonly #backoff: BackoffOptions | undefined;
  readonly #listeners = new Set<(event: ClientEvent) => void>();
  readonly #queues = new Map<string, { queue: RecipientQueue; owner: QueueOwner }>();
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #subscribed = new Set<string>();
  #relayClient: RelayClient | undefined;
  #sender: OutboxSender | undefined;
  #online = false;
  #connected: boolean | undefined;
  #lock: Promise<unknown> = Promise.resolve();
  #busy = 0;
  #lastActivity = 0;
  #counters = { received: 0, sent: 0, refused: 0 };
  #closed = false;
  #closing = false;
  readonly #groups: Groups;
  readonly #groupReceipts: GroupReceipts;
  readonly #attachments: Attachments;
  readonly #attachmentsTemp: string | undefined;
  readonly #disappearing: Disappearing;
  readonly #actions: MessageActions;
  readonly #sweepIntervalMs: number;
  #sweepTimer: NodeJS.Timeout | undefined;
  readonly #typingSentAt = new Map<string, number>();

  private constructor(store: Store, identity: Identity, settings: ProfileSettings, options: ClientOptions) {
    this.#store = store;
    this.#identity = identity;
    this.#settings = settings;
    this.#rng = options.rng ?? systemRng;
    this.#now = options.now ?? Date.now;
    this.#connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
    this.#backoff = options.backoff;
    this.#attachmentsTemp = store instanceof LanceStore || options.attachmentsDir !== undefined ? undefined : join(tmpdir(), `saltline-attachments-${b64(this.#rng(12))}`);
    this.#attachments = new Attachments({
      dir: store instanceof LanceStore ? join(store.dir, 'attachments') : (options.attachmentsDir ?? this.#attachmentsTemp!),
      rng: this.#rng,
      relays: () => this.#transport(),
      nameKey: async () => {
        const saved = await store.getSetting(ATTACHMENT_NAME_KEY_SETTING);
        if (saved) return Buffer.from(saved);
        const key = this.#rng(32);
        await store.putSetting(ATTACHMENT_NAME_KEY_SETTING, key);
        return key;
      },
      settings: store,
    });
    this.#sweepIntervalMs = options.sweepIntervalMs ?? 10_000;
    this.#disappearing = new Disappearing({ store, now: () => this.#now(), messagesDeleted: (conversationId, ids) => this.#messagesDeleted(conversationId, ids) });
    this.#actions = new MessageActions({
      store,
      rng: this.#rng,
      disappearing: this.#disappearing,
      now: () => this.#now(),
      emit: (event) => this.#emit(event),
      conversationIds: async () => (await store.listConversations()).map((c) => c.id),
      sendContent: (conversationId, content, body) => this.#sendToConversation(conversationId, content, body),
      messageInfo: async (m) => this.#messageInfo(m, await this.#names()),
      messagesDeleted: (conversationId, ids) => this.#messagesDeleted(conversationId, ids),
    });
    this.#groupReceipts = new GroupReceipts(store);
    this.#groups = new Groups({
      store,
      identity,
      rng: this.#rng,
      now: () => this.#now(),
      takeQueue: () => this.#takeQueue(),
      registerGroupQueue: (queue, conversationId) => this.#register(queue, { kind: 'group', conversationId }),
      introductionInvitation: (member) => this.#makeInvitation({ member: b64(member) }).then(({ invitation, id }) => ({ invitation, id })),
      acceptIntroduction: (invitation) => this.#accept(invitation, undefined),
      contacts: () => this.#allContacts(),
      messageInfo: (m, names) => this.#messageInfo(m, names),
      emit: (event) => {
        if (event.type === 'message') this.#counters.received++;
        this.#emit(event);
      },
      kick: async () => {
        if (this.#sender) await this.#sender.start();
      },
      receivedAttachment: (messageId, attachment) => this.#attachments.autoDownload(messageId, attachment),
      incomingBody: (conversationId, content) => this.#actions.incomingBody(conversationId, content),
      saved: (m) => this.#actions.saved(m),
      arrived: (m) => this.#actions.arrived(m),
      receiveControl: (conversationId, senderId, content) => this.#receiveControl(conversationId, senderId, content),
      deliveredTo: (author, messageId) => this.#receiptIfConnected(author, RECEIPT_KIND.delivered, [messageId]),
      sentTo: (conversationId, messageId, members) => this.#groupReceipts.track(conversationId, messageId, members),
      membersChanged: async (conversationId, members) => {
        for (const { id, state } of await this.#groupReceipts.membersChanged(conversationId, members)) await this.#advanceDelivery(conversationId, id, state);
      },
    });
  }

  // ---- opening ----------------------------------------------------------------------------------

  /**
   * Creates a profile in `dir` (empty or missing). With a relay, also makes a first receive queue
   * there, so a wrong or unreachable relay is reported now; then nothing is left behind.
   */
  static async create(dir: string, passphrase: string, options: CreateClientOptions): Promise<Client> {
    await cryptoReady();
    const name = Client.#checkName(options.name);
    const relay = options.relay === undefined || options.relay === '' ? '' : parseRelayAddress(options.relay).text;
    const store = await createProfile(dir, passphrase, { pwhash: options.pwhash, rng: options.rng });
    try {
      const client = await Client.#initialize(store, name, relay, options);
      if (relay !== '') await client.#refillSpareQueues();
      return client;
    } catch (e) {
      await store.close().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      throw e;
    }
  }

  static async open(dir: string, passphrase: string, options: ClientOptions = {}): Promise<Client> {
    await cryptoReady();
    const store = await openProfile(dir, passphrase, { rng: options.rng });
    try {
      return await Client.#load(store, options);
    } catch (e) {
      await store.close();
      throw e;
    }
  }

  /** A client over an in-memory store (nothing is saved): for tests and embedding experiments. */
  static async inMemory(options: CreateClientOptions): Promise<Client> {
    await cryptoReady();
    const relay = options.relay === undefined || options.relay === '' ? '' : parseRelayAddress(options.relay).text;
    return Client.#initialize(new MemoryStore(), Client.#checkName(options.name), relay, options);
  }

  /** Restores an encrypted backup (made by `exportBackup`) into a new profile folder. */
  static async importBackup(
    file: string,
    backupPassphrase: string,
    dir: string,
    newPassphrase: string,
    options: { pwhash?: PwhashLimits; onProgress?: (done: number) => void } = {},
  ): Promise<void> {
    const store = await importProfile(file, backupPassphrase, dir, newPassphrase, {
      pwhash: options.pwhash,
      onProgress: (p) => options.onProgress?.(p.items),
    });
    await store.close();
  }

  static async #initialize(store: Store, name: string, relay: string, options: ClientOptions): Promise<Client> {
    const rng = options.rng ?? systemRng;
    const identity = createIdentity(rng);
    await store.putIdentity(serializeIdentity(identity));
    const settings: ProfileSettings = { v: 1, name, relay, readReceipts: true };
    await store.putSetting(SETTINGS.profile, profileSettings.encode(settings));
    const client = new Client(store, identity, settings, options);
    await client.#attachments.ready();
    return client;
  }

  static async #load(store: Store, options: ClientOptions): Promise<Client> {
    const identityBytes = await store.getIdentity();
    const settingsBytes = await store.getSetting(SETTINGS.profile);
    if (!identityBytes || !settingsBytes) throw new StoreCorruptError('profile without identity');
    const client = new Client(store, deserializeIdentity(identityBytes), profileSettings.decode(settingsBytes), options);
    await client.#registerKnownQueues();
    await client.#attachments.ready();
    await client.sweepExpired();
    return client;
  }

  static #checkName(name: string): string {
    const trimmed = name.trim();
    if (trimmed === '' || [...trimmed].length > MAX_NAME_CHARS || /[\p{Cc}]/u.test(trimmed)) {
      throw new SaltlineError('BAD_NAME', `a name must be 1 to ${MAX_NAME_CHARS} characters, without control characters`);
    }
    return trimmed;
  }

  get profile(): ProfileInfo {
    return { name: this.#settings.name, relay: this.#settings.relay, identityKey: b64(this.#identity.publicIdentity.identityKey) };
  }

  // ---- events -----------------------------------------------------------------------------------

  on(listener: (event: ClientEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The same events as an async iterator; ends when `signal` aborts or the client closes. */
  async *events(signal?: AbortSignal): AsyncGenerator<ClientEvent> {
    const queue: ClientEvent[] = [];
    let wake: (() => void) | undefined;
    const off = this.on((e) => {
      queue.push(e);
      wake?.();
    });
    const onAbort = (): void => wake?.();
    signal?.addEventListener('abort', onAbort);
    try {
      while (!this.#closed && !signal?.aborted) {
        const next = queue.shift();
        if (next) yield next;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    } finally {
      off();
      signal?.removeEventListener('abort', onAbort);
    }
  }

  #emit(event: ClientEvent): void {
    for (const l of this.#listeners) {
      try {
        l(event);
      } catch {
        // A listener's bug must not break message processing.
      }
    }
  }

  // ---- the lock ---------------------------------------------------------------------------------

  #serial<T>(work: () => Promise<T>): Promise<T> {
    if (this.#closed || this.#closing) return Promise.reject(new ClientClosedError());
    this.#busy++;
    const run = this.#lock.then(work, work);
    this.#lock = run.catch(() => undefined);
    return run.finally(() => {
      this.#busy--;
      this.#lastActivity = Date.now();
    });
  }

  // ---- queues -----------------------------------------------------------------------------------

  #relayAddress(): string {
    if (this.#settings.relay === '') throw new NoRelayError();
    return this.#settings.relay;
  }

  #transport(): RelayClient {
    if (this.#closed) throw new ClientClosedError();
    this.#relayClient ??= new RelayClient({
      rng: this.#rng,
      connectTimeoutMs: this.#connectTimeoutMs,
      commandTimeoutMs: Math.max(this.#connectTimeoutMs, 10_000),
      ...(this.#backoff ? { backoff: this.#backoff, handlerBackoff: this.#backoff } : {}),
    });
    return this.#relayClient;
  }

  async #newQueue(): Promise<RecipientQueue> {
    const relay = this.#relayAddress();
    try {
      return await withTimeout(this.#transport().createQueue(parseRelayAddress(relay)), this.#connectTimeoutMs, () => new RelayUnreachableError(relay));
    } catch (e) {
      if (e instanceof RelayUnreachableError || !(e instanceof SaltlineError) || e.code.startsWith('TRANSPORT_')) throw new RelayUnreachableError(relay);
      throw e;
    }
  }

  /** A queue made ahead of time if there is one (invitations then work while the relay is away). */
  async #takeQueue(): Promise<RecipientQueue> {
    const bytes = await this.#store.getSetting(SETTINGS.spareQueues);
    const spares = bytes ? spareQueues.decode(bytes) : { v: 1 as const, queues: [] };
    const first = spares.queues[0];
    if (first === undefined) return this.#newQueue();
    const queue = deserializeRecipientQueue(unb64(first));
    await this.#store.putSetting(SETTINGS.spareQueues, spareQueues.encode({ v: 1, queues: spares.queues.slice(1) }));
    return queue;
  }

  async #refillSpareQueues(): Promise<void> {
    const bytes = await this.#store.getSetting(SETTINGS.spareQueues);
    const spares = bytes ? spareQueues.decode(bytes) : { v: 1 as const, queues: [] };
    const queues = [...spares.queues];
    while (queues.length < SPARE_QUEUES) {
      queues.push(b64(serializeRecipientQueue(await this.#newQueue())));
      await this.#store.putSetting(SETTINGS.spareQueues, spareQueues.encode({ v: 1, queues }));
    }
  }

  async #openInvitations(): Promise<OpenInvitation[]> {
    const bytes = await this.#store.getSetting(SETTINGS.invitations);
    return bytes ? openInvitations.decode(bytes).open : [];
  }

  async #saveOpenInvitations(open: OpenInvitation[]): Promise<void> {
    await this.#store.putSetting(SETTINGS.invitations, openInvitations.encode({ v: 1, open }));
  }

  async #registerKnownQueues(): Promise<void> {
    for (const inv of await this.#openInvitations()) this.#register(deserializeRecipientQueue(unb64(inv.queue)), { kind: 'invitation', invitationId: inv.id });
    for (const c of await this.#store.listContacts()) {
      const record = contactRecord.decode(c.record);
      this.#register(deserializeRecipientQueue(unb64(record.queue)), { kind: 'contact', contactId: c.id });
    }
    for (const g of await this.#groups.queues()) this.#register(g.queue, { kind: 'group', conversationId: g.conversationId });
  }

  #register(queue: RecipientQueue, owner: QueueOwner): void {
    const key = b64(queue.recvId);
    this.#queues.set(key, { queue, owner });
    if (this.#online) this.#subscribe(key);
  }

  #subscribe(key: string): void {
    const entry = this.#queues.get(key);
    if (!entry || this.#subscriptions.has(key)) return;
    const sub = this.#transport().subscribe(entry.queue, (m) => this.#serial(() => this.#receive(key, m)), {
      onSubscribed: () => {
        this.#subscribed.add(key);
        this.#lastActivity = Date.now();
        this.#setConnected(true);
      },
      // Offline once no queue is subscribed any more (all of them live on the relay that went away).
      onDisconnected: () => {
        this.#subscribed.delete(key);
        if (this.#subscribed.size === 0) this.#setConnected(false);
      },
    });
    this.#subscriptions.set(key, sub);
  }

  /** Whether our queues are reachable on the relay: undefined until the first subscription or failure. */
  get relayConnected(): boolean | undefined {
    return this.#connected;
  }

  #setConnected(online: boolean): void {
    if (this.#connected === online || this.#closing) return;
    this.#connected = online;
    this.#emit({ type: 'connection', online });
  }

  // ---- going online -----------------------------------------------------------------------------

  /** Connects: receives on every queue and sends whatever waits in the outbox, until `close()`. */
  async start(): Promise<void> {
    if (this.#closed) throw new ClientClosedError();
    if (!this.#online) {
      this.#online = true;
      for (const key of this.#queues.keys()) this.#subscribe(key);
    }
    await this.#startSender();
    // Uploads an earlier process left unfinished carry on (issue 8 item 1).
    await this.#attachments.resumeUploads((id) => this.#messageExists(id)).catch(() => undefined);
    this.#sweepTimer ??= setInterval(() => void this.sweepExpired().catch(() => undefined), this.#sweepIntervalMs);
    this.#sweepTimer.unref();
    if (this.#settings.relay !== '') void this.#serial(() => this.#refillSpareQueues()).catch(() => undefined);
  }

  async #startSender(): Promise<void> {
    this.#sender ??= new OutboxSender(
      this.#transport(),
      // After close() an acknowledgement still in flight is dropped: the entry stays queued and
      // is sent again next time, which the recipient's ratchet recognises as a replay.
      new StoreOutbox(this.#store, (entry, failure) => this.#serial(() => this.#outboxDone(entry, failure)), () => !this.#closing),
      this.#backoff ? { backoff: this.#backoff } : {},
    );
    await this.#sender.start();
  }

  async #outboxDone(entry: QueuedEnvelope, failure: string | undefined): Promise<void> {
    if (failure === undefined) this.#counters.sent++;
    if (entry.kind !== OUTBOX_KIND.message) return;
    await this.#advanceDelivery(entry.conversationId, entry.id, failure === undefined ? 'sent' : 'failed');
  }

  async #advanceDelivery(conversationId: string, id: string, state: StoreDeliveryState): Promise<void> {
    const current = await this.#store.getMessage(conversationId, id);
    if (!current || current.sender !== ME) return;
    if (state !== 'failed' && DELIVERY_RANK[state] <= DELIVERY_RANK[current.delivery]) return;
    if (state === 'failed' && current.delivery !== 'pending') return;
    await this.#store.setDelivery(conversationId, id, state);
    this.#emit({ type: 'delivery', messageId: id, conversationId, state: toDeliveryState(state) });
  }

  /** Sends what waits in the outbox; resolves when it is empty or after `timeoutMs`. */
  async flush(options: { timeoutMs?: number } = {}): Promise<{ pending: number }> {
    await this.#startSender();
    const sender = this.#sender!;
    await withTimeout(sender.idle(), options.timeoutMs ?? this.#connectTimeoutMs, () => new Error('timeout')).catch(() => undefined);
    await this.#lock;
    return { pending: (await this.#store.listOutbox()).length };
  }

  /**
   * Fetches and processes everything waiting on our queues and flushes the outbox, then resolves.
   * Throws `RelayUnreachableError` when none of our queues could be reached.
   */
  async sync(options: { timeoutMs?: number } = {}): Promise<SyncResult> {
    const timeoutMs = options.timeoutMs ?? this.#connectTimeoutMs * 2;
    const before = { ...this.#counters };
    await this.start();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.#subscribed.size < this.#queues.size) await sleep(25);
    const unreachable = this.#queues.size > 0 && this.#subscribed.size === 0;
    // Waiting envelopes are pushed right behind the subscription's OK: wait until none arrive.
    while (Date.now() < deadline && (this.#busy > 0 || Date.now() - this.#lastActivity < QUIET_MS)) await sleep(25);
    const { pending } = await this.flush({ timeoutMs: Math.max(0, deadline - Date.now()) });
    await this.#lock;
    // Small attachments received just now are fetched before sync reports back.
    await this.#attachments.settle();
    if (unreachable) throw new RelayUnreachableError(this.#settings.relay || 'of your contacts');
    return {
      received: this.#counters.received - before.received,
      sent: this.#counters.sent - before.sent,
      pending,
      refused: this.#counters.refused - before.refused,
    };
  }

  // ---- contacts ---------------------------------------------------------------------------------

  async #loadContact(id: string): Promise<LoadedContact | undefined> {
    const contact = await this.#store.getContact(id);
    return contact && { contact, record: contactRecord.decode(contact.record) };
  }

  async #allContacts(): Promise<LoadedContact[]> {
    return (await this.#store.listContacts()).map((contact) => ({ contact, record: contactRecord.decode(contact.record) }));
  }

  /** A contact by id, conversation id, or name (case-insensitive). */
  async #resolve(target: string): Promise<LoadedContact> {
    const all = await this.#allContacts();
    const found =
      all.find((c) => c.contact.id === target) ??
      all.find((c) => c.record.conversationId === target) ??
      all.find((c) => !c.record.hidden && sameName(c.contact.name, target)) ??
      all.find((c) => c.record.hidden === true && sameName(c.contact.name, target));
    if (!found) throw new UnknownContactError(target);
    return found;
  }

  /** A contact's conversation, or else a group's (by id or name). */
  async #conversationOf(target: string): Promise<{ conversationId: string; contact?: LoadedContact }> {
    try {
      const contact = await this.#resolve(target);
      return { conversationId: contact.record.conversationId, contact };
    } catch (e) {
      if (!(e instanceof UnknownContactError)) throw e;
      const g = await this.#groups.find(target);
      if (!g) throw e;
      return { conversationId: g.conversationId };
    }
  }

  async #uniqueName(wanted: string): Promise<string> {
    const taken = (await this.#store.listContacts()).map((c) => c.name);
    let name = wanted;
    for (let i = 2; taken.some((t) => sameName(t, name)); i++) name = `${wanted} (${i})`;
    return name;
  }

  async #contactInfo(c: LoadedContact): Promise<ContactInfo> {
    const session = await this.#store.getSession(c.record.conversationId);
    let established = false;
    if (session) {
      const s = deserializeSession(session);
      established = s.pendingPrekey === null;
      wipeSession(s);
    }
    return {
      id: c.contact.id,
      name: c.contact.name,
      verified: c.contact.verified,
      identityChanged: c.record.identityChanged,
      conversationId: c.record.conversationId,
      established,
    };
  }

  /** The contacts the user added (group members we were only introduced to are not listed). */
  async contacts(): Promise<ContactInfo[]> {
    const all = (await this.#allContacts()).filter((c) => !c.record.hidden);
    const out: ContactInfo[] = [];
    for (const c of all) out.push(await this.#contactInfo(c));
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Invitations made and not yet accepted. */
  async pendingInvitations(): Promise<{ id: string; createdAt: number }[]> {
    return (await this.#openInvitations()).map((i) => ({ id: i.id, createdAt: i.createdAt }));
  }

  /**
   * Makes a one-time invitation link (show it as a QR code or send it over a channel you trust).
   * With `contact`, the invitation re-establishes the session with that existing contact (e.g. it
   * lost its device); an identity other than the pinned one is then refused.
   */
  createInvitation(options: { contact?: string } = {}): Promise<{ link: string; id: string }> {
    return this.#serial(async () => {
      const forContact = options.contact === undefined ? undefined : (await this.#resolve(options.contact)).contact.id;
      const { invitation, id } = await this.#makeInvitation(forContact ? { contactId: forContact } : {});
      return { link: invitationToLink(invitation), id };
    });
  }

  /** A one-time invitation on a fresh queue; `member` restricts who may answer (a group introduction). */
  async #makeInvitation(options: { contactId?: string; member?: string }): Promise<{ invitation: Invitation; id: string }> {
    const queue = await this.#takeQueue();
    const { invitation, secrets } = protocolCreateInvitation(this.#identity, { address: encodeQueueAddress(deliveryAddressOf(queue)), rng: this.#rng });
    const id = b64(invitation.invitationId);
    try {
      await this.#store.putInvitation(id, serializeInvitationSecrets(secrets));
    } finally {
      wipeInvitationSecrets(secrets);
    }
    const open = await this.#openInvitations();
    open.push({ id, queue: b64(serializeRecipientQueue(queue)), createdAt: this.#now(), ...options });
    await this.#saveOpenInvitations(open);
    this.#register(queue, { kind: 'invitation', invitationId: id });
    return { invitation, id };
  }

  /**
   * Accepts someone's invitation and names them. Sends them our name (encrypted) right away, so
   * their side learns who accepted. Refuses a name already used by a contact with another
   * identity key (`ContactIdentityChangedError`) unless `replaceIdentity` is set.
   */
  acceptInvitation(link: string, name: string, options: { replaceIdentity?: boolean } = {}): Promise<ContactInfo> {
    return this.#serial(async () => {
      const invitation = invitationFromLink(link);
      if (bytesEqual(invitation.inviter.identityKey, this.#identity.publicIdentity.identityKey)) throw new OwnInvitationError();
      const info = await this.#contactInfo(await this.#accept(invitation, { name: Client.#checkName(name), replaceIdentity: options.replaceIdentity === true }));
      this.#emit({ type: 'contact', contact: info });
      return info;
    });
  }

  /**
   * Accepts an invitation: a contact the user names, or (`named` undefined) a hidden contact for
   * a group member who introduced itself, named by what it tells us later.
   */
  async #accept(invitation: Invitation, named: { name: string; replaceIdentity: boolean } | undefined): Promise<LoadedContact> {
    parseQueueAddress(invitation.address);
    const all = await this.#allContacts();
    const byIdentity = all.find((c) => bytesEqual(contactIdentityKey(c.record), invitation.inviter.identityKey));
    const localName = named?.name ?? (await this.#uniqueName('Group member'));
    const byName = named ? all.find((c) => !c.record.hidden && sameName(c.contact.name, localName)) : undefined;
    if (byName && byName !== byIdentity && named && !named.replaceIdentity) {
      this.#emit({ type: 'identityChanged', contactId: byName.contact.id, name: byName.contact.name });
      throw new ContactIdentityChangedError(byName.contact.name);
    }
    const existing = byIdentity ?? byName;
    const queue = await this.#takeQueue();
    const session = protocolAcceptInvitation(this.#identity, invitation, { address: encodeQueueAddress(deliveryAddressOf(queue)), rng: this.#rng });
    const conversationId = existing?.record.conversationId ?? b64(this.#rng(16));
    if (!existing) await this.#store.putConversation({ id: conversationId, title: '', memberIds: [], createdAt: this.#now(), meta: new Uint8Array(0) });
    const contact: Contact = {
      id: existing?.contact.id ?? b64(this.#rng(16)),
      name: existing && byName === existing ? existing.contact.name : localName,
      verified: existing !== undefined && byIdentity === existing && existing.contact.verified,
      address: b64(invitation.address),
      record: contactRecord.encode({
        v: 1,
        identity: b64(encodePublicIdentity(invitation.inviter)),
        queue: b64(serializeRecipientQueue(queue)),
        conversationId,
        peerAddress: b64(invitation.address),
        identityChanged: false,
        ...(named ? {} : { hidden: true }),
      }),
    };
    const profile: Content = { kind: 'profile', id: this.#rng(16), sentAt: this.#now(), name: this.#settings.name };
    await this.#sealAndQueue(session, contact, conversationId, profile, undefined);
    this.#register(queue, { kind: 'contact', contactId: contact.id });
    return { contact, record: contactRecord.decode(contact.record) };
  }

  async safetyNumber(target: string): Promise<SafetyNumberInfo & { readonly changed?: SafetyNumberInfo }> {
    const c = await this.#resolve(target);
    const info = (peer: PublicIdentity): SafetyNumberInfo => {
      const n = computeSafetyNumber(this.#identity.publicIdentity.identityKey, peer.identityKey);
      return { digits: n.digits, groups: n.groups, qrPayload: b64(n.qrPayload) };
    };
    const pinned = info(decodePublicIdentity(unb64(c.record.identity)));
    return c.record.pending ? { ...pinned, changed: info(decodePublicIdentity(unb64(c.record.pending.identity))) } : pinned;
  }

  /**
   * Marks a contact verified after the safety numbers were compared. For a contact whose identity
   * changed, this accepts the new identity (the safety number shown as `changed`).
   */
  markVerified(target: string): Promise<void> {
    return this.#serial(async () => {
      const c = await this.#resolve(target);
      const pending = c.record.pending;
      if (!pending) {
        await this.#store.putContact({ ...c.contact, verified: true });
      } else {
        const record: ContactRecord = {
          v: 1,
          identity: pending.identity,
          queue: pending.queue ?? c.record.queue,
          conversationId: c.record.conversationId,
          peerAddress: pending.address,
          ...(c.record.selfName !== undefined ? { selfName: c.record.selfName } : {}),
          identityChanged: false,
        };
        const contact: Contact = { ...c.contact, verified: true, address: pending.address, record: contactRecord.encode(record) };
        await this.#store.commit({ contacts: [contact], sessions: [{ conversationId: record.conversationId, state: unb64(pending.session) }] });
        this.#register(deserializeRecipientQueue(unb64(record.queue)), { kind: 'contact', contactId: contact.id });
        // Our reply completes the handshake on their side.
        await this.#sendContent(contact.id, { kind: 'profile', id: this.#rng(16), sentAt: this.#now(), name: this.#settings.name }, undefined);
      }
      const updated = await this.#loadContact(c.contact.id);
      if (updated) this.#emit({ type: 'contact', contact: await this.#contactInfo(updated) });
    });
  }

  // ---- sending ----------------------------------------------------------------------------------

  /** Encrypts `content` on `session`, and commits the step, the contact, the message row and the envelope together. */
  async #sealAndQueue(session: Session, contact: Contact, conversationId: string, content: Content, row: StoredMessage | { text: string; body?: Uint8Array } | undefined): Promise<StoredMessage | undefined> {
    const plaintext = encodeContent(content);
    const max = maxPlaintextBytes(session);
    if (plaintext.length > max) {
      wipeSession(session);
      throw new MessageTooLongError(max - (plaintext.length - (row && 'text' in row ? utf8(row.text).length : 0)));
    }
    const { state, envelope } = encryptMessage(session, plaintext, { rng: this.#rng });
    const id = b64(content.id);
    const now = this.#now();
    const stored = await this.#store.commit({
      ...(row && 'text' in row ? { message: { id, conversationId, sender: ME, timestamp: content.sentAt, body: row.body ?? utf8(row.text), delivery: 'pending' as const } } : {}),
      sessions: [{ conversationId, state: serializeSession(state) }],
      contacts: [contact],
      outbox: [
        outboxEntry({
          id,
          conversationId,
          kind: row ? OUTBOX_KIND.message : OUTBOX_KIND.control,
          to: unb64(contact.address),
          envelope,
          createdAt: now,
        }),
      ],
    });
    wipeSession(state);
    if (this.#sender) await this.#sender.start();
    return stored;
  }

  async #sendContent(contactId: string, content: Content, textRow: { text: string; body?: Uint8Array } | undefined): Promise<StoredMessage | undefined> {
    const c = await this.#loadContact(contactId);
    if (!c) throw new UnknownContactError(contactId);
    if (c.record.identityChanged) throw new ContactIdentityChangedError(c.contact.name);
    const bytes = await this.#store.getSession(c.record.conversationId);
    if (!bytes) throw new NotConnectedError(c.contact.name);
    return this.#sealAndQueue(deserializeSession(bytes), c.contact, c.record.conversationId, content, textRow);
  }

  /**
   * Saves and queues a text message; it goes out at once when the client is online (`start`,
   * `sync`, `flush`), else stays in the outbox. Delivery changes arrive as `delivery` events.
   */
  send(target: string, message: string, options: SendOptions = {}): Promise<MessageInfo> {
    return this.#serial(async () => {
      if (message.length === 0) throw new SaltlineError('EMPTY_MESSAGE', 'the message is empty');
      const { conversationId, contact } = await this.#conversationOf(target);
      const { content: rich, body } = await this.#actions.outgoing(conversationId, message, options.replyTo);
      if (rich.kind !== 'text' || body.length !== utf8(message).length) {
        // A reply or a disappearing message (issue 8).
        const stored = (await this.#sendToConversation(conversationId, rich, body))!;
        await this.#actions.saved(stored);
        return (await this.#actions.withQuotes([this.#messageInfo(stored, await this.#names())], await this.#nameOf()))[0]!;
      }
      if (!contact) {
        const group = await this.#groups.find(conversationId);
        if (!group) throw new UnknownContactError(target);
        return this.#messageInfo(await this.#groups.send(group, message), new Map());
      }
      const c = contact;
      const content: Content = { kind: 'text', id: this.#rng(16), sentAt: this.#now(), text: message };
      const stored = await this.#sendContent(c.contact.id, content, { text: message });
      return this.#messageInfo(stored!, new Map([[c.contact.id, c.contact.name]]));
    });
  }

  /**
   * Sends a file (issue 8 item 1): encrypts it into the profile, announces it in a message, then
   * uploads it through our relay, resuming after interruptions; resolves once the relay holds all
   * of it. `onProgress` reports upload progress.
   */
  async sendFile(target: string, path: string, options: SendFileOptions = {}): Promise<MessageInfo> {
    const relay = this.#relayAddress();
    const { conversationId, contact } = await this.#conversationOf(target);
    const group = contact ? undefined : await this.#groups.find(conversationId);
    if (!contact && !group) throw new UnknownContactError(target);
    const id = this.#rng(16);
    const messageId = b64(id);
    // A one-to-one file has a single reader, who has the relay delete it once downloaded.
    const prepared = await this.#attachments.prepare(messageId, path, relay, { ...options, singleReader: contact !== undefined });
    const row = attachmentRowBody(prepared.descriptor);
    const body = encodeBody(row, { expiresAt: await this.#disappearing.expiresAt(conversationId) });
    const content: Content = { kind: 'attachment', id, sentAt: this.#now(), attachment: prepared.descriptor };
    let info: MessageInfo;
    try {
      info = await this.#serial(async () => {
        const stored = group ? await this.#groups.sendContent(group, content, body) : await this.#sendContent(contact!.contact.id, content, { text: prepared.descriptor.name, body });
        await this.#actions.saved(stored!);
        return this.#messageInfo(stored!, contact ? new Map([[contact.contact.id, contact.contact.name]]) : new Map());
      });
    } catch (e) {
      prepared.cancel();
      await prepared.uploaded.catch(() => undefined);
      await this.#attachments.deleteFiles([messageId]);
      throw e;
    } finally {
      prepared.descriptor.key.fill(0);
      row.fill(0);
      body.fill(0);
    }
    // The message goes out now, not after the upload: the recipient can download while we upload.
    await this.#startSender();
    await this.#attachments.upload(messageId, prepared);
    return { ...info, ...(info.attachment ? { attachment: { ...info.attachment, state: 'stored' as const } } : {}) };
  }

  async #messageExists(messageId: string): Promise<boolean> {
    try {
      await this.#actions.find(messageId);
      return true;
    } catch (e) {
      if (e instanceof MessageNotFoundError) return false;
      throw e;
    }
  }

  async #attachmentOf(messageId: string): Promise<{ message: StoredMessage; descriptor: NonNullable<ReturnType<typeof attachmentOfRow>> }> {
    const message = await this.#actions.find(messageId).catch((e: unknown) => {
      if (e instanceof MessageNotFoundError) return undefined;
      throw e;
    });
    const descriptor = message && attachmentOfRow(message.body);
    if (!message || !descriptor) throw new AttachmentUnavailableError(`no attachment in message ${messageId}`);
    return { message, descriptor };
  }

  /** Writes the decrypted attachment of a message to `outPath`, downloading (and resuming) what is missing. */
  async saveAttachment(messageId: string, outPath: string, options: { onProgress?: ProgressListener } = {}): Promise<void> {
    const { descriptor } = await this.#attachmentOf(messageId);
    try {
      await this.#attachments.fetch(messageId, descriptor, { outPath, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });
    } finally {
      descriptor.key.fill(0);
    }
  }

  /** Name, size, type and state of a message's attachment. */
  async attachmentInfo(messageId: string): Promise<AttachmentInfo> {
    const { descriptor } = await this.#attachmentOf(messageId);
    descriptor.key.fill(0);
    return this.#attachments.info(messageId, descriptor);
  }

  /** The inline JPEG preview the sender attached, if any. */
  async attachmentThumbnail(messageId: string): Promise<Buffer | undefined> {
    const { descriptor } = await this.#attachmentOf(messageId);
    descriptor.key.fill(0);
    return descriptor.thumbnail.length > 0 ? descriptor.thumbnail : undefined;
  }

  /** The decrypted attachment in memory, downloading it if needed; only up to `maxBytes` (for showing images). */
  async attachmentBytes(messageId: string, maxBytes: number): Promise<{ bytes: Buffer; mime: string; name: string }> {
    const { descriptor } = await this.#attachmentOf(messageId);
    try {
      return { bytes: await this.#attachments.readStored(messageId, descriptor, maxBytes), mime: descriptor.mime, name: descriptor.name };
    } finally {
      descriptor.key.fill(0);
    }
  }

  /** Removes attachment files of these messages from the profile folder (the rows are the caller's to delete). */
  deleteAttachmentFiles(messageIds: readonly string[]): Promise<void> {
    return this.#attachments.deleteFiles(messageIds);
  }

  /** A receipt only over a usable session: none is queued for a contact whose identity changed or with whom we have no session yet. */
  async #receiptIfConnected(c: LoadedContact, receipt: ReceiptKind, ids: readonly Buffer[]): Promise<void> {
    if (c.record.identityChanged || !(await this.#store.getSession(c.record.conversationId))) return;
    await this.#sendReceipt(c.contact.id, receipt, ids);
  }

  async #sendReceipt(contactId: string, receipt: ReceiptKind, ids: readonly Buffer[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 1000) {
      await this.#sendContent(contactId, { kind: 'receipt', id: this.#rng(16), sentAt: this.#now(), receipt, messageIds: ids.slice(i, i + 1000) }, undefined);
    }
  }

  // ---- edits, deletions, reactions, replies, disappearing, typing (issue 8; messageActions.ts) ---

  /** Seals content for a conversation's other side(s): the 1:1 peer, or every other group member. */
  async #sendToConversation(conversationId: string, content: Content, body: Uint8Array | undefined): Promise<StoredMessage | undefined> {
    const contact = (await this.#allContacts()).find((c) => c.record.conversationId === conversationId);
    if (contact) return this.#sendContent(contact.contact.id, content, body ? { text: decodeBody(body).text, body } : undefined);
    const group = await this.#groups.find(conversationId);
    if (!group) throw new UnknownContactError(conversationId);
    return this.#groups.sendContent(group, content, body);
  }

  /** A control message whose sender the channel authenticated (`senderId`: contact id or group member id). */
  async #receiveControl(conversationId: string, senderId: string, content: Extract<Content, { kind: 'edit' | 'delete' | 'reaction' | 'timer' | 'typing' }>): Promise<void> {
    if (content.kind !== 'typing') return this.#actions.receive(conversationId, senderId, content);
    if (this.#settings.typing !== true) return;
    this.#emit({ type: 'typing', conversationId, senderId, senderName: (await this.#names()).get(senderId) ?? 'unknown', typing: content.typing });
  }

  /**
   * Called with every message deleted here (expired, deleted for everyone, deleted locally): its
   * attachment files go with it, and so does any count of group receipts still kept for it.
   */
  async #messagesDeleted(conversationId: string, messageIds: readonly string[]): Promise<void> {
    void conversationId; // file names are keyed by message id alone
    await this.#attachments.deleteFiles(messageIds);
    await this.#groupReceipts.forget(messageIds);
  }

  /** Replaces the text of one of our messages, on every device of the conversation. */
  edit(messageId: string, newText: string): Promise<MessageInfo> {
    return this.#serial(() => this.#actions.edit(messageId, newText));
  }

  /** Deletes one of our messages for everyone: its text is erased here and there, a "deleted" line stays. */
  deleteForEveryone(messageId: string): Promise<MessageInfo> {
    return this.#serial(() => this.#actions.deleteForEveryone(messageId));
  }

  /** Deletes a message (with its attachment files) from this device only. */
  deleteMessage(messageId: string): Promise<void> {
    return this.#serial(() => this.#actions.deleteLocal(messageId));
  }

  /** Reacts with one emoji (replacing our earlier reaction); `null` removes ours. */
  react(messageId: string, emoji: string | null): Promise<MessageInfo> {
    return this.#serial(() => this.#actions.react(messageId, emoji));
  }

  /** Sets a conversation's disappearing timer in seconds (0 = off; see TIMER_NAMES) for both sides. */
  setDisappearing(target: string, seconds: number): Promise<MessageInfo> {
    return this.#serial(async () => this.#actions.setTimer((await this.#conversationOf(target)).conversationId, seconds));
  }

  /** A conversation's disappearing timer in seconds (0 = off). */
  async disappearing(target: string): Promise<number> {
    return this.#disappearing.seconds((await this.#conversationOf(target)).conversationId);
  }

  /** Deletes expired disappearing messages now (also done on open and every `sweepIntervalMs` while running). */
  sweepExpired(): Promise<number> {
    return this.#serial(async () => {
      let n = 0;
      for (const { conversationId, messageIds } of await this.#disappearing.sweep()) {
        n += messageIds.length;
        this.#emit({ type: 'expired', conversationId, messageIds });
      }
      await this.#actions.pruneHeld();
      return n;
    });
  }

  get settings(): { readonly readReceipts: boolean; readonly typing: boolean } {
    return { readReceipts: this.#settings.readReceipts, typing: this.#settings.typing === true };
  }

  /** Read receipts on or off. Off: we send none, and others' read state is not taken in or shown. */
  setReadReceipts(on: boolean): Promise<void> {
    return this.#serial(() => this.#saveSettings({ ...this.#settings, readReceipts: on }));
  }

  /** Typing indicators on or off (off by default: they tell when you are active). */
  setTypingIndicators(on: boolean): Promise<void> {
    return this.#serial(() => this.#saveSettings({ ...this.#settings, typing: on }));
  }

  async #saveSettings(settings: ProfileSettings): Promise<void> {
    await this.#store.putSetting(SETTINGS.profile, profileSettings.encode(settings));
    this.#settings = settings;
  }

  /** Tells the conversation we are typing (at most every 3 s) or stopped; nothing when indicators are off. */
  typing(target: string, typing: boolean): Promise<void> {
    if (this.#settings.typing !== true) return Promise.resolve();
    return this.#serial(async () => {
      const { conversationId } = await this.#conversationOf(target);
      const last = this.#typingSentAt.get(conversationId);
      if (typing && last !== undefined && this.#now() - last < TYPING_THROTTLE_MS) return;
      if (!typing && last === undefined) return;
      if (typing) this.#typingSentAt.set(conversationId, this.#now());
      else this.#typingSentAt.delete(conversationId);
      await this.#sendToConversation(conversationId, { kind: 'typing', id: this.#rng(16), sentAt: this.#now(), typing }, undefined);
    });
  }

  // ---- receiving --------------------------------------------------------------------------------

  async #receive(queueKey: string, message: ReceivedEnvelope): Promise<void> {
    const entry = this.#queues.get(queueKey);
    if (!entry) return;
    try {
      // Routed by the envelope's type byte (docs/groups.md): a group message or an introduction may
      // come on any queue of a group member; nothing of a 1:1 session comes on a group's queue.
      const type = message.envelope.length > 1 ? message.envelope[1] : undefined;
      if (entry.owner.kind === 'invitation') await this.#receiveHandshake(entry.owner.invitationId, entry.queue, message.envelope);
      else if (type === GROUP_ENVELOPE_TYPE) await this.#groups.receiveMessage(message.envelope);
      else if (type === GROUP_INTRODUCTION_TYPE) await this.#groups.receiveIntroduction(message.envelope);
      else if (entry.owner.kind === 'group') throw new InvalidFrameError('a 1:1 envelope on a group queue');
      else await this.#receiveFromContact(entry.owner.contactId, message.envelope);
    } catch (e) {
      // A bad envelope is acknowledged and dropped (retrying cannot help); a failed save is not,
      // so the relay delivers it again.
      if (!isRejection(e)) throw e;
      this.#counters.refused++;
    }
  }

  async #receiveHandshake(invitationId: string, queue: RecipientQueue, envelope: Buffer): Promise<void> {
    const open = await this.#openInvitations();
    const inv = open.find((i) => i.id === invitationId);
    const secretBytes = await this.#store.getInvitation(invitationId);
    if (!inv || !secretBytes) throw new SaltlineError('INVITATION_USED', 'invitation already used');
    const secrets = deserializeInvitationSecrets(secretBytes);
    secretBytes.fill(0);
    let responded;
    try {
      responded = respondToInvitation(this.#identity, secrets, envelope, { rng: this.#rng });
    } finally {
      wipeInvitationSecrets(secrets);
    }
    const { state, plaintext, peer, peerAddress } = responded;
    parseQueueAddress(peerAddress);
    if (inv.member !== undefined && !bytesEqual(unb64(inv.member), peer.identityKey)) {
      // An introduction answered by someone other than the member it was sealed for.
      wipeSession(state);
      throw new SaltlineError('WRONG_MEMBER', 'an introduction was answered by another identity');
    }
    let content: Content | undefined;
    try {
      content = decodeContent(plaintext);
    } catch {
      content = undefined;
    }
    const peerIdentity = b64(encodePublicIdentity(peer));
    const all = await this.#allContacts();
    const target = inv.contactId !== undefined ? all.find((c) => c.contact.id === inv.contactId) : all.find((c) => bytesEqual(contactIdentityKey(c.record), peer.identityKey));
    const queueText = b64(serializeRecipientQueue(queue));
    let contact: Contact;
    let record: ContactRecord;
    const remaining = open.filter((i) => i.id !== invitationId);

    if (target && !bytesEqual(contactIdentityKey(target.record), peer.identityKey)) {
      // Someone answered a re-invitation for this contact with another identity key: refuse it,
      // keep it aside for the user to compare safety numbers, and say so.
      record = { ...target.record, identityChanged: true, pending: { identity: peerIdentity, session: b64(serializeSession(state)), address: b64(peerAddress), queue: queueText } };
      contact = { ...target.contact, record: contactRecord.encode(record) };
      await this.#store.commit({ contacts: [contact], deleteInvitation: invitationId });
      wipeSession(state);
      await this.#saveOpenInvitations(remaining);
      this.#queues.delete(b64(queue.recvId));
      this.#emit({ type: 'identityChanged', contactId: contact.id, name: contact.name });
      return;
    }

    const selfName = content?.kind === 'profile' ? content.name : undefined;
    const conversationId = target?.record.conversationId ?? b64(this.#rng(16));
    if (!target) await this.#store.putConversation({ id: conversationId, title: '', memberIds: [], createdAt: this.#now(), meta: new Uint8Array(0) });
    record = {
      v: 1,
      identity: peerIdentity,
      queue: queueText,
      conversationId,
      peerAddress: b64(peerAddress),
      ...(selfName !== undefined ? { selfName } : target?.record.selfName !== undefined ? { selfName: target.record.selfName } : {}),
      identityChanged: false,
      ...(inv.member !== undefined && (!target || target.record.hidden) ? { hidden: true } : {}),
    };
    contact = {
      id: target?.contact.id ?? b64(this.#rng(16)),
      name: target?.contact.name ?? (await this.#uniqueName(Client.#safeName(selfName))),
      verified: target?.contact.verified ?? false,
      address: b64(peerAddress),
      record: contactRecord.encode(record),
    };
    const stored = await this.#store.commit({
      contacts: [contact],
      sessions: [{ conversationId, state: serializeSession(state) }],
      deleteInvitation: invitationId,
      ...(content?.kind === 'text' ? { message: this.#incomingRow(conversationId, contact.id, content) } : {}),
    });
    wipeSession(state);
    await this.#saveOpenInvitations(remaining);
    this.#queues.set(b64(queue.recvId), { queue, owner: { kind: 'contact', contactId: contact.id } });
    if (!record.hidden) this.#emit({ type: 'contact', contact: await this.#contactInfo({ contact, record }) });
    if (stored) this.#deliverIncoming(stored, contact);
    // Our reply completes the handshake on their side and tells them our name.
    await this.#sendContent(contact.id, { kind: 'profile', id: this.#rng(16), sentAt: this.#now(), name: this.#settings.name }, undefined);
    if (content?.kind === 'text') await this.#sendReceipt(contact.id, RECEIPT_KIND.delivered, [content.id]);
    await this.#groups.sessionReady({ contact, record });
  }

  static #safeName(name: string | undefined): string {
    try {
      return Client.#checkName(name ?? '');
    } catch {
      return 'New contact';
    }
  }

  #incomingRow(conversationId: string, contactId: string, content: Extract<Content, { kind: 'text' | 'rich' }>, body: Uint8Array = utf8(content.text)) {
    return { id: b64(content.id), conversationId, sender: contactId, timestamp: content.sentAt, body, delivery: 'received' as const };
  }

  #deliverIncoming(stored: StoredMessage, contact: Contact): void {
    this.#counters.received++;
    this.#emit({ type: 'message', message: this.#messageInfo(stored, new Map([[contact.id, contact.name]])) });
  }

  async #receiveFromContact(contactId: string, envelope: Buffer): Promise<void> {
    const c = await this.#loadContact(contactId);
    if (!c) throw new UnknownContactError(contactId);
    if (c.record.identityChanged) throw new ContactIdentityChangedError(c.contact.name);
    const conversationId = c.record.conversationId;
    const bytes = await this.#store.getSession(conversationId);
    if (!bytes) throw new NotConnectedError(c.contact.name);
    const session = deserializeSession(bytes);
    const { state, plaintext } = decryptMessage(session, envelope, { rng: this.#rng });
    const sessionWrite = [{ conversationId, state: serializeSession(state) }];
    wipeSession(state);
    let content: Content;
    try {
      content = decodeContent(plaintext);
    } catch (e) {
      // It decrypted, so the ratchet moved on: keep the step, drop the content.
      await this.#store.commit({ sessions: sessionWrite });
      throw e;
    }
    switch (content.kind) {
      case 'text':
      case 'rich': {
        const known = await this.#store.getMessage(conversationId, b64(content.id));
        const body = await this.#actions.incomingBody(conversationId, content);
        const stored = await this.#store.commit({ sessions: sessionWrite, ...(known ? {} : { message: this.#incomingRow(conversationId, c.contact.id, content, body) }) });
        if (stored) {
          await this.#actions.saved(stored);
          this.#deliverIncoming(stored, c.contact);
          await this.#actions.arrived(stored);
        }
        await this.#sendReceipt(c.contact.id, RECEIPT_KIND.delivered, [content.id]);
        break;
      }
      case 'attachment': {
        const id = b64(content.id);
        const known = await this.#store.getMessage(conversationId, id);
        const body = await this.#actions.incomingBody(conversationId, content);
        const stored = await this.#store.commit({
          sessions: sessionWrite,
          ...(known ? {} : { message: { id, conversationId, sender: c.contact.id, timestamp: content.sentAt, body, delivery: 'received' as const } }),
        });
        if (stored) {
          await this.#actions.saved(stored);
          this.#deliverIncoming(stored, c.contact);
          if (!(await this.#actions.arrived(stored))) this.#attachments.autoDownload(id, content.attachment);
        }
        await this.#sendReceipt(c.contact.id, RECEIPT_KIND.delivered, [content.id]);
        break;
      }
      case 'edit':
      case 'delete':
      case 'reaction':
      case 'timer':
      case 'typing':
        await this.#store.commit({ sessions: sessionWrite });
        await this.#receiveControl(conversationId, c.contact.id, content);
        break;
      case 'profile': {
        const name = Client.#safeName(content.name);
        const record: ContactRecord = { ...c.record, selfName: name };
        // A group member we were introduced to is known by the name it chose.
        const shownName = record.hidden && c.record.selfName === undefined ? await this.#uniqueName(name) : c.contact.name;
        const contact = { ...c.contact, name: shownName, record: contactRecord.encode(record) };
        await this.#store.commit({ sessions: sessionWrite, contacts: [contact] });
        if (!record.hidden) this.#emit({ type: 'contact', contact: await this.#contactInfo({ contact, record }) });
        break;
      }
      case 'group':
        await this.#groups.receivePairwise(c, sessionWrite[0]!.state, content.payload);
        break;
      case 'receipt': {
        await this.#store.commit({ sessions: sessionWrite });
        // With read receipts off we neither send nor take in read state (as Signal does).
        if (content.receipt === RECEIPT_KIND.read && !this.#settings.readReceipts) break;
        const state = content.receipt === RECEIPT_KIND.read ? 'read' : 'delivered';
        // An id that is not a message of this conversation may be one of our group messages (docs/groups.md "Receipts").
        const elsewhere: string[] = [];
        for (const id of content.messageIds) {
          if (await this.#store.getMessage(conversationId, b64(id))) await this.#advanceDelivery(conversationId, b64(id), state);
          else elsewhere.push(b64(id));
        }
        if (elsewhere.length === 0) break;
        const member = toHex(contactIdentityKey(c.record));
        for (const r of await this.#groupReceipts.receive(member, elsewhere, state, (id) => this.#groups.otherMembers(id))) await this.#advanceDelivery(r.conversationId, r.id, r.state);
        break;
      }
    }
  }

  // ---- reading ----------------------------------------------------------------------------------

  #messageInfo(m: StoredMessage, names: ReadonlyMap<string, string>): MessageInfo {
    const outgoing = m.sender === ME;
    let body: ReturnType<typeof decodeBody>;
    try {
      body = decodeBody(m.body);
    } catch {
      body = { text: text(m.body), header: {}, payload: Buffer.from(m.body) };
    }
    const h = body.header;
    const nameOf = (sender: string): string => (sender === ME ? this.#settings.name : (names.get(sender) ?? 'unknown'));
    const attachment = h.deleted ? undefined : attachmentOfRow(body.payload);
    attachment?.key.fill(0);
    return {
      id: m.id,
      conversationId: m.conversationId,
      seq: m.seq,
      outgoing,
      senderId: outgoing ? undefined : m.sender,
      senderName: nameOf(m.sender),
      text: attachment ? `📎 ${attachment.name}` : body.text,
      sentAt: m.timestamp,
      state: toDeliveryState(m.delivery === 'read' && outgoing && !this.#settings.readReceipts ? 'delivered' : m.delivery),
      ...(attachment ? { attachment: this.#attachments.info(m.id, attachment) } : {}),
      ...(h.edited !== undefined ? { edited: true } : {}),
      ...(h.deleted ? { deleted: true } : {}),
      ...(h.reactions ? { reactions: Object.entries(h.reactions).map(([who, emoji]) => ({ emoji, senderId: who === ME ? undefined : who, senderName: nameOf(who) })) } : {}),
      ...(h.replyTo !== undefined ? { replyTo: { id: h.replyTo, text: undefined, senderName: undefined } } : {}),
      ...(h.expiresAt !== undefined ? { expiresAt: h.expiresAt } : {}),
      ...(h.expiresIn !== undefined && h.expiresAt === undefined ? { expiresIn: h.expiresIn } : {}),
      ...(h.timer !== undefined ? { timer: h.timer } : {}),
    };
  }

  async #nameOf(): Promise<(sender: string) => string> {
    const names = await this.#names();
    return (sender) => (sender === ME ? this.#settings.name : (names.get(sender) ?? 'unknown'));
  }

  async #names(): Promise<Map<string, string>> {
    return new Map((await this.#store.listContacts()).map((c) => [c.id, c.name]));
  }

  /** A page of a conversation, oldest first; page back with `before: page[0].seq`. */
  async history(target: string, options: HistoryOptions = {}): Promise<MessageInfo[]> {
    const { conversationId } = await this.#conversationOf(target);
    const rows = await this.#store.history(conversationId, { limit: options.limit ?? 50, ...(options.before !== undefined ? { before: options.before } : {}) });
    const names = await this.#names();
    return this.#actions.withQuotes(
      rows.reverse().map((m) => this.#messageInfo(m, names)),
      await this.#nameOf(),
    );
  }

  /** Every query word must prefix a word of the message; newest first. */
  async search(query: string, options: { limit?: number } = {}): Promise<MessageInfo[]> {
    const rows = await this.#store.search(query, { limit: options.limit ?? 50 });
    const names = await this.#names();
    return rows.map((m) => this.#messageInfo(m, names));
  }

  async conversations(): Promise<ConversationInfo[]> {
    const out: ConversationInfo[] = [];
    const names = await this.#names();
    for (const c of await this.#allContacts()) {
      if (c.record.hidden) continue;
      const recent = await this.#store.history(c.record.conversationId, { limit: UNREAD_SCAN });
      const unread = recent.filter((m) => m.sender !== ME && m.delivery === 'received').length;
      const last = recent[0];
      out.push({ id: c.record.conversationId, kind: 'direct', name: c.contact.name, unread, lastMessage: last && this.#messageInfo(last, names) });
    }
    out.push(...(await this.#groups.conversations(names)));
    return out.sort((a, b) => (b.lastMessage?.sentAt ?? 0) - (a.lastMessage?.sentAt ?? 0));
  }

  /** Marks what the contact (or the group's members) sent as read, and tells the senders so if read receipts are on. */
  markRead(target: string): Promise<void> {
    return this.#serial(async () => {
      const { conversationId, contact: c } = await this.#conversationOf(target);
      const recent = await this.#store.history(conversationId, { limit: UNREAD_SCAN });
      const unread = recent.filter((m) => m.sender !== ME && m.delivery === 'received');
      await this.#actions.markRead(conversationId, unread);
      if (unread.length === 0 || !this.#settings.readReceipts) return;
      if (c) return this.#receiptIfConnected(c, RECEIPT_KIND.read, unread.map((m) => unb64(m.id)));
      // A group's: each author hears, pairwise, which of its messages we read; the other members learn nothing.
      if (!receiptsCounted((await this.#groups.otherMembers(conversationId))?.size ?? 0)) return;
      const byAuthor = new Map<string, Buffer[]>();
      for (const m of unread) byAuthor.set(m.sender, [...(byAuthor.get(m.sender) ?? []), unb64(m.id)]);
      for (const [senderId, ids] of byAuthor) {
        const author = await this.#groups.senderContact(senderId);
        if (author) await this.#receiptIfConnected(author, RECEIPT_KIND.read, ids);
      }
    });
  }

  // ---- groups (issue 6; src/client/groups.ts) ---------------------------------------------------

  /** Creates a group with us as its admin and `members` (contact names or ids) as members. */
  createGroup(name: string, members: readonly string[]): Promise<GroupInfo> {
    return this.#serial(() => this.#groups.create(Client.#checkName(name), members));
  }

  /** Adds a contact to a group (admins only); the other members are introduced to it. */
  addToGroup(group: string, member: string): Promise<GroupInfo> {
    return this.#serial(() => this.#groups.add(group, member));
  }

  /** Removes a member (admins only); everyone left makes a new sender key the removed one never gets. */
  removeFromGroup(group: string, member: string): Promise<GroupInfo> {
    return this.#serial(() => this.#groups.remove(group, member));
  }

  /** Renames a group (admins only). */
  renameGroup(group: string, name: string): Promise<GroupInfo> {
    return this.#serial(() => this.#groups.rename(group, Client.#checkName(name)));
  }

  /** Makes a member an admin or a plain member again (admins only). */
  setGroupAdmin(group: string, member: string, admin: boolean): Promise<GroupInfo> {
    return this.#serial(() => this.#groups.setAdmin(group, member, admin));
  }

  leaveGroup(group: string): Promise<GroupInfo> {
    return this.#serial(() => this.#groups.leave(group));
  }

  groups(): Promise<GroupInfo[]> {
    return this.#groups.list();
  }

  groupMembers(group: string): Promise<GroupMemberInfo[]> {
    return this.#groups.members(group);
  }

  // ---- profile ----------------------------------------------------------------------------------

  setName(name: string): Promise<void> {
    return this.#serial(async () => {
      const settings = { ...this.#settings, name: Client.#checkName(name) };
      await this.#store.putSetting(SETTINGS.profile, profileSettings.encode(settings));
      this.#settings = settings;
    });
  }

  /** Changes the relay future invitations use (existing contacts keep their queues). */
  setRelay(relay: string): Promise<void> {
    return this.#serial(async () => {
      const settings = { ...this.#settings, relay: parseRelayAddress(relay).text };
      await this.#store.putSetting(SETTINGS.profile, profileSettings.encode(settings));
      await this.#store.deleteSetting(SETTINGS.spareQueues);
      this.#settings = settings;
    });
  }

  async changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void> {
    if (!(this.#store instanceof LanceStore)) throw new SaltlineError('NOT_SUPPORTED', 'an in-memory profile has no passphrase');
    await this.#store.changePassphrase(oldPassphrase, newPassphrase);
  }

  /** Writes an encrypted backup of the whole profile; `onProgress` gets items done of about `total`. */
  async exportBackup(file: string, passphrase: string, onProgress?: (done: number, total: number) => void): Promise<void> {
    const store = this.#store;
    if (!(store instanceof LanceStore)) throw new SaltlineError('NOT_SUPPORTED', 'an in-memory profile cannot be exported');
    let total = 1 + (await store.listContacts()).length + (await store.listOutbox()).length;
    for (const c of await store.listConversations()) total += 2 + ((await store.history(c.id, { limit: 1 }))[0]?.seq ?? 0);
    await this.#serial(() => exportProfile(store, file, passphrase, { onProgress: (p) => onProgress?.(Math.min(p.items, total), total) }));
  }

  async close(): Promise<void> {
    if (this.#closed || this.#closing) return;
    this.#closing = true;
    clearInterval(this.#sweepTimer);
    this.#sender?.stop();
    for (const s of this.#subscriptions.values()) s.close();
    this.#subscriptions.clear();
    await this.#lock;
    await this.#attachments.close();
    this.#closed = true;
    this.#relayClient?.close();
    if (this.#attachmentsTemp !== undefined) await rm(this.#attachmentsTemp, { recursive: true, force: true });
    await this.#store.close();
    this.#identity.signing.secretKey.wipe();
    this.#identity.dh.secretKey.wipe();
  }
}

function toDeliveryState(s: StoreDeliveryState): DeliveryState {
  return s === 'pending' ? DELIVERY_STATE.sending : s;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
