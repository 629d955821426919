/**
 * The encrypted profile store on LanceDB (issue 3). A profile is a folder:
 *   profile.json  header (format version, Argon2id parameters, wrapped master key)   §1 §7
 *   keyring.bin   deletable keys: journals, per-conversation meta and epoch keys   §3
 *   journal-*.log write-ahead journal, group-committed, replayed on open             §4
 *   db/           LanceDB tables `messages` and `records`, ciphertext only          §2 §5 §6
 *   LOCK          the owning process                                                §4
 * Writes are durable once in the journal and reach LanceDB in batches; reads merge LanceDB with
 * the not-yet-flushed rows held in memory (one process owns the profile).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { PwhashLimits } from '../crypto/pwhash.js';
import { systemRng, type Rng } from '../crypto/random.js';
import { NotFoundError, ProfileExistsError, StoreClosedError, StoreInputError } from './errors.js';
import { DEFAULT_PWHASH_LIMITS, makeHeader, readHeader, unwrapMasterKey, writeHeader, type MasterKey } from './header.js';
import { JournalWriter, journalFileName, readJournal } from './journal.js';
import { emptyKeyring, readKeyring, writeKeyring, type EpochKeys, type KeyringData } from './keyring.js';
import { createTables, messageBatch, openTables, recordBatch, sqlList, type MessageRow, type ProfileTables, type RecordRow } from './lanceTables.js';
import { acquireLock, type ProfileLock } from './lock.js';
import {
  asKey,
  EPOCH_SIZE,
  epochOf,
  messageGen,
  openMessage,
  openRecord,
  recordId,
  sealMessage,
  sealRecord,
  searchToken,
  subkey,
  type MessageBody,
  type RecordKind,
  type RecordValue,
  type StoreKey,
} from './rowCrypto.js';
import { bodyText, indexTerms, matchesQuery, queryTerm, words } from './searchText.js';
import { StoreCorruptError } from './errors.js';
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
import { assertBlob, assertDeliveryState, assertId, assertNewMessage, pageRequest } from './validate.js';

export interface StoreOptions {
  readonly rng?: Rng;
  /** Rows kept in the journal before they are flushed to LanceDB in one batch. */
  readonly flushRows?: number;
  /** Idle flush period for fewer rows. */
  readonly flushIntervalMs?: number;
  /** Compact + reindex + prune LanceDB after this many flushes. */
  readonly optimizeEveryFlushes?: number;
}

export interface CreateOptions extends StoreOptions {
  /** Argon2id limits; MODERATE unless given (tests pass PWHASH_LIMITS.min). */
  readonly pwhash?: PwhashLimits;
}

interface PendingRow extends MessageRow {
  /** True for a changed copy of a row that may already be in LanceDB. */
  readonly update: boolean;
}

type Op =
  | { readonly t: 'rec'; readonly rid: string; readonly ct: Uint8Array; readonly rec: RecordValue }
  | { readonly t: 'recdel'; readonly rid: string }
  | { readonly t: 'msg'; readonly row: PendingRow }
  | { readonly t: 'ckey'; readonly conv: string; readonly key: Buffer }
  | { readonly t: 'ekey'; readonly conv: string; readonly epoch: number; readonly gen: number; readonly key: Buffer }
  | { readonly t: 'inv'; readonly id: string; readonly secret: Uint8Array }
  | { readonly t: 'invdel'; readonly id: string };

interface ConvRecord {
  readonly conversation: Conversation;
  readonly nextSeq: number;
}

const DB_DIR = 'db';
const newId = (): string => randomBytes(16).toString('base64url');
const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

async function isEmptyDir(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/** Creates a new profile in an empty (or missing) folder and returns it open. */
export async function createProfile(dir: string, passphrase: string, options: CreateOptions = {}): Promise<LanceStore> {
  if (!(await isEmptyDir(dir))) throw new ProfileExistsError();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const rng = options.rng ?? systemRng;
  const lock = await acquireLock(dir);
  try {
    const master = asMaster(rng(32));
    const tables = await createTables(join(dir, DB_DIR));
    const store = new LanceStore(dir, master, tables, lock, options);
    await store.init(emptyKeyring(), true);
    // The header goes last: its presence is what makes the folder a profile.
    await writeHeader(dir, await makeHeader(master, passphrase, options.pwhash ?? DEFAULT_PWHASH_LIMITS, rng));
    return store;
  } catch (error) {
    await lock.release();
    throw error;
  }
}

/** Opens a profile. A wrong passphrase throws before anything in the folder is touched. */
export async function openProfile(dir: string, passphrase: string, options: StoreOptions = {}): Promise<LanceStore> {
  const header = await readHeader(dir);
  const master = await unwrapMasterKey(header, passphrase);
  let lock: ProfileLock;
  try {
    lock = await acquireLock(dir);
  } catch (error) {
    master.wipe();
    throw error;
  }
  try {
    const tables = await openTables(join(dir, DB_DIR));
    const store = new LanceStore(dir, master, tables, lock, options);
    const keyring = await readKeyring(dir, subkey(master, 'keyring'));
    await store.init(keyring, false);
    return store;
  } catch (error) {
    master.wipe();
    await lock.release();
    throw error;
  }
}

function asMaster(bytes: Buffer): MasterKey {
  return asKey(bytes) as unknown as MasterKey;
}

export class LanceStore implements Store {
  readonly dir: string;
  readonly #master: MasterKey;
  readonly #tables: ProfileTables;
  readonly #lock: ProfileLock;
  readonly #rng: Rng;
  readonly #flushRows: number;
  readonly #flushIntervalMs: number;
  readonly #optimizeEvery: number;
  readonly #recordsKey: StoreKey;
  readonly #ridKey: StoreKey;
  readonly #searchKey: StoreKey;
  readonly #keyringKey: StoreKey;

  #keyring: KeyringData = emptyKeyring();
  #journal!: JournalWriter;
  readonly #records = new Map<string, RecordValue>();
  readonly #corrupt = new Set<string>();
  readonly #nextSeq = new Map<string, number>();
  readonly #dirtyConvs = new Set<string>();
  #pending = new Map<string, PendingRow>();
  #flushing = new Map<string, PendingRow>();
  #pendingRecs = new Map<string, Uint8Array | null>();
  #flushingRecs = new Map<string, Uint8Array | null>();
  #dedupeNeeded = false;
  #maintenance: Promise<unknown> = Promise.resolve();
  #flushScheduled = false;
  #timer: NodeJS.Timeout | undefined;
  #flushesSinceOptimize = 0;
  #needsCompaction = false;
  #closed = false;
  #failure: unknown;
  readonly #tokenCache = new Map<string, string[]>();

  /** @internal use createProfile/openProfile */
  constructor(dir: string, master: MasterKey, tables: ProfileTables, lock: ProfileLock, options: StoreOptions) {
    this.dir = dir;
    this.#master = master;
    this.#tables = tables;
    this.#lock = lock;
    this.#rng = options.rng ?? systemRng;
    this.#flushRows = options.flushRows ?? 20_000;
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.#optimizeEvery = options.optimizeEveryFlushes ?? 64;
    this.#recordsKey = subkey(master, 'records');
    this.#ridKey = subkey(master, 'record-id');
    this.#searchKey = subkey(master, 'search');
    this.#keyringKey = subkey(master, 'keyring');
  }

  /** @internal */
  async init(keyring: KeyringData, fresh: boolean): Promise<void> {
    this.#keyring = keyring;
    if (!fresh) {
      await this.#finishInterruptedDeletions();
      await this.#loadRecords();
    }
    const old = [...this.#keyring.journals];
    let replayed = 0;
    for (const j of old) {
      for (const record of await readJournal(join(this.dir, journalFileName(j.id)), j.id, asKey(j.key))) {
        this.#apply(deserialize(record) as Op[]);
        replayed++;
      }
    }
    this.#dedupeNeeded = replayed > 0;
    await this.#startJournal();
    if (replayed > 0) await this.#flushNow(true);
    else await this.#retireJournals(old.map((j) => j.id));
    await this.#removeStrayJournals();
    this.#timer = setInterval(() => {
      if (this.#pending.size > 0 || this.#pendingRecs.size > 0) this.#scheduleFlush();
    }, this.#flushIntervalMs);
    this.#timer.unref();
  }

  // ---- keys -------------------------------------------------------------------------------

  #convKeys(conv: string): { meta: StoreKey } {
    const keys = this.#keyring.conversations.get(conv);
    if (!keys) throw new NotFoundError('conversation');
    return { meta: asKey(keys.meta) };
  }

  #epochKey(conv: string, epoch: number, gen: number): StoreKey {
    const key = this.#keyring.conversations.get(conv)?.epochs.get(epoch)?.gens.get(gen);
    if (!key) throw new StoreCorruptError('message key missing');
    return asKey(key);
  }

  /** The current key of an epoch, creating it (as a journal op) when the epoch is new. */
  #currentEpochKey(conv: string, epoch: number, ops: Op[]): { gen: number; key: StoreKey } {
    const keys = this.#keyring.conversations.get(conv);
    if (!keys) throw new NotFoundError('conversation');
    const ek = keys.epochs.get(epoch);
    if (ek) return { gen: ek.current, key: asKey(ek.gens.get(ek.current)!) };
    const key = this.#rng(32);
    const op: Op = { t: 'ekey', conv, epoch, gen: 1, key };
    ops.push(op);
    this.#applyOne(op);
    return { gen: 1, key: asKey(key) };
  }

  #recordKey(kind: RecordKind, key: string): StoreKey {
    return kind === 'conv' || kind === 'session' ? this.#convKeys(key).meta : this.#recordsKey;
  }

  // ---- journal and in-memory state --------------------------------------------------------

  #applyOne(op: Op): void {
    switch (op.t) {
      case 'rec':
        this.#records.set(op.rid, op.rec);
        this.#corrupt.delete(op.rid);
        this.#pendingRecs.set(op.rid, op.ct);
        if (op.rec.kind === 'conv') {
          const seq = (op.rec.value as ConvRecord).nextSeq;
          if (seq > (this.#nextSeq.get(op.rec.key) ?? 0)) this.#nextSeq.set(op.rec.key, seq);
        }
        break;
      case 'recdel':
        this.#records.delete(op.rid);
        this.#pendingRecs.set(op.rid, null);
        break;
      case 'msg': {
        const existing = this.#pending.get(op.row.id);
        this.#pending.set(op.row.id, existing && !existing.update ? { ...op.row, update: false } : op.row);
        if (op.row.seq + 1 > (this.#nextSeq.get(op.row.conv) ?? 1)) {
          this.#nextSeq.set(op.row.conv, op.row.seq + 1);
          this.#dirtyConvs.add(op.row.conv);
        }
        break;
      }
      case 'ckey':
        if (!this.#keyring.conversations.has(op.conv)) this.#keyring.conversations.set(op.conv, { meta: op.key, epochs: new Map() });
        break;
      case 'ekey': {
        const keys = this.#keyring.conversations.get(op.conv);
        if (keys && !keys.epochs.has(op.epoch)) keys.epochs.set(op.epoch, { gens: new Map([[op.gen, op.key]]), current: op.gen, pendingDelete: [] });
        break;
      }
      case 'inv':
        this.#keyring.invitations.set(op.id, asBuffer(op.secret));
        break;
      case 'invdel':
        this.#keyring.invitations.delete(op.id);
        break;
    }
  }

  #apply(ops: readonly Op[]): void {
    for (const op of ops) this.#applyOne(op);
  }

  /** Applies ops in memory and resolves once they are durable in the journal (one record = one transaction). */
  async #commit(ops: Op[]): Promise<void> {
    this.#usable();
    this.#apply(ops);
    const durable = this.#journal.append(serialize(ops));
    if (this.#pending.size >= this.#flushRows) this.#scheduleFlush();
    try {
      await durable;
    } catch (error) {
      this.#failure ??= error;
      throw error;
    }
    // Back-pressure: do not let the in-memory overlay grow without bound while LanceDB catches up.
    if (this.#pending.size + this.#flushing.size > 4 * this.#flushRows) await this.#maintenance;
  }

  #usable(): void {
    if (this.#closed) throw new StoreClosedError();
    if (this.#failure !== undefined) throw new StoreCorruptError('the journal could not be written; reopen the profile');
  }

  async #startJournal(): Promise<void> {
    const id = randomBytes(12).toString('hex');
    const key = this.#rng(32);
    const writer = await JournalWriter.create(join(this.dir, journalFileName(id)), id, asKey(key), this.#rng);
    // The key must be durable before the first record written under it is acknowledged.
    this.#keyring.journals.push({ id, key });
    await this.#saveKeyring();
    this.#journal = writer;
  }

  async #retireJournals(ids: readonly string[]): Promise<void> {
    const gone = new Set(ids);
    this.#keyring.journals = this.#keyring.journals.filter((j) => !gone.has(j.id));
    await this.#saveKeyring();
    for (const id of ids) await unlink(join(this.dir, journalFileName(id))).catch(() => undefined);
  }

  async #removeStrayJournals(): Promise<void> {
    const live = new Set(this.#keyring.journals.map((j) => journalFileName(j.id)));
    for (const name of await readdir(this.dir)) {
      if (/^journal-.*\.log$/.test(name) && !live.has(name)) await unlink(join(this.dir, name)).catch(() => undefined);
    }
  }

  async #saveKeyring(): Promise<void> {
    await writeKeyring(this.dir, this.#keyringKey, this.#keyring, this.#rng);
  }

  /** Runs `work` after every earlier maintenance task (flush, deletion, compaction). */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#maintenance.then(work, work);
    this.#maintenance = run.catch(() => undefined);
    return run;
  }

  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    void this.#exclusive(async () => {
      this.#flushScheduled = false;
      if (!this.#closed) await this.#flushNow(false);
    }).catch((error: unknown) => {
      this.#failure ??= error;
    });
  }

  /** Moves everything journaled so far into LanceDB, then retires those journals. Call only inside #exclusive. */
  async #flushNow(force: boolean): Promise<void> {
    if (!force && this.#pending.size === 0 && this.#pendingRecs.size === 0 && this.#flushing.size === 0) return;
    const retiring = this.#keyring.journals.map((j) => j.id);
    const old = this.#journal;
    await this.#startJournal();
    await old.close();
    for (const [id, row] of this.#pending) {
      const prior = this.#flushing.get(id);
      this.#flushing.set(id, prior && !prior.update ? { ...row, update: false } : row);
    }
    for (const [rid, ct] of this.#pendingRecs) this.#flushingRecs.set(rid, ct);
    this.#pending = new Map();
    this.#pendingRecs = new Map();
    for (const conv of this.#dirtyConvs) this.#sealConvRecord(conv);
    this.#dirtyConvs.clear();
    for (const [rid, ct] of this.#pendingRecs) this.#flushingRecs.set(rid, ct);
    this.#pendingRecs = new Map();

    let adds: MessageRow[] = [];
    const updates: MessageRow[] = [];
    for (const row of this.#flushing.values()) (row.update ? updates : adds).push(row);
    if (this.#dedupeNeeded && adds.length > 0) adds = await this.#withoutStored(adds);
    const { messages, records } = this.#tables;
    if (adds.length > 0) await messages.add(messageBatch(adds));
    if (updates.length > 0) await messages.mergeInsert('id').whenMatchedUpdateAll().execute(messageBatch(updates));
    const upserts: RecordRow[] = [];
    const deletes: string[] = [];
    for (const [rid, ct] of this.#flushingRecs) {
      if (ct) upserts.push({ rid, ct });
      else deletes.push(rid);
    }
    if (upserts.length > 0) await records.mergeInsert('rid').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(recordBatch(upserts));
    if (deletes.length > 0) await records.delete(`rid IN (${sqlList(deletes)})`);
    this.#flushing = new Map();
    this.#flushingRecs = new Map();
    this.#dedupeNeeded = false;
    await this.#retireJournals(retiring);
    if (++this.#flushesSinceOptimize >= this.#optimizeEvery) await this.#optimize();
  }

  async #withoutStored(rows: MessageRow[]): Promise<MessageRow[]> {
    const stored = new Set<string>();
    for (let i = 0; i < rows.length; i += 1000) {
      const ids = rows.slice(i, i + 1000).map((r) => r.id);
      for (const r of await this.#tables.messages.query().where(`id IN (${sqlList(ids)})`).select(['id']).toArray()) stored.add((r as { id: string }).id);
    }
    return rows.filter((r) => !stored.has(r.id));
  }

  #sealConvRecord(conv: string): void {
    const rid = recordId(this.#ridKey, 'conv', conv);
    const current = this.#records.get(rid);
    if (!current || !this.#keyring.conversations.has(conv)) return;
    const value: ConvRecord = { ...(current.value as ConvRecord), nextSeq: this.#nextSeq.get(conv) ?? 1 };
    const rec: RecordValue = { kind: 'conv', key: conv, value };
    this.#records.set(rid, rec);
    this.#pendingRecs.set(rid, sealRecord(this.#convKeys(conv).meta, rid, rec, this.#rng));
  }

  async #optimize(): Promise<void> {
    const options = { cleanupOlderThan: new Date(), deleteUnverified: true };
    await this.#tables.messages.optimize(options);
    await this.#tables.records.optimize(options);
    this.#flushesSinceOptimize = 0;
    this.#needsCompaction = false;
  }

  async #loadRecords(): Promise<void> {
    const convScoped = new Map<string, StoreKey>();
    for (const [conv, keys] of this.#keyring.conversations) {
      convScoped.set(recordId(this.#ridKey, 'conv', conv), asKey(keys.meta));
      convScoped.set(recordId(this.#ridKey, 'session', conv), asKey(keys.meta));
    }
    const rows = (await this.#tables.records.query().select(['rid', 'ct']).toArray()) as { rid: string; ct: Uint8Array }[];
    for (const { rid, ct } of rows) {
      try {
        const rec = openRecord(convScoped.get(rid) ?? this.#recordsKey, rid, ct);
        if (recordId(this.#ridKey, rec.kind, rec.key) !== rid) throw new StoreCorruptError('record id');
        this.#records.set(rid, rec);
        if (rec.kind === 'conv') this.#nextSeq.set(rec.key, (rec.value as ConvRecord).nextSeq);
      } catch (error) {
        if (!(error instanceof StoreCorruptError)) throw error;
        this.#corrupt.add(rid);
      }
    }
  }

  #record(kind: RecordKind, key: string): RecordValue | undefined {
    const rid = recordId(this.#ridKey, kind, key);
    if (this.#corrupt.has(rid)) throw new StoreCorruptError(`${kind} record`);
    return this.#records.get(rid);
  }

  #listRecords(kind: RecordKind): RecordValue[] {
    if (this.#corrupt.size > 0) throw new StoreCorruptError(`${this.#corrupt.size} record(s)`);
    return [...this.#records.values()].filter((r) => r.kind === kind);
  }

  #recordOp(kind: RecordKind, key: string, value: unknown): Op {
    const rid = recordId(this.#ridKey, kind, key);
    const rec: RecordValue = { kind, key, value };
    return { t: 'rec', rid, ct: sealRecord(this.#recordKey(kind, key), rid, rec, this.#rng), rec };
  }

  async #putRecord(kind: RecordKind, key: string, value: unknown): Promise<void> {
    this.#usable();
    await this.#commit([this.#recordOp(kind, key, value)]);
  }

  async #deleteRecord(kind: RecordKind, key: string): Promise<void> {
    this.#usable();
    await this.#commit([{ t: 'recdel', rid: recordId(this.#ridKey, kind, key) }]);
  }

  // ---- profile ------------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.#closed) return;
    clearInterval(this.#timer);
    try {
      await this.#exclusive(async () => {
        if (this.#failure !== undefined) return;
        await this.#flushNow(false);
        if (this.#needsCompaction) await this.#optimize();
      });
    } finally {
      this.#closed = true;
      await this.#journal.close().catch(() => undefined);
      this.#tables.messages.close();
      this.#tables.records.close();
      this.#tables.db.close();
      this.#tokenCache.clear();
      for (const key of [this.#master, this.#recordsKey, this.#ridKey, this.#searchKey, this.#keyringKey]) key.wipe();
      await this.#lock.release();
    }
  }

  /** Re-wraps the master key under a new passphrase; nothing else changes. */
  async changePassphrase(oldPassphrase: string, newPassphrase: string, pwhash: PwhashLimits = DEFAULT_PWHASH_LIMITS): Promise<void> {
    this.#usable();
    const check = await unwrapMasterKey(await readHeader(this.dir), oldPassphrase);
    check.wipe();
    await writeHeader(this.dir, await makeHeader(this.#master, newPassphrase, pwhash, this.#rng));
  }

  /** Flushes the journal into LanceDB now (normally done in the background). */
  async flush(): Promise<void> {
    this.#usable();
    await this.#exclusive(() => this.#flushNow(false));
  }

  /** Flushes, then compacts, reindexes and prunes every older LanceDB version. */
  async compact(): Promise<void> {
    this.#usable();
    await this.#exclusive(async () => {
      await this.#flushNow(false);
      await this.#optimize();
    });
  }

  // ---- identity, contacts, conversations, sessions, outbox, settings ----------------------------

  async getIdentity(): Promise<Uint8Array | undefined> {
    this.#usable();
    return Promise.resolve(this.#record('identity', '')?.value as Uint8Array | undefined);
  }

  async putIdentity(blob: Uint8Array): Promise<void> {
    assertBlob(blob, 'identity');
    await this.#putRecord('identity', '', Uint8Array.from(blob));
  }

  async putContact(contact: Contact): Promise<void> {
    assertId(contact.id, 'contact id');
    assertBlob(contact.record, 'contact record');
    const value: Contact = { id: contact.id, name: String(contact.name), record: Uint8Array.from(contact.record), verified: contact.verified === true, address: String(contact.address) };
    await this.#putRecord('contact', contact.id, value);
  }

  async getContact(id: string): Promise<Contact | undefined> {
    this.#usable();
    return Promise.resolve(this.#record('contact', id)?.value as Contact | undefined);
  }

  async listContacts(): Promise<Contact[]> {
    this.#usable();
    return Promise.resolve(this.#listRecords('contact').map((r) => r.value as Contact));
  }

  async deleteContact(id: string): Promise<void> {
    await this.#deleteRecord('contact', id);
  }

  async putConversation(conversation: Conversation): Promise<void> {
    this.#usable();
    assertId(conversation.id, 'conversation id');
    assertBlob(conversation.meta, 'conversation meta');
    const ops: Op[] = [];
    if (!this.#keyring.conversations.has(conversation.id)) {
      const op: Op = { t: 'ckey', conv: conversation.id, key: this.#rng(32) };
      this.#applyOne(op);
      ops.push(op);
    }
    const value: ConvRecord = {
      conversation: { id: conversation.id, title: String(conversation.title), memberIds: [...conversation.memberIds].map(String), createdAt: conversation.createdAt, meta: Uint8Array.from(conversation.meta) },
      nextSeq: this.#nextSeq.get(conversation.id) ?? 1,
    };
    ops.push(this.#recordOp('conv', conversation.id, value));
    await this.#commit(ops);
  }

  async getConversation(id: string): Promise<Conversation | undefined> {
    this.#usable();
    return Promise.resolve((this.#record('conv', id)?.value as ConvRecord | undefined)?.conversation);
  }

  async listConversations(): Promise<Conversation[]> {
    this.#usable();
    return Promise.resolve(this.#listRecords('conv').map((r) => (r.value as ConvRecord).conversation));
  }

  async getSession(conversationId: string): Promise<Uint8Array | undefined> {
    this.#usable();
    return Promise.resolve(this.#record('session', conversationId)?.value as Uint8Array | undefined);
  }

  async putSession(conversationId: string, state: Uint8Array): Promise<void> {
    assertId(conversationId, 'conversation id');
    assertBlob(state, 'session state');
    await this.#putRecord('session', conversationId, Uint8Array.from(state));
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    assertId(entry.id, 'outbox id');
    assertBlob(entry.payload, 'outbox payload');
    const value: OutboxEntry = { id: entry.id, conversationId: entry.conversationId, payload: Uint8Array.from(entry.payload), createdAt: entry.createdAt, attempts: entry.attempts };
    await this.#putRecord('outbox', entry.id, value);
  }

  async listOutbox(): Promise<OutboxEntry[]> {
    this.#usable();
    return Promise.resolve(this.#listRecords('outbox').map((r) => r.value as OutboxEntry).sort((a, b) => a.createdAt - b.createdAt));
  }

  async deleteOutbox(id: string): Promise<void> {
    await this.#deleteRecord('outbox', id);
  }

  async getSetting(key: string): Promise<Uint8Array | undefined> {
    this.#usable();
    return Promise.resolve(this.#record('setting', key)?.value as Uint8Array | undefined);
  }

  async putSetting(key: string, value: Uint8Array): Promise<void> {
    assertId(key, 'setting key');
    assertBlob(value, 'setting value');
    await this.#putRecord('setting', key, Uint8Array.from(value));
  }

  async deleteSetting(key: string): Promise<void> {
    await this.#deleteRecord('setting', key);
  }

  /** All settings (for export). */
  listSettings(): { key: string; value: Uint8Array }[] {
    this.#usable();
    return this.#listRecords('setting').map((r) => ({ key: r.key, value: r.value as Uint8Array }));
  }

  // ---- invitations (kept in the keyring: deleting one really deletes it) ---------------------

  async putInvitation(id: string, secret: Uint8Array): Promise<void> {
    assertId(id, 'invitation id');
    assertBlob(secret, 'invitation secret');
    await this.#commit([{ t: 'inv', id, secret: Uint8Array.from(secret) }]);
  }

  async getInvitation(id: string): Promise<Uint8Array | undefined> {
    this.#usable();
    const secret = this.#keyring.invitations.get(id);
    return Promise.resolve(secret && Uint8Array.from(secret));
  }

  async takeInvitation(id: string): Promise<Uint8Array | undefined> {
    this.#usable();
    const secret = this.#keyring.invitations.get(id);
    if (!secret) return undefined;
    const copy = Uint8Array.from(secret);
    await this.deleteInvitation(id);
    return copy;
  }

  async deleteInvitation(id: string): Promise<void> {
    this.#usable();
    if (!this.#keyring.invitations.has(id)) return;
    await this.#commit([{ t: 'invdel', id }]);
    // Retire the journal that held the secret and rewrite the keyring without it.
    await this.#exclusive(() => this.#flushNow(true));
  }

  /** Invitation ids and secrets (for export). */
  listInvitations(): { id: string; secret: Uint8Array }[] {
    this.#usable();
    return [...this.#keyring.invitations].map(([id, secret]) => ({ id, secret: Uint8Array.from(secret) }));
  }

  // ---- messages --------------------------------------------------------------------------

  #buildMessage(message: NewMessage, ops: Op[]): StoredMessage {
    assertNewMessage(message);
    const conv = message.conversationId;
    if (!this.#keyring.conversations.has(conv) || !this.#records.has(recordId(this.#ridKey, 'conv', conv))) throw new NotFoundError('conversation');
    const id = message.id ?? newId();
    const seq = this.#nextSeq.get(conv) ?? 1;
    const stored: StoredMessage = { id, conversationId: conv, seq, sender: message.sender, timestamp: message.timestamp, body: Uint8Array.from(message.body), delivery: message.delivery };
    const { gen, key } = this.#currentEpochKey(conv, epochOf(seq), ops);
    const ct = sealMessage(key, gen, id, conv, seq, stored, this.#rng);
    ops.push({ t: 'msg', row: { id, conv, seq, ct, tok: this.#tokens(stored.body), update: false } });
    return stored;
  }

  #tokens(body: Uint8Array): string[] {
    const out = new Set<string>();
    for (const w of words(bodyText(body))) {
      let tokens = this.#tokenCache.get(w);
      if (!tokens) {
        tokens = indexTerms(w).map((term) => searchToken(this.#searchKey, term));
        // Words repeat a lot; a bounded cache (memory only, cleared when full) saves most keyed hashes.
        if (this.#tokenCache.size >= 100_000) this.#tokenCache.clear();
        this.#tokenCache.set(w, tokens);
      }
      for (const t of tokens) out.add(t);
    }
    return [...out];
  }

  #pendingRow(id: string): PendingRow | undefined {
    return this.#pending.get(id) ?? this.#flushing.get(id);
  }

  async saveMessage(message: NewMessage): Promise<StoredMessage> {
    this.#usable();
    const known = message.id !== undefined ? this.#pendingRow(message.id) : undefined;
    if (known) return this.#decryptRow(known);
    const ops: Op[] = [];
    const stored = this.#buildMessage(message, ops);
    await this.#commit(ops);
    return stored;
  }

  async commit(batch: StoreBatch): Promise<StoredMessage | undefined> {
    this.#usable();
    // Every op is built (and validated) before any is applied: a bad batch changes nothing.
    const ops: Op[] = [];
    const stored = batch.message && this.#buildMessage(batch.message, ops);
    for (const s of batch.sessions ?? []) {
      assertId(s.conversationId, 'conversation id');
      assertBlob(s.state, 'session state');
      ops.push(this.#recordOp('session', s.conversationId, Uint8Array.from(s.state)));
    }
    for (const c of batch.contacts ?? []) {
      assertId(c.id, 'contact id');
      assertBlob(c.record, 'contact record');
      const value: Contact = { id: c.id, name: String(c.name), record: Uint8Array.from(c.record), verified: c.verified === true, address: String(c.address) };
      ops.push(this.#recordOp('contact', c.id, value));
    }
    for (const o of batch.outbox ?? []) {
      assertId(o.id, 'outbox id');
      assertBlob(o.payload, 'outbox payload');
      const value: OutboxEntry = { id: o.id, conversationId: o.conversationId, payload: Uint8Array.from(o.payload), createdAt: o.createdAt, attempts: o.attempts };
      ops.push(this.#recordOp('outbox', o.id, value));
    }
    for (const id of batch.deleteOutbox ?? []) {
      assertId(id, 'outbox id');
      ops.push({ t: 'recdel', rid: recordId(this.#ridKey, 'outbox', id) });
    }
    const invitation = batch.deleteInvitation;
    if (invitation !== undefined) {
      assertId(invitation, 'invitation id');
      if (this.#keyring.invitations.has(invitation)) ops.push({ t: 'invdel', id: invitation });
    }
    await this.#commit(ops);
    // As in deleteInvitation: retire the journal that held the secret.
    if (invitation !== undefined) await this.#exclusive(() => this.#flushNow(true));
    return stored;
  }

  async saveIncoming(conversationId: string, sessionState: Uint8Array, message: NewMessage): Promise<StoredMessage> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    assertBlob(sessionState, 'session state');
    if (message.conversationId !== conversationId) throw new StoreInputError('message belongs to another conversation');
    const ops: Op[] = [];
    const stored = this.#buildMessage(message, ops);
    ops.push(this.#recordOp('session', conversationId, Uint8Array.from(sessionState)));
    await this.#commit(ops);
    return stored;
  }

  #decryptRow(row: MessageRow): StoredMessage {
    const key = this.#epochKey(row.conv, epochOf(row.seq), messageGen(row.ct));
    const body: MessageBody = openMessage(key, row.id, row.conv, row.seq, row.ct);
    return { id: row.id, conversationId: row.conv, seq: row.seq, sender: body.sender, timestamp: body.timestamp, body: body.body, delivery: body.delivery };
  }

  async #storedRow(conv: string, id: string): Promise<MessageRow | undefined> {
    const pending = this.#pendingRow(id);
    if (pending) return pending.conv === conv ? pending : undefined;
    const rows = await this.#tables.messages.query().where(`conv = '${conv}' AND id = '${id}'`).select(['id', 'conv', 'seq', 'ct', 'tok']).limit(1).toArray();
    return rows[0] ? toRow(rows[0]) : undefined;
  }

  async getMessage(conversationId: string, id: string): Promise<StoredMessage | undefined> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    assertId(id, 'message id');
    if (!this.#keyring.conversations.has(conversationId)) return undefined;
    const row = await this.#storedRow(conversationId, id);
    return row && this.#decryptRow(row);
  }

  async setDelivery(conversationId: string, id: string, state: DeliveryState): Promise<void> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    assertId(id, 'message id');
    assertDeliveryState(state);
    if (!this.#keyring.conversations.has(conversationId)) throw new NotFoundError('message');
    const row = await this.#storedRow(conversationId, id);
    if (!row) throw new NotFoundError('message');
    const current = this.#decryptRow(row);
    const ops: Op[] = [];
    const { gen, key } = this.#currentEpochKey(row.conv, epochOf(row.seq), ops);
    const ct = sealMessage(key, gen, row.id, row.conv, row.seq, { ...current, delivery: state }, this.#rng);
    ops.push({ t: 'msg', row: { id: row.id, conv: row.conv, seq: row.seq, ct, tok: row.tok, update: true } });
    await this.#commit(ops);
  }

  #overlayRows(conv: string | undefined, filter: (row: PendingRow) => boolean): PendingRow[] {
    const out = new Map<string, PendingRow>();
    for (const map of [this.#flushing, this.#pending]) {
      for (const row of map.values()) if ((conv === undefined || row.conv === conv) && filter(row)) out.set(row.id, row);
    }
    return [...out.values()];
  }

  async history(conversationId: string, options?: HistoryOptions): Promise<StoredMessage[]> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    const { before, limit } = pageRequest(options);
    return this.#page(conversationId, before, limit, false);
  }

  /** Newest-first page below `bound`, or oldest-first page above it when `ascending`. */
  async #page(conv: string, bound: number, limit: number, ascending: boolean): Promise<StoredMessage[]> {
    if (!this.#keyring.conversations.has(conv)) return [];
    // Two steps (ANCHORS): newest ids by seq from the indexed column only, then the rows by row id.
    const top = (await this.#tables.messages
      .query()
      .where(`conv = '${conv}' AND seq ${ascending ? '>' : '<'} ${bound}`)
      .select(['seq'])
      .withRowId()
      .orderBy({ columnName: 'seq', ascending })
      .limit(limit)
      .toArray()) as { _rowid: bigint }[];
    const rows = new Map<string, MessageRow>();
    if (top.length > 0) {
      for (const r of await this.#tables.messages.takeRowIds(top.map((t) => t._rowid)).select(['id', 'conv', 'seq', 'ct', 'tok']).toArray()) {
        const row = toRow(r);
        rows.set(row.id, row);
      }
    }
    for (const row of this.#overlayRows(conv, (r) => (ascending ? r.seq > bound : r.seq < bound))) rows.set(row.id, row);
    return [...rows.values()]
      .sort((a, b) => (ascending ? a.seq - b.seq : b.seq - a.seq))
      .slice(0, limit)
      .map((row) => this.#decryptRow(row));
  }

  async search(query: string, options?: SearchOptions): Promise<StoredMessage[]> {
    this.#usable();
    const limit = Math.min(options?.limit ?? STORE_LIMITS.defaultPageSize, STORE_LIMITS.maxSearchResults);
    if (options?.conversationId !== undefined) assertId(options.conversationId, 'conversation id');
    const queryWords = words(String(query)).slice(0, 16);
    if (queryWords.length === 0) return [];
    const tokens = [...new Set(queryWords.map((w) => searchToken(this.#searchKey, queryTerm(w))))];
    const conv = options?.conversationId;
    const found = new Map<string, StoredMessage>();
    const consider = (row: MessageRow): void => {
      if (found.has(row.id) || !this.#keyring.conversations.has(row.conv)) return;
      const m = this.#decryptRow(row);
      if (matchesQuery(words(bodyText(m.body)), queryWords)) found.set(m.id, m);
    };
    const overlay = this.#overlayRows(conv, (r) => tokens.every((t) => r.tok.includes(t)));
    const overlayIds = new Set(overlay.map((r) => r.id));
    for (const row of overlay) consider(row);
    let where = tokens.map((t) => `array_contains(tok, '${t}')`).join(' AND ');
    if (conv !== undefined) where += ` AND conv = '${conv}'`;
    // Row ids grow with insertion, so the highest ids are the newest candidates.
    const candidates = ((await this.#tables.messages.query().where(where).select(['seq']).withRowId().toArray()) as { _rowid: bigint }[])
      .map((r) => r._rowid)
      .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    for (let i = 0; i < candidates.length && found.size < limit + overlay.length; i += limit * 2) {
      const chunk = candidates.slice(i, i + limit * 2);
      for (const r of await this.#tables.messages.takeRowIds(chunk).select(['id', 'conv', 'seq', 'ct', 'tok']).toArray()) {
        const row = toRow(r);
        if (!overlayIds.has(row.id)) consider(row);
      }
    }
    return [...found.values()].sort((a, b) => b.timestamp - a.timestamp || b.seq - a.seq).slice(0, limit);
  }

  // ---- deletion ----------------------------------------------------------------------------

  /**
   * Deletes one message cryptographically: its epoch gets a new key, the epoch's other rows are
   * re-encrypted under it, the old key leaves the keyring, and the row is deleted from LanceDB
   * (by its opaque id only). Old LanceDB versions are pruned at the next compaction (close or
   * `compact()`), but they are unreadable as soon as this resolves.
   */
  async deleteMessage(conversationId: string, id: string): Promise<void> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    assertId(id, 'message id');
    await this.#exclusive(async () => {
      if (!this.#keyring.conversations.has(conversationId)) return;
      // Every journaled row must be in LanceDB (and the journals that held them retired) first.
      while (this.#pending.size > 0 || this.#flushing.size > 0 || this.#pendingRecs.size > 0) await this.#flushNow(false);
      await this.#flushNow(true);
      const rows = await this.#tables.messages.query().where(`conv = '${conversationId}' AND id = '${id}'`).select(['seq']).toArray();
      if (rows.length === 0) return;
      const epoch = epochOf(Number((rows[0] as { seq: bigint }).seq));
      const ek = this.#keyring.conversations.get(conversationId)!.epochs.get(epoch);
      if (!ek) throw new StoreCorruptError('message key missing');
      this.#rekey(ek, [id]);
      await this.#saveKeyring();
      await this.#completeRekey(conversationId, epoch, ek);
    });
  }

  /** Adds a new current generation; from here on new rows of the epoch use it. */
  #rekey(ek: EpochKeys, deleteIds: readonly string[]): void {
    const gen = Math.max(...ek.gens.keys()) + 1;
    ek.gens.set(gen, this.#rng(32));
    ek.current = gen;
    ek.pendingDelete.push(...deleteIds);
  }

  async #completeRekey(conv: string, epoch: number, ek: EpochKeys): Promise<void> {
    const { messages } = this.#tables;
    if (ek.pendingDelete.length > 0) await messages.delete(`id IN (${sqlList(ek.pendingDelete)})`);
    const lo = epoch * EPOCH_SIZE;
    const rows = (await messages
      .query()
      .where(`conv = '${conv}' AND seq >= ${lo} AND seq < ${lo + EPOCH_SIZE}`)
      .select(['id', 'conv', 'seq', 'ct', 'tok'])
      .toArray()).map(toRow);
    const key = asKey(ek.gens.get(ek.current)!);
    // Rows saved while the deletion was waiting for LanceDB may still use an old generation.
    const ops: Op[] = [];
    for (const row of this.#overlayRows(conv, (r) => epochOf(r.seq) === epoch && messageGen(r.ct) !== ek.current)) {
      const m = this.#decryptRow(row);
      ops.push({ t: 'msg', row: { ...row, ct: sealMessage(key, ek.current, row.id, conv, row.seq, m, this.#rng) } });
    }
    if (ops.length > 0) await this.#commit(ops);
    const changed: MessageRow[] = [];
    for (const row of rows) {
      if (messageGen(row.ct) === ek.current) continue;
      const m = this.#decryptRow(row);
      changed.push({ ...row, ct: sealMessage(key, ek.current, row.id, conv, row.seq, m, this.#rng) });
    }
    if (changed.length > 0) await messages.mergeInsert('id').whenMatchedUpdateAll().execute(messageBatch(changed));
    ek.gens = new Map([[ek.current, ek.gens.get(ek.current)!]]);
    ek.pendingDelete = [];
    await this.#saveKeyring();
    this.#needsCompaction = true;
  }

  async #finishInterruptedDeletions(): Promise<void> {
    const deleted = this.#keyring.deletedConversations ?? [];
    for (const conv of deleted) await this.#tables.messages.delete(`conv = '${conv}'`);
    if (deleted.length > 0) {
      this.#keyring.deletedConversations = [];
      await this.#saveKeyring();
    }
    for (const [conv, keys] of this.#keyring.conversations) {
      for (const [epoch, ek] of keys.epochs) if (ek.gens.size > 1 || ek.pendingDelete.length > 0) await this.#completeRekey(conv, epoch, ek);
    }
  }

  /** Removes the conversation, its session and all its messages, and destroys its keys. */
  async deleteConversation(conversationId: string): Promise<void> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    await this.#exclusive(async () => {
      if (!this.#keyring.conversations.has(conversationId)) return;
      const ops: Op[] = [
        { t: 'recdel', rid: recordId(this.#ridKey, 'conv', conversationId) },
        { t: 'recdel', rid: recordId(this.#ridKey, 'session', conversationId) },
      ];
      await this.#commit(ops);
      for (const map of [this.#pending, this.#flushing]) for (const [id, row] of map) if (row.conv === conversationId) map.delete(id);
      this.#dirtyConvs.delete(conversationId);
      this.#nextSeq.delete(conversationId);
      await this.#flushNow(true);
      this.#keyring.conversations.delete(conversationId);
      (this.#keyring.deletedConversations ??= []).push(conversationId);
      await this.#saveKeyring();
      await this.#tables.messages.delete(`conv = '${conversationId}'`);
      this.#keyring.deletedConversations = [];
      await this.#saveKeyring();
      this.#needsCompaction = true;
    });
  }

  /** Every message of a conversation, oldest first, a page at a time (for export). */
  async *allMessages(conversationId: string): AsyncGenerator<StoredMessage> {
    this.#usable();
    for (let after = 0; ; ) {
      const page = await this.#page(conversationId, after, STORE_LIMITS.maxPageSize, true);
      if (page.length === 0) return;
      yield* page;
      after = page[page.length - 1]!.seq;
    }
  }
}

function toRow(r: unknown): MessageRow {
  const o = r as { id: string; conv: string; seq: bigint | number; ct: Uint8Array; tok: { toArray(): string[] } | string[] | null };
  const tok = o.tok === null ? [] : Array.isArray(o.tok) ? o.tok : o.tok.toArray();
  return { id: o.id, conv: o.conv, seq: Number(o.seq), ct: o.ct, tok };
}
