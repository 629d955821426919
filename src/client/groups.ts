/**
 * Groups in the SDK (issue 6 item 6; docs/groups.md "What the client must do" and
 * "Introductions"): the client side of the pure group protocol in src/protocol/group.
 *
 * - A group is a conversation (id = the group id, base64url) whose session slot holds the group
 *   record (`GroupRecord`: the protocol's serialized group plus what the client waits on), so each
 *   change of group state commits atomically with the message row, the 1:1 ratchet steps and the
 *   envelopes it produced.
 * - Pairwise payloads travel inside 1:1 sessions as the `group` content kind; their sender is the
 *   session's authenticated peer, never a field of the payload.
 * - Addresses: the creator lists a fresh queue of its own; every other member is listed with the
 *   queue it made for the admin who added it. Envelopes are routed by their type byte (1/2 → 1:1
 *   session, 3 → group message, 4 → introduction), whatever queue they arrive on.
 * - Members without a 1:1 session are introduced (whoever first has something for the other
 *   invites, with an ordinary one-time invitation on a fresh queue; the lower identity key's wins
 *   if both do) and stored as hidden contacts; what waits for them goes out once the session exists.
 * - Scale (1,000 members): our sender key and passed-on changes are not worth an introduction on
 *   their own — they wait until we first send (`owesKey`), so members who only read set up no
 *   sessions with each other. Decoded groups are cached while the client is open, found by key id
 *   for each incoming group message; nothing on the message path walks all members or contacts.
 *
 * Every method runs under the client's lock.
 */
import { bytesEqual, fromBase64Url, SaltlineError, toBase64Url, toHex, type IdentityPublicKey, type Rng } from '../crypto/index.js';
import {
  decodeContent,
  decodePublicIdentity,
  deserializeSession,
  encodeContent,
  encryptMessage,
  maxPlaintextBytes,
  serializeSession,
  wipeSession,
  type Content,
  type Identity,
  type Invitation,
} from '../protocol/index.js';
import {
  changeGroup,
  checkIntroduction,
  createGroup as protocolCreateGroup,
  decryptGroupMessage,
  deserializeGroup,
  encryptGroupMessage,
  groupEnvelopeKeyId,
  groupRecipients,
  introductionRole,
  isAdmin,
  isMember,
  leaveGroup as protocolLeaveGroup,
  openIntroduction,
  parseFragment,
  peekGroupPayload,
  reassemble,
  receiveGroupPayload,
  ROLE,
  sealIntroduction,
  senderKeyPayloadFor,
  serializeGroup,
  updateChangeSigners,
  type Group,
  type GroupEvent,
  type GroupOp,
  type Outgoing,
} from '../protocol/group/index.js';
import type { AttachmentDescriptor } from '../protocol/attachmentContent.js';
import { InvalidFrameError } from '../protocol/errors.js';
import type { Contact, OutboxEntry, Store, StoredMessage } from '../store/types.js';
import { deliveryAddressOf, deserializeRecipientQueue, encodeQueueAddress, serializeRecipientQueue, type RecipientQueue } from '../transport/index.js';
import { ContactIdentityChangedError, NotConnectedError, UnknownContactError } from './errors.js';
import { receiptsCounted } from './groupReceipts.js';
import { OUTBOX_KIND, outboxEntry } from './outboxStore.js';
import { contactIdentityKey, contactRecord, groupConversation, groupInbox, groupRecord, SETTINGS, type ContactRecord, type GroupInbox, type GroupRecord } from './records.js';
import type { ClientEvent, ConversationInfo, MessageInfo } from './types.js';

/** A contact with its decoded record. */
export interface ContactView {
  readonly contact: Contact;
  readonly record: ContactRecord;
}

export interface GroupInfo {
  readonly id: string;
  readonly name: string;
  readonly members: number;
  /** Our role; `left` once we left or were removed. */
  readonly role: 'admin' | 'member' | 'left';
}

export interface GroupMemberInfo {
  /** Base64url identity key. */
  readonly identityKey: string;
  /** The contact's name, or the name the member chose for itself, or a short key for someone we have not heard from. */
  readonly name: string;
  readonly role: 'admin' | 'member';
  readonly self: boolean;
  /** A contact the user added (not only a group member we were introduced to). */
  readonly contact: boolean;
}

/** What the client lends the group logic (its private parts, behind the lock). */
export interface GroupHost {
  readonly store: Store;
  readonly identity: Identity;
  readonly rng: Rng;
  now(): number;
  /** A queue of ours on our relay (a spare one if there is one). */
  takeQueue(): Promise<RecipientQueue>;
  registerGroupQueue(queue: RecipientQueue, conversationId: string): void;
  /** Makes a one-time invitation on a fresh queue that only `member` may answer. */
  introductionInvitation(member: IdentityPublicKey): Promise<{ invitation: Invitation; id: string }>;
  /** Accepts an introduction's invitation: a hidden contact, our profile sent as the first message. */
  acceptIntroduction(invitation: Invitation): Promise<ContactView>;
  contacts(): Promise<ContactView[]>;
  messageInfo(m: StoredMessage, names: ReadonlyMap<string, string>): MessageInfo;
  emit(event: ClientEvent): void;
  /** Wakes the outbox sender, if running. */
  kick(): Promise<void>;
  /** An attachment arrived in a group message (issue 8): fetch it if small. */
  receivedAttachment(messageId: string, attachment: AttachmentDescriptor): void;
  // Issue 8 (src/client/messageActions.ts):
  /** The body to store for a text or file that arrived (reply, expiry). */
  incomingBody(conversationId: string, content: Extract<Content, { kind: 'text' | 'rich' | 'attachment' }>): Promise<Uint8Array>;
  /** After a message row was saved. */
  saved(m: StoredMessage): Promise<void>;
  /** After a received message was saved and announced: applies controls that arrived for it early; true when one deleted it. */
  arrived(m: StoredMessage): Promise<boolean>;
  /** An edit, deletion, reaction, timer or typing message from an authenticated member (`senderId` as its messages are stored). */
  receiveControl(conversationId: string, senderId: string, content: Extract<Content, { kind: 'edit' | 'delete' | 'reaction' | 'timer' | 'typing' }>): Promise<void>;
  // Group receipts (src/client/groupReceipts.ts):
  /** Tells `author`, over our 1:1 session with it, that its group message arrived (skipped without a usable session). */
  deliveredTo(author: ContactView, messageId: Buffer): Promise<void>;
  /** Our group message `messageId` is about to go to `members` (identity keys, hex). */
  sentTo(conversationId: string, messageId: string, members: readonly string[]): Promise<void>;
  /** A group's membership may have changed: `members` are its other members now (identity keys, hex). */
  membersChanged(conversationId: string, members: ReadonlySet<string>): Promise<void>;
}

interface LoadedGroup {
  readonly conversationId: string;
  readonly record: GroupRecord;
  readonly group: Group;
}

/** The 1:1 ratchet steps and envelopes of one piece of work, committed together with the group record. */
interface Batch {
  readonly sessions: Map<string, Uint8Array>;
  readonly outbox: OutboxEntry[];
}

const ME = 'me';
/*
 * The group inbox is one setting (≤ 16 MiB in the store): payloads and introductions kept for
 * groups not held yet (each ≤ 64 KiB), group messages waiting for a key (≤ 64 KiB each) and
 * fragments being collected are bounded so that together they stay well under that.
 */
const MAX_INBOX_ITEMS = 64;
const MAX_WAITING_PER_MEMBER = 256;
const MAX_EARLY_PAYLOAD_BYTES = 64 * 1024;
const MAX_EARLY_MESSAGES = 32;
const MAX_FRAGMENT_SETS = 8;
const MAX_FRAGMENT_CHARS = 6 * 1024 * 1024;
const UNREAD_SCAN = 200;

const b64 = (b: Uint8Array): string => toBase64Url(b);
function unb64(s: string): Buffer {
  const b = fromBase64Url(s);
  if (!b) throw new InvalidFrameError('bad base64url in a group record');
  return b;
}
const sameName = (a: string, b: string): boolean => a.localeCompare(b, undefined, { sensitivity: 'accent' }) === 0;
const identityKeyOf = (c: ContactView): Buffer => contactIdentityKey(c.record);

export class UnknownGroupError extends SaltlineError {
  constructor(target: string) {
    super('UNKNOWN_GROUP', `no group named "${target}"`);
  }
}

export class NotGroupMemberError extends SaltlineError {
  constructor(what: string) {
    super('NOT_A_MEMBER', what);
  }
}

export class Groups {
  readonly #host: GroupHost;
  /** Decoded groups by conversation id. An entry is dropped before the protocol consumes its group and set again once the result is committed. */
  readonly #cache = new Map<string, LoadedGroup>();
  #ids: Set<string> | undefined;
  /** Contact id by member identity key (hex), checked against the stored contact on each use. */
  #contactIds: Map<string, string> | undefined;

  constructor(host: GroupHost) {
    this.#host = host;
  }

  get #store(): Store {
    return this.#host.store;
  }

  get #self(): IdentityPublicKey {
    return this.#host.identity.publicIdentity.identityKey;
  }

  /** The group's id is its conversation's id (the group id in base64url). */
  #changed(conversationId: string): void {
    this.#host.emit({ type: 'groupChanged', groupId: conversationId, conversationId });
  }

  // ---- records ----------------------------------------------------------------------------------

  async #conversationIds(): Promise<string[]> {
    if (this.#ids) return [...this.#ids];
    const out: string[] = [];
    for (const c of await this.#store.listConversations()) {
      if (c.meta.length === 0) continue;
      try {
        groupConversation.decode(c.meta);
        out.push(c.id);
      } catch {
        // not a group's conversation
      }
    }
    this.#ids = new Set(out);
    return out;
  }

  async #putGroupConversation(conversationId: string, name: string): Promise<void> {
    await this.#store.putConversation({ id: conversationId, title: name, memberIds: [], createdAt: this.#host.now(), meta: groupConversation.encode({ v: 1, kind: 'group', groupId: conversationId }) });
    this.#ids?.add(conversationId);
  }

  async #load(conversationId: string): Promise<LoadedGroup | undefined> {
    const cached = this.#cache.get(conversationId);
    if (cached) return cached;
    const bytes = await this.#store.getSession(conversationId);
    if (!bytes) return undefined;
    const record = groupRecord.decode(bytes);
    const loaded = { conversationId, record, group: deserializeGroup(unb64(record.group)) };
    this.#cache.set(conversationId, loaded);
    return loaded;
  }

  /** Call before handing a cached group to a protocol function that consumes it: if anything fails before the commit, the next use reads the store. */
  #consume(conversationId: string): void {
    this.#cache.delete(conversationId);
  }

  async #all(): Promise<LoadedGroup[]> {
    const out: LoadedGroup[] = [];
    for (const id of await this.#conversationIds()) {
      const g = await this.#load(id);
      if (g) out.push(g);
    }
    return out;
  }

  /** A group by conversation id or name (case-insensitive), or undefined. */
  async find(target: string): Promise<LoadedGroup | undefined> {
    const all = await this.#all();
    return all.find((g) => g.conversationId === target) ?? all.find((g) => sameName(g.group.state.name, target));
  }

  async #get(target: string): Promise<LoadedGroup> {
    const g = await this.find(target);
    if (!g) throw new UnknownGroupError(target);
    return g;
  }

  /** Queues made for groups (registered when the profile opens). */
  async queues(): Promise<{ queue: RecipientQueue; conversationId: string }[]> {
    const out: { queue: RecipientQueue; conversationId: string }[] = [];
    for (const g of await this.#all()) if (g.record.queue) out.push({ queue: deserializeRecipientQueue(unb64(g.record.queue)), conversationId: g.conversationId });
    return out;
  }

  async #commit(g: { conversationId: string; record: GroupRecord }, group: Group, batch: Batch, message?: Parameters<Store['commit']>[0]['message']): Promise<StoredMessage | undefined> {
    const record: GroupRecord = { ...g.record, group: b64(serializeGroup(group)) };
    this.#consume(g.conversationId);
    const stored = await this.#store.commit({
      sessions: [{ conversationId: g.conversationId, state: groupRecord.encode(record) }, ...[...batch.sessions].map(([conversationId, state]) => ({ conversationId, state }))],
      ...(batch.outbox.length > 0 ? { outbox: batch.outbox } : {}),
      ...(message ? { message } : {}),
    });
    this.#cache.set(g.conversationId, { conversationId: g.conversationId, record, group });
    await this.#host.kick();
    return stored;
  }

  // ---- pairwise plumbing ------------------------------------------------------------------------

  async #contactFor(key: Uint8Array): Promise<ContactView | undefined> {
    return (await this.#host.contacts()).find((c) => bytesEqual(identityKeyOf(c), key));
  }

  /** `#contactFor` without reading every contact: by the cached id, rebuilt if it is missing or stale. */
  async #knownContact(key: Uint8Array): Promise<ContactView | undefined> {
    const hex = toHex(key);
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.#contactIds || attempt === 1) this.#contactIds = new Map((await this.#host.contacts()).map((c) => [toHex(identityKeyOf(c)), c.contact.id]));
      const id = this.#contactIds.get(hex);
      const contact = id === undefined ? undefined : await this.#store.getContact(id);
      if (contact) {
        const view = { contact, record: contactRecord.decode(contact.record) };
        if (bytesEqual(identityKeyOf(view), key)) return view;
      }
    }
    return undefined;
  }

  /** Encrypts one pairwise payload over the 1:1 session with `c` into the batch; false if there is no usable session. */
  async #seal(batch: Batch, c: ContactView, payload: Buffer): Promise<boolean> {
    if (c.record.identityChanged) return false;
    const conversationId = c.record.conversationId;
    const bytes = batch.sessions.get(conversationId) ?? (await this.#store.getSession(conversationId));
    if (!bytes) return false;
    const session = deserializeSession(bytes);
    const content: Content = { kind: 'group', id: this.#host.rng(16), sentAt: this.#host.now(), payload };
    const plaintext = encodeContent(content);
    if (plaintext.length > maxPlaintextBytes(session)) {
      wipeSession(session);
      throw new InvalidFrameError('group payload larger than a 1:1 message');
    }
    const { state, envelope } = encryptMessage(session, plaintext, { rng: this.#host.rng });
    batch.sessions.set(conversationId, serializeSession(state));
    wipeSession(state);
    batch.outbox.push(outboxEntry({ id: b64(content.id), conversationId, kind: OUTBOX_KIND.control, to: unb64(c.record.peerAddress), envelope, createdAt: this.#host.now() }));
    return true;
  }

  /**
   * Hands each outgoing payload to its member's 1:1 session, or keeps it (and introduces us) until
   * there is one. Our key or passed-on changes for a member without a session wait until we send
   * (`owesKey`) unless `eager`.
   */
  async #dispatch(batch: Batch, g: { conversationId: string; record: GroupRecord }, group: Group, outgoing: readonly Outgoing[], eager = false): Promise<GroupRecord> {
    const waiting = { ...g.record.waiting };
    const introduced = { ...g.record.introduced };
    let owesKey = g.record.owesKey === true;
    const byKey = new Map(outgoing.length > 0 ? (await this.#host.contacts()).map((c) => [toHex(identityKeyOf(c)), c]) : []);
    for (const o of outgoing) {
      const key = o.to.identity.identityKey;
      const hex = toHex(key);
      const c = byKey.get(hex);
      if (!c && !eager && waiting[hex] === undefined && (updateChangeSigners(o.payload)?.every((s) => !bytesEqual(s, this.#self)) ?? false)) {
        owesKey = true;
        continue;
      }
      const queued = [...(waiting[hex] ?? []), b64(o.payload)];
      let sent = 0;
      if (c) while (sent < queued.length && (await this.#seal(batch, c, unb64(queued[sent]!)))) sent++;
      if (sent === queued.length) {
        delete waiting[hex];
        continue;
      }
      // Bounded: the oldest go first (members catch up on changes and keys by asking).
      waiting[hex] = queued.slice(sent).slice(-MAX_WAITING_PER_MEMBER);
      if (!c && introduced[hex] === undefined && isMember(group.state, key) && isMember(group.state, this.#self)) {
        const { invitation, id } = await this.#host.introductionInvitation(key);
        const sealed = sealIntroduction(group.state, this.#host.identity, key, invitation, { rng: this.#host.rng });
        batch.outbox.push(outboxEntry({ id: b64(this.#host.rng(16)), conversationId: g.conversationId, kind: OUTBOX_KIND.control, to: o.to.address, envelope: sealed, createdAt: this.#host.now() }));
        introduced[hex] = id;
      }
    }
    return { ...g.record, waiting, introduced, owesKey };
  }

  /** Before we send: our current key (and introductions) for every member without a session (`owesKey`). */
  async #payKeys(g: LoadedGroup): Promise<LoadedGroup> {
    if (g.record.owesKey !== true || !isMember(g.group.state, this.#self)) return g;
    const contacts = new Set((await this.#host.contacts()).map((c) => toHex(identityKeyOf(c))));
    const outgoing: Outgoing[] = [];
    for (const [hex, m] of g.group.state.members) {
      if (hex === toHex(this.#self) || contacts.has(hex)) continue;
      outgoing.push({ to: m, payload: senderKeyPayloadFor(g.group, m.identity.identityKey) });
    }
    const batch: Batch = { sessions: new Map(), outbox: [] };
    const record = await this.#dispatch(batch, g, g.group, outgoing, true);
    await this.#commit({ conversationId: g.conversationId, record: { ...record, owesKey: false } }, g.group, batch);
    return (await this.#load(g.conversationId))!;
  }

  /** A 1:1 session with `c` now exists: send what waited for it in every group (and our key, if held back). */
  async sessionReady(c: ContactView): Promise<void> {
    const hex = toHex(identityKeyOf(c));
    this.#contactIds?.set(hex, c.contact.id);
    const key = identityKeyOf(c);
    for (const g of await this.#all()) {
      // A key we held back (`owesKey`) goes over the new session now: nothing else will send it.
      const owed = g.record.owesKey === true && !bytesEqual(key, this.#self) && isMember(g.group.state, key) && isMember(g.group.state, this.#self);
      const waiting = [...(g.record.waiting[hex] ?? []), ...(owed ? [b64(senderKeyPayloadFor(g.group, key))] : [])];
      if (waiting.length === 0) continue;
      const batch: Batch = { sessions: new Map(), outbox: [] };
      let sent = 0;
      for (const p of waiting) {
        if (!(await this.#seal(batch, c, unb64(p)))) break;
        sent++;
      }
      const rest = waiting.slice(sent);
      const nextWaiting = { ...g.record.waiting };
      if (rest.length > 0) nextWaiting[hex] = rest;
      else delete nextWaiting[hex];
      const introduced = { ...g.record.introduced };
      delete introduced[hex];
      await this.#commit({ conversationId: g.conversationId, record: { ...g.record, waiting: nextWaiting, introduced } }, g.group, batch);
    }
  }

  // ---- making and changing groups ---------------------------------------------------------------

  async #memberContact(target: string): Promise<ContactView> {
    const all = (await this.#host.contacts()).filter((c) => !c.record.hidden);
    const c = all.find((x) => x.contact.id === target) ?? all.find((x) => sameName(x.contact.name, target));
    if (!c) throw new UnknownContactError(target);
    if (c.record.identityChanged) throw new ContactIdentityChangedError(c.contact.name);
    if (!(await this.#store.getSession(c.record.conversationId))) throw new NotConnectedError(c.contact.name);
    return c;
  }

  async create(name: string, members: readonly string[]): Promise<GroupInfo> {
    const contacts: ContactView[] = [];
    for (const m of members) {
      const c = await this.#memberContact(m);
      if (!contacts.includes(c) && !contacts.some((x) => x.contact.id === c.contact.id)) contacts.push(c);
    }
    const queue = await this.#host.takeQueue();
    const created = protocolCreateGroup(
      this.#host.identity,
      {
        name,
        address: encodeQueueAddress(deliveryAddressOf(queue)),
        members: contacts.map((c) => ({ identity: decodePublicIdentity(unb64(c.record.identity)), address: unb64(c.record.peerAddress) })),
      },
      { rng: this.#host.rng },
    );
    const conversationId = b64(created.group.state.groupId);
    await this.#putGroupConversation(conversationId, name);
    const batch: Batch = { sessions: new Map(), outbox: [] };
    const base = { conversationId, record: { v: 1 as const, group: '', queue: b64(serializeRecipientQueue(queue)), waiting: {}, introduced: {} } };
    const record = await this.#dispatch(batch, base, created.group, created.outgoing);
    await this.#commit({ conversationId, record }, created.group, batch);
    this.#host.registerGroupQueue(queue, conversationId);
    this.#changed(conversationId);
    return this.#info({ conversationId, record, group: created.group });
  }

  async #change(target: string, ops: (g: LoadedGroup) => Promise<GroupOp[]>): Promise<GroupInfo> {
    const g = await this.#get(target);
    if (!isMember(g.group.state, this.#self)) throw new NotGroupMemberError(`you are no longer a member of ${g.group.state.name}`);
    const list = await ops(g);
    this.#consume(g.conversationId);
    const r = changeGroup(g.group, this.#host.identity, list, { rng: this.#host.rng });
    return this.#afterOwnChange(g, r);
  }

  async #afterOwnChange(g: LoadedGroup, r: { group: Group; outgoing: readonly Outgoing[] }): Promise<GroupInfo> {
    const batch: Batch = { sessions: new Map(), outbox: [] };
    const record = await this.#dispatch(batch, g, r.group, r.outgoing);
    await this.#commit({ conversationId: g.conversationId, record }, r.group, batch);
    this.#changed(g.conversationId);
    await this.#membershipMayHaveChanged(g.conversationId);
    return this.#info({ conversationId: g.conversationId, record, group: r.group });
  }

  add(target: string, member: string): Promise<GroupInfo> {
    return this.#change(target, async (g) => {
      const c = await this.#memberContact(member);
      if (isMember(g.group.state, identityKeyOf(c))) throw new SaltlineError('ALREADY_A_MEMBER', `${c.contact.name} is already a member of ${g.group.state.name}`);
      return [{ kind: 'add', identity: decodePublicIdentity(unb64(c.record.identity)), role: ROLE.member, address: unb64(c.record.peerAddress) }];
    });
  }

  remove(target: string, member: string): Promise<GroupInfo> {
    return this.#change(target, async (g) => {
      const m = (await this.#memberInfos(g)).find((x) => !x.self && (sameName(x.name, member) || x.identityKey === member));
      if (!m) throw new SaltlineError('NOT_A_MEMBER', `${member} is not a member of ${g.group.state.name}`);
      return [{ kind: 'remove', member: unb64(m.identityKey) as IdentityPublicKey }];
    });
  }

  rename(target: string, name: string): Promise<GroupInfo> {
    return this.#change(target, (g) => {
      if (name === g.group.state.name) throw new SaltlineError('SAME_NAME', `the group is already named ${name}`);
      return Promise.resolve([{ kind: 'rename', name }]);
    });
  }

  /** Makes a member an admin (`admin`) or a plain member again (admins only). */
  setAdmin(target: string, member: string, admin: boolean): Promise<GroupInfo> {
    return this.#change(target, async (g) => {
      const m = (await this.#memberInfos(g)).find((x) => sameName(x.name, member) || x.identityKey === member);
      if (!m) throw new SaltlineError('NOT_A_MEMBER', `${member} is not a member of ${g.group.state.name}`);
      if ((m.role === 'admin') === admin) throw new SaltlineError('SAME_ROLE', `${m.name} is already ${admin ? 'an admin' : 'a plain member'}`);
      return [{ kind: 'setRole', member: unb64(m.identityKey) as IdentityPublicKey, role: admin ? ROLE.admin : ROLE.member }];
    });
  }

  async leave(target: string): Promise<GroupInfo> {
    const g = await this.#get(target);
    if (!isMember(g.group.state, this.#self)) throw new NotGroupMemberError(`you are no longer a member of ${g.group.state.name}`);
    this.#consume(g.conversationId);
    return this.#afterOwnChange(g, protocolLeaveGroup(g.group, this.#host.identity, { rng: this.#host.rng }));
  }

  // ---- reading ----------------------------------------------------------------------------------

  #info(g: LoadedGroup): GroupInfo {
    const s = g.group.state;
    const role = !isMember(s, this.#self) ? 'left' : isAdmin(s, this.#self) ? 'admin' : 'member';
    return { id: g.conversationId, name: s.name, members: s.members.size, role };
  }

  async list(): Promise<GroupInfo[]> {
    return (await this.#all()).map((g) => this.#info(g)).sort((a, b) => a.name.localeCompare(b.name));
  }

  async #memberInfos(g: LoadedGroup): Promise<GroupMemberInfo[]> {
    const contacts = await this.#host.contacts();
    const out: GroupMemberInfo[] = [];
    for (const m of g.group.state.members.values()) {
      const key = m.identity.identityKey;
      const self = bytesEqual(key, this.#self);
      const c = contacts.find((x) => bytesEqual(identityKeyOf(x), key));
      const name = self ? 'you' : c ? (c.record.hidden ? (c.record.selfName ?? c.contact.name) : c.contact.name) : `member ${b64(key).slice(0, 8)}`;
      out.push({ identityKey: b64(key), name, role: m.role === ROLE.admin ? 'admin' : 'member', self, contact: c !== undefined && !c.record.hidden });
    }
    return out.sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
  }

  async members(target: string): Promise<GroupMemberInfo[]> {
    return this.#memberInfos(await this.#get(target));
  }

  async conversations(names: ReadonlyMap<string, string>): Promise<ConversationInfo[]> {
    const out: ConversationInfo[] = [];
    for (const g of await this.#all()) {
      const recent = await this.#store.history(g.conversationId, { limit: UNREAD_SCAN });
      const last = recent[0];
      out.push({
        id: g.conversationId,
        kind: 'group',
        name: g.group.state.name,
        unread: recent.filter((m) => m.sender !== ME && m.delivery === 'received').length,
        lastMessage: last && this.#host.messageInfo(last, names),
      });
    }
    return out;
  }

  // ---- messages ---------------------------------------------------------------------------------

  /** Encrypts once and queues the same envelope for every other member, with the row and the group record in one commit. */
  async send(g: LoadedGroup, text: string): Promise<StoredMessage> {
    const content: Content = { kind: 'text', id: this.#host.rng(16), sentAt: this.#host.now(), text };
    return (await this.sendContent(g, content, Buffer.from(text, 'utf8')))!;
  }

  /** Any content to every other member (texts, attachments, issue 8 control messages); with `body`, our row is saved with it. */
  async sendContent(found: LoadedGroup, content: Content, body: Uint8Array | undefined): Promise<StoredMessage | undefined> {
    if (!isMember(found.group.state, this.#self)) throw new NotGroupMemberError(`you are no longer a member of ${found.group.state.name}`);
    // Keys first: each one names the chain position this message is about to use.
    const g = await this.#payKeys(found);
    const recipients = groupRecipients(g.group);
    this.#consume(g.conversationId);
    const r = encryptGroupMessage(g.group, encodeContent(content), { rng: this.#host.rng });
    const id = b64(content.id);
    // Receipts are counted for what members see as messages (not for control messages or timer notices).
    if (body && (content.kind === 'text' || content.kind === 'rich' || content.kind === 'attachment')) {
      await this.#host.sentTo(g.conversationId, id, recipients.map((m) => toHex(m.identity.identityKey)));
    }
    const now = this.#host.now();
    const batch: Batch = {
      sessions: new Map(),
      outbox: recipients.map((m, i) =>
        outboxEntry({ id: i === 0 ? id : b64(this.#host.rng(16)), conversationId: g.conversationId, kind: i === 0 && body ? OUTBOX_KIND.message : OUTBOX_KIND.control, to: m.address, envelope: r.envelope, createdAt: now }),
      ),
    };
    return this.#commit(
      g,
      r.group,
      batch,
      body && {
        id,
        conversationId: g.conversationId,
        sender: ME,
        timestamp: content.sentAt,
        body,
        delivery: recipients.length === 0 ? 'sent' : 'pending',
      },
    );
  }

  /** A group message (envelope type 3), on whichever of our queues it arrived. */
  async receiveMessage(envelope: Buffer): Promise<void> {
    const keyId = groupEnvelopeKeyId(envelope);
    const g = (await this.#all()).find((x) => x.group.senderKeys.get(Buffer.from(keyId, 'hex')) !== undefined);
    if (!g) {
      // Its sender key may still be on its way (over a session being introduced): keep it a while.
      const inbox = await this.#inbox();
      const messages = inbox.early.filter((e) => e.kind === 'message');
      const drop = messages.length >= MAX_EARLY_MESSAGES ? messages[0] : undefined;
      await this.#saveInbox({ ...inbox, early: [...inbox.early.filter((e) => e !== drop), { groupId: '', kind: 'message', bytes: b64(envelope) }] });
      return;
    }
    await this.#decrypt(g, envelope);
  }

  async #decrypt(g: LoadedGroup, envelope: Buffer): Promise<void> {
    this.#consume(g.conversationId);
    let r;
    try {
      r = decryptGroupMessage(g.group, envelope);
    } catch (e) {
      // Refused: the protocol changed nothing, the decoded group is still good.
      this.#cache.set(g.conversationId, g);
      throw e;
    }
    let content: Content;
    try {
      content = decodeContent(r.plaintext);
    } catch (e) {
      await this.#commit(g, r.group, { sessions: new Map(), outbox: [] });
      throw e;
    }
    const sender = await this.#knownContact(r.sender.identity.identityKey);
    const senderId = sender?.contact.id ?? `member:${b64(r.sender.identity.identityKey)}`;
    if (content.kind === 'edit' || content.kind === 'delete' || content.kind === 'reaction' || content.kind === 'timer' || content.kind === 'typing') {
      // The sender is the one the group signature authenticated (issue 8).
      await this.#commit(g, r.group, { sessions: new Map(), outbox: [] });
      return this.#host.receiveControl(g.conversationId, senderId, content);
    }
    if (content.kind !== 'text' && content.kind !== 'rich' && content.kind !== 'attachment') {
      await this.#commit(g, r.group, { sessions: new Map(), outbox: [] });
      throw new InvalidFrameError('a group message must carry text or an attachment');
    }
    const id = b64(content.id);
    const known = await this.#store.getMessage(g.conversationId, id);
    const stored = await this.#commit(
      g,
      r.group,
      { sessions: new Map(), outbox: [] },
      known
        ? undefined
        : { id, conversationId: g.conversationId, sender: senderId, timestamp: content.sentAt, body: await this.#host.incomingBody(g.conversationId, content), delivery: 'received' },
    );
    if (stored) {
      await this.#host.saved(stored);
      const names = new Map(sender ? [[sender.contact.id, sender.record.hidden ? (sender.record.selfName ?? sender.contact.name) : sender.contact.name]] : []);
      this.#host.emit({ type: 'message', message: this.#host.messageInfo(stored, names) });
      const deleted = await this.#host.arrived(stored);
      if (content.kind === 'attachment' && !deleted) this.#host.receivedAttachment(id, content.attachment);
    }
    // Also for a copy we already had: the receipt may be what got lost. None in a group too big for its author to count them.
    if (sender && receiptsCounted(r.group.state.members.size - 1)) await this.#host.deliveredTo(sender, content.id);
  }

  /** A group's other members now (identity keys, hex), or undefined if we do not hold the group. */
  async otherMembers(conversationId: string): Promise<Set<string> | undefined> {
    const g = await this.#load(conversationId);
    if (!g) return undefined;
    const self = toHex(this.#self);
    return new Set([...g.group.state.members.keys()].filter((hex) => hex !== self));
  }

  /** The contact behind a group message's sender id (a contact id, or `member:` and an identity key for a member we had no contact for then). */
  async senderContact(senderId: string): Promise<ContactView | undefined> {
    if (!senderId.startsWith('member:')) {
      const contact = await this.#store.getContact(senderId);
      return contact && { contact, record: contactRecord.decode(contact.record) };
    }
    const key = fromBase64Url(senderId.slice('member:'.length));
    return key && key.length === 32 ? this.#knownContact(key) : undefined;
  }

  async #membershipMayHaveChanged(conversationId: string): Promise<void> {
    const members = await this.otherMembers(conversationId);
    if (members) await this.#host.membersChanged(conversationId, members);
  }

  // ---- introductions ----------------------------------------------------------------------------

  /** An introduction (envelope type 4): accept the invitation inside if it comes from a member of a group we hold. */
  async receiveIntroduction(envelope: Buffer): Promise<void> {
    const intro = openIntroduction(this.#host.identity, envelope);
    const g = await this.#load(b64(intro.groupId));
    if (!g) {
      await this.#keepEarly({ groupId: b64(intro.groupId), kind: 'introduction', bytes: b64(envelope) });
      return;
    }
    const inviter = checkIntroduction(g.group.state, this.#self, intro);
    const key = inviter.identity.identityKey;
    if (await this.#contactFor(key)) return;
    // Both of us invited at once: the lower identity key's invitation is the one used.
    if (introductionRole(this.#self, key) === 'invite' && (await this.#all()).some((x) => x.record.introduced[toHex(key)] !== undefined)) return;
    const c = await this.#host.acceptIntroduction(intro.invitation);
    await this.sessionReady(c);
  }

  // ---- pairwise payloads ------------------------------------------------------------------------

  /**
   * A `group` content that arrived over the 1:1 session with `from`; `session` is that session's
   * new state, committed with whatever the payload changes (or alone, if the payload is refused).
   */
  async receivePairwise(from: ContactView, session: Uint8Array, payload: Buffer): Promise<void> {
    const batch: Batch = { sessions: new Map([[from.record.conversationId, session]]), outbox: [] };
    let whole: Buffer | null = payload;
    if (peekGroupPayload(payload).kind === 'fragment') {
      whole = await this.#collectFragment(from, payload);
      if (!whole) {
        await this.#store.commit({ sessions: [{ conversationId: from.record.conversationId, state: session }] });
        return;
      }
    }
    await this.#handlePayload(identityKeyOf(from) as IdentityPublicKey, whole, batch);
  }

  async #handlePayload(from: IdentityPublicKey, payload: Buffer, batch: Batch): Promise<void> {
    const peek = peekGroupPayload(payload);
    const conversationId = b64(peek.groupId!);
    const g = await this.#load(conversationId);
    this.#consume(conversationId);
    let result;
    try {
      result = receiveGroupPayload(g?.group ?? null, from, payload, { rng: this.#host.rng, self: this.#self });
    } catch (e) {
      if (g) this.#cache.set(conversationId, g);
      await this.#commitSessionsOnly(batch);
      if (!g && peek.kind === 'update' && e instanceof SaltlineError && payload.length <= MAX_EARLY_PAYLOAD_BYTES) {
        // For a group whose welcome has not arrived yet: replayed once it does.
        await this.#keepEarly({ groupId: conversationId, from: b64(from), kind: 'payload', bytes: b64(payload) });
        return;
      }
      // Already known (keys are deliberately sent twice): acknowledged and dropped.
      if (e instanceof SaltlineError && e.code === 'STALE_CHANGE') return;
      throw e;
    }
    if (!g) await this.#putGroupConversation(conversationId, result.group.state.name);
    const base = g ?? { conversationId, record: { v: 1 as const, group: '', waiting: {}, introduced: {} } };
    const record = await this.#dispatch(batch, base, result.group, result.outgoing);
    await this.#commit({ conversationId, record }, result.group, batch);
    if (result.events.some((e) => e.kind === 'joined' || e.kind === 'applied' || e.kind === 'reverted' || e.kind === 'left')) {
      this.#changed(conversationId);
      await this.#membershipMayHaveChanged(conversationId);
    }
    await this.#rebase(conversationId, result.events);
    await this.#afterEvents(conversationId, result.events);
  }

  /**
   * A change of ours lost to a concurrent one (docs/groups.md "Concurrent changes"): re-issue the
   * operations that still make sense on the state that won (e.g. a leave, an add).
   */
  async #rebase(conversationId: string, events: readonly GroupEvent[]): Promise<void> {
    for (const e of events) {
      if (e.kind !== 'reverted' || !e.ours) continue;
      const g = await this.#load(conversationId);
      if (!g || !isMember(g.group.state, this.#self)) return;
      const state = g.group.state;
      const ops = e.change.ops.filter((op) => {
        if (op.kind === 'add') return !isMember(state, op.identity.identityKey);
        if (op.kind === 'remove') return isMember(state, op.member);
        if (op.kind === 'rename') return op.name !== state.name;
        return isMember(state, op.member) && state.members.get(toHex(op.member))?.role !== op.role;
      });
      if (ops.length === 0) continue;
      try {
        this.#consume(conversationId);
        await this.#afterOwnChange(g, changeGroup(g.group, this.#host.identity, ops, { rng: this.#host.rng }));
      } catch (err) {
        // No longer allowed (e.g. we are no longer an admin): the change stays undone.
        if (!(err instanceof SaltlineError)) throw err;
      }
    }
  }

  async #commitSessionsOnly(batch: Batch): Promise<void> {
    await this.#store.commit({ sessions: [...batch.sessions].map(([conversationId, state]) => ({ conversationId, state })) });
  }

  /** Replays what waited for a group we just joined, and group messages waiting for a sender key that arrived. */
  async #afterEvents(conversationId: string, events: readonly GroupEvent[]): Promise<void> {
    const joined = events.some((e) => e.kind === 'joined');
    const keys = events.some((e) => e.kind === 'senderKey');
    if (!joined && !keys) return;
    const inbox = await this.#inbox();
    const mine = inbox.early.filter((e) => (joined && e.groupId === conversationId) || (keys && e.kind === 'message'));
    if (mine.length === 0) return;
    await this.#saveInbox({ ...inbox, early: inbox.early.filter((e) => !mine.includes(e)) });
    for (const e of mine) {
      try {
        if (e.kind === 'introduction') await this.receiveIntroduction(unb64(e.bytes));
        else if (e.kind === 'message') await this.receiveMessage(unb64(e.bytes));
        else if (e.from !== undefined) await this.#handlePayload(unb64(e.from) as IdentityPublicKey, unb64(e.bytes), { sessions: new Map(), outbox: [] });
      } catch (err) {
        if (!(err instanceof SaltlineError)) throw err;
      }
    }
  }

  async #inbox(): Promise<GroupInbox> {
    const bytes = await this.#store.getSetting(SETTINGS.groupInbox);
    return bytes ? groupInbox.decode(bytes) : { v: 1, early: [], fragments: [] };
  }

  async #saveInbox(inbox: GroupInbox): Promise<void> {
    await this.#store.putSetting(SETTINGS.groupInbox, groupInbox.encode(inbox));
  }

  async #keepEarly(item: GroupInbox['early'][number]): Promise<void> {
    const inbox = await this.#inbox();
    await this.#saveInbox({ ...inbox, early: [...inbox.early, item].slice(-MAX_INBOX_ITEMS) });
  }

  /**
   * Keeps a fragment until its set is complete (fragments of one set come from one peer). Saved
   * before the ratchet step commits: if we stop in between, the envelope comes again and the
   * repeated fragment is ignored.
   */
  async #collectFragment(from: ContactView, unit: Buffer): Promise<Buffer | null> {
    const fragment = parseFragment(unit);
    const peer = b64(identityKeyOf(from));
    const set = b64(fragment.setId);
    const inbox = await this.#inbox();
    const existing = inbox.fragments.find((f) => f.peer === peer && f.set === set);
    const units = [...(existing?.units ?? []).filter((u) => parseFragment(unb64(u)).index !== fragment.index), b64(unit)];
    const assembled = reassemble(units.map(unb64));
    const fragments = [...inbox.fragments.filter((f) => f !== existing), ...(assembled ? [] : [{ peer, set, units }])].slice(-MAX_FRAGMENT_SETS);
    const size = (): number => fragments.reduce((n, f) => n + f.units.reduce((m, u) => m + u.length, 0), 0);
    // The oldest incomplete sets go first (the protocol heals without them, through key requests).
    while (fragments.length > 0 && size() > MAX_FRAGMENT_CHARS) fragments.shift();
    await this.#saveInbox({ ...inbox, fragments });
    return assembled;
  }
}
