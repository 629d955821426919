/**
 * The encrypted profile store on LanceDB (issue 3). A profile is a folder:
 *   profile.json      header (format version, Argon2id parameters, wrapped master key)     §1 §7
 *   keyring.v2.bin    deletable keys: journals, conversations and epochs, index batches    §3
 *   journal-*.log     write-ahead journal, group-committed, replayed on open               §4
 *   db/               LanceDB tables messages_v2, postings_v2, records: ciphertext only    §2 §5 §6
 *   LOCK              the owning process                                                   §4
 * Writes are durable once in the journal and reach LanceDB in batches. Reads merge LanceDB's
 * indexed rows (queried with `fastSearch`) with the rows it cannot serve from its indexes yet,
 * which this process — the profile's only owner — keeps in memory (overlay.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import * as lancedb from '@lancedb/lancedb';
import type { PwhashLimits } from '../crypto/pwhash.js';
import { systemRng, type Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
import { NotFoundError, ProfileExistsError, StoreClosedError, StoreCorruptError, StoreInputError } from './errors.js';
import { DEFAULT_PWHASH_LIMITS, makeHeader, PROFILE_FORMAT_VERSION, readHeader, unwrapMasterKey, writeHeader, type MasterKey } from './header.js';
import { JournalWriter, journalFileName, readJournal } from './journal.js';
import { decodeOps, encodeOps, type JournaledOp, type Op } from './journalOps.js';
import { emptyKeyring, readKeyring, writeKeyring, type EpochKeys, type KeyringData } from './keyring.js';
import {
  createTables,
  messageBatch,
  messageRows,
  openTables,
  packedPostingBatch,
  postingRowsOf,
  recordBatch,
  sqlList,
  type MessageRow,
  type ProfileTables,
  type RecordRow,
} from './lanceTables.js';
import { acquireLock, type ProfileLock } from './lock.js';
import { migrateProfile, removeOldFormatLeftovers } from './migrate.js';
import { Overlay, type OverlayRow } from './overlay.js';
import { buildBatchPostings } from './postingBuilder.js';
import { decodeRuns, encodeRun, mergeCandidate, openPosting, postingToken, sealPostings, type BatchInfo, type BatchWords } from './postings.js';
import {
  EPOCH_SIZE,
  epochOf,
  messageGen,
  messageIdHash,
  openMessage,
  openRecord,
  orderKey,
  recordId,
  sealedMessageLength,
  sealMessage,
  sealMessageInto,
  sealRecord,
  seqOfKey,
  SLOT_LIMIT,
  slotOfKey,
  slotRange,
  subkey,
  type MessageBody,
  type RecordKind,
  type RecordValue,
  type StoreKey,
} from './rowCrypto.js';
import { bodyText, matchesQuery, queryTerm, words } from './searchText.js';
import { TermCache } from './termCache.js';
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

export interface StoreOptions {
  readonly rng?: Rng;
  /** Rows kept in the journal before they are flushed to LanceDB in one batch. */
  readonly flushRows?: number;
  /** Idle flush period for fewer rows. */
  readonly flushIntervalMs?: number;
  /** Compact, reindex and prune LanceDB after this many flushes… */
  readonly optimizeEveryFlushes?: number;
  /** …or once this many flushed rows wait for LanceDB's indexes (they are served from memory meanwhile). */
  readonly optimizeRows?: number;
}

export interface CreateOptions extends StoreOptions {
  /** Argon2id limits; MODERATE unless given (tests pass PWHASH_LIMITS.min). */
  readonly pwhash?: PwhashLimits;
}

interface PendingRecord {
  readonly ct: Uint8Array;
  readonly key: Uint8Array | undefined;
}

interface ConvRecord {
  readonly conversation: Conversation;
}

/** A message row wherever it lives (overlay or LanceDB), before decryption. */
interface Located {
  readonly conv: string;
  readonly slot: number;
  readonly seq: number;
  readonly g: number;
  readonly ct: Uint8Array;
  readonly terms?: readonly (readonly string[])[];
}

const DB_DIR = 'db';
/** Extra sequence numbers fetched around a page, so a few deleted messages do not need a second query. */
const PAGE_SLACK = 16;
const COMPACTION_DELAY_MS = 2000;
const READ_AHEAD_CONVERSATIONS = 64;
/** Flushed rows waiting for an optimize are kept in overlays of at least this many rows (fewer to consult). */
const UNINDEXED_CHUNK = 4096;
/** Journaled messages wait at most this many flush intervals for a pause in saving. */
const MAX_PENDING_TICKS = 10;

/**
 * Serves the many small random values of the save path (nonces, ids) from one larger draw: a
 * call into libsodium per 24-byte nonce cost more than the encryption. Never used for keys.
 */
function pooled(rng: Rng): Rng {
  let pool: Buffer = Buffer.alloc(0);
  let at = 0;
  return (length) => {
    if (length > 256) return rng(length);
    if (at + length > pool.length) {
      pool = rng(16_384);
      at = 0;
    }
    return pool.subarray(at, (at += length));
  };
}

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
    const master = Secret.adopt('StoreMasterKey', 32, rng(32));
    const tables = await createTables(await lancedb.connect(join(dir, DB_DIR)));
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

/**
 * Opens a profile. A wrong passphrase throws before anything in the folder is touched; a profile
 * of an older format is migrated first (migrate.ts), a newer one is refused.
 */
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
    const db = await lancedb.connect(join(dir, DB_DIR));
    if (header.version < PROFILE_FORMAT_VERSION) await migrateProfile(dir, db, header, master, options.rng ?? systemRng);
    await removeOldFormatLeftovers(dir, db);
    const tables = await openTables(db);
    const store = new LanceStore(dir, master, tables, lock, options);
    await store.init(await readKeyring(dir, subkey(master, 'keyring')), false);
    return store;
  } catch (error) {
    master.wipe();
    await lock.release();
    throw error;
  }
}

export class LanceStore implements Store {
  readonly dir: string;
  readonly #master: MasterKey;
  readonly #tables: ProfileTables;
  readonly #lock: ProfileLock;
  readonly #rng: Rng;
  readonly #nonceRng: Rng;
  readonly #flushRows: number;
  readonly #flushIntervalMs: number;
  readonly #optimizeEvery: number;
  readonly #optimizeRows: number;
  readonly #recordsKey: StoreKey;
  readonly #ridKey: StoreKey;
  readonly #idKey: StoreKey;
  readonly #keyringKey: StoreKey;

  #keyring: KeyringData = emptyKeyring();
  #journal!: JournalWriter;
  /** The next journal, already in the saved keyring, so a flush switches to it without a keyring write. */
  #spare!: JournalWriter;
  readonly #records = new Map<string, RecordValue>();
  readonly #corrupt = new Set<string>();
  /** Next sequence number per conversation; durable in the keyring (with each flush) and in journaled rows. */
  readonly #nextSeq = new Map<string, number>();
  readonly #convBySlot = new Map<number, string>();
  /** Journaled rows not yet in LanceDB, rows being flushed, and flushed rows LanceDB has not indexed yet. */
  #pending = new Overlay();
  #flushing = new Overlay();
  /** Oldest first. */
  #unindexed: Overlay[] = [];
  /** Record changes not in LanceDB yet: the sealed row and its own key, or null for a deletion. */
  #pendingRecs = new Map<string, PendingRecord | null>();
  #flushingRecs = new Map<string, PendingRecord | null>();
  /** Records read at open that were still sealed under the shared records key (older profiles): resealed under their own keys. */
  #legacyRecords: string[] = [];
  /** Insertion numbers deleted in this session: a late change to one of them is dropped, not resurrected. */
  readonly #deletedGs = new Set<number>();
  #nextG = 1;
  /** Bumped whenever the blind-index batches change, so a search racing a rewrite retries. */
  #batchEpoch = 0;
  #dedupeNeeded = false;
  #maintenance: Promise<unknown> = Promise.resolve();
  #flushScheduled = false;
  /** Whether messages were saved since the last flush timer tick, and for how many ticks the pending rows have waited. */
  #savedSinceTick = false;
  #pendingTicks = 0;
  #timer: NodeJS.Timeout | undefined;
  #compactionTimer: NodeJS.Timeout | undefined;
  #prewarm: Promise<unknown> = Promise.resolve();
  #flushesSinceOptimize = 0;
  #dirtyTables = false;
  #closed = false;
  #failure: unknown;
  readonly #termCache = new TermCache();
  readonly #convRids = new Map<string, string>();
  readonly #keys = new WeakMap<Uint8Array, StoreKey>();
  /**
   * Per conversation (most recent READ_AHEAD_CONVERSATIONS), the indexed rows of the last
   * sequence range read for a newest-first page, which reaches one page further back than asked:
   * paging back after opening a conversation then needs no query. Ciphertext only; the overlays
   * still take precedence; dropped whenever LanceDB rows are rewritten (deletion, optimize).
   */
  readonly #readAhead = new Map<string, { readonly lo: number; readonly hi: number; readonly rows: readonly Located[] }>();
  #readAheadEpoch = 0;

  /** @internal use createProfile/openProfile */
  constructor(dir: string, master: MasterKey, tables: ProfileTables, lock: ProfileLock, options: StoreOptions) {
    this.dir = dir;
    this.#master = master;
    this.#tables = tables;
    this.#lock = lock;
    this.#rng = options.rng ?? systemRng;
    this.#nonceRng = pooled(this.#rng);
    this.#flushRows = options.flushRows ?? 20_000;
    this.#flushIntervalMs = options.flushIntervalMs ?? 1000;
    this.#optimizeEvery = options.optimizeEveryFlushes ?? 64;
    this.#optimizeRows = options.optimizeRows ?? 200_000;
    this.#recordsKey = subkey(master, 'records');
    this.#ridKey = subkey(master, 'record-id');
    this.#idKey = subkey(master, 'message-id');
    this.#keyringKey = subkey(master, 'keyring');
  }

  /** @internal */
  async init(keyring: KeyringData, fresh: boolean): Promise<void> {
    this.#keyring = keyring;
    this.#nextG = keyring.nextG;
    for (const [conv, keys] of keyring.conversations) {
      this.#convBySlot.set(keys.slot, conv);
      this.#nextSeq.set(conv, keys.nextSeq);
    }
    if (!fresh) {
      await this.#dropOrphanPostings();
      await this.#loadRecords();
      // Only after a crash: flushed rows that never got indexed would be invisible to fastSearch.
      if (((await this.#tables.messages.indexStats('k_idx'))?.numUnindexedRows ?? 0) > 0) await this.#optimize();
    }
    const old = [...this.#keyring.journals];
    const replayed: JournaledOp[] = [];
    for (const j of old) {
      for (const record of await readJournal(join(this.dir, journalFileName(j.id)), j.id, this.#key(j.key))) replayed.push(...decodeOps(record));
    }
    this.#replay(replayed);
    this.#dedupeNeeded = replayed.length > 0;
    this.#journal = await this.#newJournal();
    this.#spare = await this.#newJournal();
    // The keys must be durable before the first record written under them is acknowledged.
    await this.#saveKeyring();
    if (!fresh) await this.#finishInterruptedDeletions();
    if (replayed.length > 0) await this.#flushNow(true);
    else await this.#retireJournals(old.map((j) => j.id));
    await this.#removeStrayJournals();
    // Records of an older profile, still sealed under the shared records key, get keys of their own.
    const legacy: Op[] = [];
    for (const rid of this.#legacyRecords) {
      const rec = this.#records.get(rid);
      if (rec && !this.#pendingRecs.has(rid) && !this.#keyring.recordKeys.has(rid)) legacy.push(this.#recordOp(rec.kind, rec.key, rec.value));
    }
    this.#legacyRecords = [];
    if (legacy.length > 0) {
      await this.#commit(legacy);
      this.#dirtyTables = true;
    }
    // Loading the order-key index now, in the background, takes its page loads off the first
    // conversations opened (about 15% off open latency at a million messages).
    if (!fresh) this.#prewarm = this.#tables.messages.prewarmIndex('k_idx').catch(() => undefined);
    this.#timer = setInterval(() => {
      // While messages keep coming, the row count decides when to flush: a timed flush in the
      // middle of a stream would cut uneven batches, which the blind index then has to merge
      // (rewriting their postings). Messages are flushed once saving pauses for an interval, or
      // after MAX_PENDING_TICKS intervals; record changes (deleted keys) at the next tick.
      const busy = this.#savedSinceTick;
      this.#savedSinceTick = false;
      if (this.#pending.size > 0) this.#pendingTicks++;
      if (this.#pendingRecs.size > 0 || (this.#pending.size > 0 && (!busy || this.#pendingTicks >= MAX_PENDING_TICKS))) this.#scheduleFlush();
    }, this.#flushIntervalMs);
    this.#timer.unref();
  }

  /**
   * Applies journaled ops in order. Of the ops that wrote one message only the last counts: an
   * earlier copy may be sealed under a key generation a deletion has destroyed since (it re-sealed
   * the rows saved while it ran, journaling the new copies after them). A message is new if any
   * of its copies was.
   */
  #replay(ops: readonly JournaledOp[]): void {
    const last = new Map<number, number>();
    const inserted = new Set<number>();
    ops.forEach((op, i) => {
      if (op.t !== 'msg') return;
      last.set(op.row.g, i);
      if (!op.row.update) inserted.add(op.row.g);
    });
    ops.forEach((op, i) => {
      // Keys come before the messages sealed under them, so a message's body can be decrypted for its index terms.
      if (op.t !== 'msg') this.#applyOne(op);
      else if (last.get(op.row.g) === i && this.#keyring.conversations.has(op.row.conv)) {
        const row = { ...op.row, update: op.row.update && !inserted.has(op.row.g) };
        this.#applyOne({ t: 'msg', row: { ...row, terms: this.#termsOf(this.#decryptBody(row).body) } });
      }
    });
  }

  // ---- keys -------------------------------------------------------------------------------

  /** The key object for key bytes held in the keyring (cached: no copy or derivation per row). */
  #key(bytes: Uint8Array): StoreKey {
    let key = this.#keys.get(bytes);
    if (!key) this.#keys.set(bytes, (key = Secret.copyOf('StoreKey', 32, bytes)));
    return key;
  }

  #metaKey(conv: string): StoreKey {
    const keys = this.#keyring.conversations.get(conv);
    if (!keys) throw new NotFoundError('conversation');
    return this.#key(keys.meta);
  }

  #epochKey(conv: string, epoch: number, gen: number): StoreKey {
    const key = this.#keyring.conversations.get(conv)?.epochs.get(epoch)?.gens.get(gen);
    if (!key) throw new StoreCorruptError('message key missing');
    return this.#key(key);
  }

  /** The current key of an epoch, creating it (as a journal op) when the epoch is new. */
  #currentEpochKey(conv: string, epoch: number, ops: Op[]): { gen: number; key: StoreKey } {
    const keys = this.#keyring.conversations.get(conv);
    if (!keys) throw new NotFoundError('conversation');
    const ek = keys.epochs.get(epoch);
    if (ek) return { gen: ek.current, key: this.#key(ek.gens.get(ek.current)!) };
    const op: Op = { t: 'ekey', conv, epoch, gen: 1, key: this.#rng(32) };
    ops.push(op);
    this.#applyOne(op);
    return { gen: 1, key: this.#key(keys.epochs.get(epoch)!.gens.get(1)!) };
  }


  // ---- journal and in-memory state --------------------------------------------------------

  #applyOne(op: Op): void {
    switch (op.t) {
      case 'rec':
        this.#records.set(op.rid, op.rec);
        this.#corrupt.delete(op.rid);
        this.#pendingRecs.set(op.rid, { ct: op.ct, key: op.key });
        break;
      case 'recdel':
        this.#records.delete(op.rid);
        this.#corrupt.delete(op.rid);
        this.#pendingRecs.set(op.rid, null);
        break;
      case 'msg': {
        const row = op.row;
        if (this.#deletedGs.has(row.g) || !this.#keyring.conversations.has(row.conv)) break;
        this.#pending.put(row);
        if (row.seq + 1 > (this.#nextSeq.get(row.conv) ?? 1)) this.#nextSeq.set(row.conv, row.seq + 1);
        if (row.g >= this.#nextG) this.#nextG = row.g + 1;
        break;
      }
      case 'ckey':
        if (!this.#keyring.conversations.has(op.conv)) {
          this.#keyring.conversations.set(op.conv, { meta: op.key, slot: op.slot, nextSeq: 1, epochs: new Map() });
          this.#convBySlot.set(op.slot, op.conv);
        }
        break;
      case 'ekey': {
        const keys = this.#keyring.conversations.get(op.conv);
        if (keys && !keys.epochs.has(op.epoch)) keys.epochs.set(op.epoch, { gens: new Map([[op.gen, op.key]]), current: op.gen, pendingDelete: [] });
        break;
      }
      case 'inv':
        this.#keyring.invitations.set(op.id, op.secret);
        break;
      case 'invdel':
        this.#keyring.invitations.delete(op.id);
        break;
    }
  }

  /** Applies ops in memory and resolves once they are durable in the journal (one record = one transaction). */
  async #commit(ops: Op[]): Promise<void> {
    this.#usable();
    for (const op of ops) this.#applyOne(op);
    this.#savedSinceTick = true;
    const durable = this.#journal.append(encodeOps(ops));
    if (this.#pending.size >= this.#flushRows) this.#scheduleFlush();
    try {
      await durable;
    } catch (error) {
      this.#failure ??= error;
      throw error;
    }
    // Back-pressure: do not let the in-memory overlay grow without bound while LanceDB catches up.
    // The allowance covers an optimize of a million-row profile (seconds), so saving goes on meanwhile.
    if (this.#pending.size + this.#flushing.size > 8 * this.#flushRows) await this.#maintenance;
  }

  #usable(): void {
    if (this.#closed) throw new StoreClosedError();
    if (this.#failure !== undefined) throw new StoreCorruptError('the journal could not be written; reopen the profile');
  }

  /** A new journal file with its key in the keyring; it may be written to once the keyring is saved. */
  async #newJournal(): Promise<JournalWriter> {
    const id = randomBytes(12).toString('hex');
    const key = this.#rng(32);
    const writer = await JournalWriter.create(join(this.dir, journalFileName(id)), id, this.#key(key), this.#nonceRng);
    this.#keyring.journals.push({ id, key });
    return writer;
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
    this.#keyring.nextG = Math.max(this.#keyring.nextG, this.#nextG);
    for (const [conv, keys] of this.#keyring.conversations) keys.nextSeq = Math.max(keys.nextSeq, this.#nextSeq.get(conv) ?? 1);
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

  #scheduleCompaction(): void {
    clearTimeout(this.#compactionTimer);
    this.#compactionTimer = setTimeout(() => {
      void this.#exclusive(async () => {
        if (!this.#closed && this.#failure === undefined) await this.#optimize();
      }).catch((error: unknown) => {
        this.#failure ??= error;
      });
    }, COMPACTION_DELAY_MS);
    this.#compactionTimer.unref();
  }

  /** Moves everything journaled so far into LanceDB, then retires those journals. Call only inside #exclusive. */
  async #flushNow(force: boolean): Promise<void> {
    if (!force && this.#pending.size === 0 && this.#pendingRecs.size === 0 && this.#flushing.size === 0) return;
    const retiring = this.#keyring.journals.filter((j) => j.id !== this.#spare.id).map((j) => j.id);
    // Switch journals and take the pending rows in one synchronous step: the rows flushed are
    // exactly those of the journals retired below, so none is replayed (and indexed) twice.
    const old = this.#journal;
    this.#pendingTicks = 0;
    this.#journal = this.#spare;
    if (this.#flushing.size === 0) this.#flushing = this.#pending;
    else this.#flushing.absorb(this.#pending);
    this.#pending = new Overlay();
    for (const [rid, ct] of this.#pendingRecs) this.#flushingRecs.set(rid, ct);
    this.#pendingRecs = new Map();
    await old.close();

    const inserts: OverlayRow[] = [];
    const updates: OverlayRow[] = [];
    for (const row of this.#flushing.rows()) (row.update ? updates : inserts).push(row);
    inserts.sort((a, b) => a.g - b.g);
    // Written in (conversation, seq) order, a page of one conversation is a few contiguous runs
    // of the data files rather than rows scattered through them: about 40% faster to read.
    const byKey = (rows: OverlayRow[]): MessageRow[] => rows.map((r) => this.#messageRow(r)).sort((a, b) => a.k - b.k);
    const { messages, postings, records } = this.#tables;
    // Every insert goes into the new batch, replayed ones too: an earlier attempt's posting rows
    // belong to no batch and were dropped on open. Its postings are built (on a worker thread
    // when large) while LanceDB takes the message rows.
    const batch = inserts.length > 0 ? { id: this.#keyring.nextBatchId++, key: this.#rng(32) } : undefined;
    const built = batch && buildBatchPostings(batch.id, batch.key, this.#batchWords(inserts));
    // Awaited below; if a write before that fails, its rejection must not go unhandled.
    built?.catch(() => undefined);
    const adds = this.#dedupeNeeded ? await this.#notYetStored(inserts) : inserts;
    if (adds.length > 0) await messages.add(messageBatch(byKey(adds)));
    if (updates.length > 0) await messages.mergeInsert('g').whenMatchedUpdateAll().execute(messageBatch(byKey(updates)));
    if (batch && built) {
      const packed = await built;
      if (packed.toks.length > 0) await postings.add(packedPostingBatch(batch.id, packed));
      this.#keyring.batches.push({ id: batch.id, key: batch.key, lo: inserts[0]!.g, hi: inserts[inserts.length - 1]!.g, count: inserts.length });
      this.#batchEpoch++;
    }
    const upserts: RecordRow[] = [];
    const deletes: string[] = [];
    for (const [rid, rec] of this.#flushingRecs) {
      if (rec) upserts.push({ rid, ct: rec.ct });
      else deletes.push(rid);
    }
    if (upserts.length > 0) await records.mergeInsert('rid').whenMatchedUpdateAll().whenNotMatchedInsertAll().execute(recordBatch(upserts));
    if (deletes.length > 0) await records.delete(`rid IN (${sqlList(deletes)})`);
    // Only now that LanceDB holds the new rows (or none) may the keys change; the keyring write
    // below (retiring the journals) destroys the replaced and deleted records' keys. After a crash
    // before it, the journal still holds these ops and replays them.
    const { recordKeys } = this.#keyring;
    for (const [rid, rec] of this.#flushingRecs) {
      if (rec?.key) recordKeys.set(rid, rec.key);
      else recordKeys.delete(rid);
    }
    const last = this.#unindexed[this.#unindexed.length - 1];
    if (last && last.size < UNINDEXED_CHUNK) last.absorb(this.#flushing);
    else if (this.#flushing.size > 0) this.#unindexed.push(this.#flushing);
    this.#flushing = new Overlay();
    this.#flushingRecs = new Map();
    this.#dedupeNeeded = false;
    this.#dirtyTables = true;
    this.#spare = await this.#newJournal();
    await this.#retireJournals(retiring);
    await this.#mergeBatches();
    if (++this.#flushesSinceOptimize >= this.#optimizeEvery || this.#unindexedRows() >= this.#optimizeRows) await this.#optimize();
  }

  /** The words of rows ascending by `g`, each with the ascending `g`s of the rows holding it. */
  #batchWords(rows: readonly OverlayRow[]): BatchWords {
    // The cached term list of a word is one object, so this is one identity lookup per word.
    const byWord = new Map<readonly string[], number[]>();
    let entries = 0;
    for (const row of rows) {
      for (const wordTerms of row.terms) {
        const gs = byWord.get(wordTerms);
        if (!gs) byWord.set(wordTerms, [row.g]);
        else if (gs[gs.length - 1] !== row.g) gs.push(row.g);
        else continue;
        entries++;
      }
    }
    const gs = new Float64Array(entries);
    const ends = new Uint32Array(byWord.size);
    let at = 0;
    let word = 0;
    for (const list of byWord.values()) {
      gs.set(list, at);
      ends[word++] = at += list.length;
    }
    return { words: [...byWord.keys()], gs, ends };
  }

  #unindexedRows(): number {
    return this.#unindexed.reduce((n, o) => n + o.size, 0);
  }

  #messageRow(row: OverlayRow): MessageRow {
    return { h: messageIdHash(this.#idKey, row.id), k: orderKey(row.slot, row.seq), g: row.g, ct: row.ct };
  }

  /** After a replay: the rows whose message is not in LanceDB yet (the flush that held them may have been cut short after its add). */
  async #notYetStored(rows: OverlayRow[]): Promise<OverlayRow[]> {
    const stored = new Set<bigint>();
    const hashes = rows.map((r) => messageIdHash(this.#idKey, r.id));
    for (let i = 0; i < hashes.length; i += 1000) {
      const found = await this.#tables.messages.query().where(`h IN (${hashes.slice(i, i + 1000).join(',')})`).select(['h', 'k', 'g', 'ct']).toArrow();
      for (const row of messageRows(found)) stored.add(row.h);
    }
    return rows.filter((_, i) => !stored.has(hashes[i]!));
  }

  async #optimize(): Promise<void> {
    this.#dropReadAhead();
    const options = { cleanupOlderThan: new Date(), deleteUnverified: true };
    const { messages, postings, records } = this.#tables;
    await messages.optimize(options);
    await postings.optimize(options);
    await records.optimize(options);
    this.#unindexed = [];
    this.#flushesSinceOptimize = 0;
    this.#dirtyTables = false;
  }

  async #loadRecords(): Promise<void> {
    const convScoped = new Map<string, StoreKey>();
    for (const [conv, keys] of this.#keyring.conversations) {
      convScoped.set(recordId(this.#ridKey, 'conv', conv), this.#key(keys.meta));
      convScoped.set(recordId(this.#ridKey, 'session', conv), this.#key(keys.meta));
    }
    const table = await this.#tables.records.query().select(['rid', 'ct']).toArrow();
    const rids = table.getChild('rid')!;
    const cts = table.getChild('ct')!;
    for (let i = 0; i < table.numRows; i++) {
      const rid = rids.get(i) as string;
      try {
        const own = this.#keyring.recordKeys.get(rid);
        const rec = openRecord(own ? this.#key(own) : (convScoped.get(rid) ?? this.#recordsKey), rid, cts.get(i) as Uint8Array);
        if (recordId(this.#ridKey, rec.kind, rec.key) !== rid) throw new StoreCorruptError('record id');
        this.#records.set(rid, rec);
        if (!own && !convScoped.has(rid)) this.#legacyRecords.push(rid);
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

  /**
   * A record put. Conversations and sessions are sealed under the conversation's meta key (gone
   * with the conversation); every other record under a fresh key of its own, so deleting or
   * replacing it destroys the key of every copy LanceDB may keep (issue 3 §3).
   */
  #recordOp(kind: RecordKind, key: string, value: unknown): Op {
    const rid = recordId(this.#ridKey, kind, key);
    const rec: RecordValue = { kind, key, value };
    if (kind === 'conv' || kind === 'session') return { t: 'rec', rid, ct: sealRecord(this.#metaKey(key), rid, rec, this.#rng), rec };
    const own = this.#rng(32);
    return { t: 'rec', rid, ct: sealRecord(this.#key(own), rid, rec, this.#rng), rec, key: own };
  }

  async #putRecord(kind: RecordKind, key: string, value: unknown): Promise<void> {
    this.#usable();
    await this.#commit([this.#recordOp(kind, key, value)]);
  }

  /**
   * Deletes a record; its key is destroyed by the flush that deletes its row — at once when
   * `erase` (rare deletions: contacts, settings), else with the next background flush within
   * `flushIntervalMs` (outbox entries, deleted on every acknowledgement).
   */
  async #deleteRecord(kind: RecordKind, key: string, erase: boolean): Promise<void> {
    this.#usable();
    await this.#commit([{ t: 'recdel', rid: recordId(this.#ridKey, kind, key) }]);
    if (erase) await this.#exclusive(() => this.#flushNow(false));
  }

  // ---- profile ------------------------------------------------------------------------------

  async close(): Promise<void> {
    if (this.#closed) return;
    clearInterval(this.#timer);
    clearTimeout(this.#compactionTimer);
    try {
      await this.#exclusive(async () => {
        if (this.#failure !== undefined) return;
        await this.#flushNow(false);
        // Leave every row indexed, so the next open needs no in-memory overlay.
        if (this.#dirtyTables) await this.#optimize();
      });
    } finally {
      this.#closed = true;
      await this.#prewarm;
      await this.#journal.close().catch(() => undefined);
      await this.#spare.close().catch(() => undefined);
      this.#tables.messages.close();
      this.#tables.postings.close();
      this.#tables.records.close();
      this.#tables.db.close();
      this.#termCache.clear();
      for (const key of [this.#master, this.#recordsKey, this.#ridKey, this.#idKey, this.#keyringKey]) key.wipe();
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
    await this.#deleteRecord('contact', id, true);
  }

  async putConversation(conversation: Conversation): Promise<void> {
    this.#usable();
    assertId(conversation.id, 'conversation id');
    assertBlob(conversation.meta, 'conversation meta');
    const ops: Op[] = [];
    if (!this.#keyring.conversations.has(conversation.id)) {
      const op: Op = { t: 'ckey', conv: conversation.id, key: this.#rng(32), slot: this.#freeSlot() };
      this.#applyOne(op);
      ops.push(op);
    }
    const value: ConvRecord = {
      conversation: { id: conversation.id, title: String(conversation.title), memberIds: [...conversation.memberIds].map(String), createdAt: conversation.createdAt, meta: Uint8Array.from(conversation.meta) },
    };
    ops.push(this.#recordOp('conv', conversation.id, value));
    await this.#commit(ops);
  }

  /** A random slot no live conversation (or one still being purged) uses. */
  #freeSlot(): number {
    for (;;) {
      const slot = 1 + (this.#rng(4).readUInt32LE(0) % (SLOT_LIMIT - 1));
      if (!this.#convBySlot.has(slot) && !this.#keyring.purgeSlots.includes(slot)) return slot;
    }
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
    await this.#deleteRecord('outbox', id, false);
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
    await this.#deleteRecord('setting', key, true);
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

  /** A body's index terms, word by word (a term shared by two words, or a repeated word, appears twice; postings skip the repeat). */
  #termsOf(body: Uint8Array): (readonly string[])[] {
    return this.#termCache.of(body);
  }

  #checkConversation(conv: string): void {
    let rid = this.#convRids.get(conv);
    if (rid === undefined) this.#convRids.set(conv, (rid = recordId(this.#ridKey, 'conv', conv)));
    if (!this.#keyring.conversations.has(conv) || !this.#records.has(rid)) throw new NotFoundError('conversation');
  }

  /**
   * Seals new messages and queues their journal ops; the caller has validated them. The stored
   * bodies share one buffer and so do the ciphertexts (one allocation each per call, not per
   * message: at a million messages, per-message buffers kept the garbage collector busy).
   */
  #buildMessages(messages: readonly NewMessage[], ops: Op[]): StoredMessage[] {
    const stored: StoredMessage[] = [];
    let bodyBytes = 0;
    for (const m of messages) bodyBytes += m.body.length;
    const bodies = new Uint8Array(bodyBytes);
    let at = 0;
    let sealedBytes = 0;
    const sealedLengths: number[] = [];
    for (const message of messages) {
      const conv = message.conversationId;
      const id = message.id ?? this.#nonceRng(16).toString('base64url');
      const seq = this.#nextSeq.get(conv) ?? 1;
      this.#nextSeq.set(conv, seq + 1);
      const body = bodies.subarray(at, (at += message.body.length));
      body.set(message.body);
      const m: StoredMessage = { id, conversationId: conv, seq, sender: message.sender, timestamp: message.timestamp, body, delivery: message.delivery };
      stored.push(m);
      sealedLengths.push(sealedMessageLength(m));
      sealedBytes += sealedLengths[sealedLengths.length - 1]!;
    }
    const sealed = Buffer.allocUnsafe(sealedBytes);
    at = 0;
    for (let i = 0; i < stored.length; i++) {
      const m = stored[i]!;
      const conv = m.conversationId;
      const g = this.#nextG++;
      const { gen, key } = this.#currentEpochKey(conv, epochOf(m.seq), ops);
      const ct = sealed.subarray(at, (at += sealedLengths[i]!));
      sealMessageInto(ct, key, gen, conv, m.seq, g, m, this.#nonceRng);
      const slot = this.#keyring.conversations.get(conv)!.slot;
      ops.push({ t: 'msg', row: { id: m.id, conv, slot, seq: m.seq, g, ct, terms: this.#termsOf(m.body), update: false } });
    }
    return stored;
  }

  /** Newest first: what a read must consult besides LanceDB's indexed rows. */
  #overlays(): Overlay[] {
    return [this.#pending, this.#flushing, ...this.#unindexed.slice().reverse()];
  }

  #overlayRow(id: string): OverlayRow | undefined {
    for (const overlay of this.#overlays()) {
      const row = overlay.get(id);
      if (row) return row;
    }
    return undefined;
  }

  #overlayRowByG(g: number): OverlayRow | undefined {
    for (const overlay of this.#overlays()) {
      const row = overlay.getByG(g);
      if (row) return row;
    }
    return undefined;
  }

  /** A message saved again under an id still in memory is returned as stored, not duplicated. */
  #journaledCopy(id: string | undefined): StoredMessage | undefined {
    if (id === undefined) return undefined;
    const row = this.#pending.get(id) ?? this.#flushing.get(id);
    return row && this.#decrypt(row);
  }

  async saveMessage(message: NewMessage): Promise<StoredMessage> {
    this.#usable();
    assertNewMessage(message);
    const known = this.#journaledCopy(message.id);
    if (known) return known;
    this.#checkConversation(message.conversationId);
    const ops: Op[] = [];
    const [stored] = this.#buildMessages([message], ops);
    await this.#commit(ops);
    return stored!;
  }

  async commit(batch: StoreBatch): Promise<StoredMessage | undefined> {
    this.#usable();
    // Every op is built (and validated) before any is applied: a bad batch changes nothing.
    const ops: Op[] = [];
    if (batch.message) {
      assertNewMessage(batch.message);
      this.#checkConversation(batch.message.conversationId);
    }
    const stored = batch.message && this.#buildMessages([batch.message], ops)[0];
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

  /**
   * Saves many messages as one transaction — one journal record, one sync — and resolves once all
   * are durable. Checks every message before saving any.
   */
  async appendMessages(messages: readonly NewMessage[]): Promise<StoredMessage[]> {
    this.#usable();
    assertBatch(messages, 'messages');
    let bytes = 0;
    for (const m of messages) {
      assertNewMessage(m);
      this.#checkConversation(m.conversationId);
      bytes += m.body.length;
    }
    if (bytes > STORE_LIMITS.maxAppendBytes) throw new StoreInputError(`at most ${STORE_LIMITS.maxAppendBytes} body bytes per append`);
    // A message saved again under an id earlier in this call or still journaled is returned as
    // stored, not duplicated.
    const out: (StoredMessage | number)[] = [];
    const fresh: NewMessage[] = [];
    const inThisCall = new Map<string, number>();
    for (const m of messages) {
      const earlier = m.id !== undefined ? inThisCall.get(m.id) : undefined;
      const known = earlier === undefined ? this.#journaledCopy(m.id) : undefined;
      if (earlier !== undefined) out.push(earlier);
      else if (known) out.push(known);
      else {
        if (m.id !== undefined) inThisCall.set(m.id, fresh.length);
        out.push(fresh.length);
        fresh.push(m);
      }
    }
    if (fresh.length === 0) return out as StoredMessage[];
    const ops: Op[] = [];
    const built = this.#buildMessages(fresh, ops);
    await this.#commit(ops);
    return out.map((m) => (typeof m === 'number' ? built[m]! : m));
  }

  async saveIncoming(conversationId: string, sessionState: Uint8Array, message: NewMessage): Promise<StoredMessage> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    assertBlob(sessionState, 'session state');
    if (message.conversationId !== conversationId) throw new StoreInputError('message belongs to another conversation');
    assertNewMessage(message);
    this.#checkConversation(conversationId);
    const ops: Op[] = [];
    const [stored] = this.#buildMessages([message], ops);
    ops.push(this.#recordOp('session', conversationId, Uint8Array.from(sessionState)));
    await this.#commit(ops);
    return stored!;
  }

  #decryptBody(row: Located): MessageBody {
    return openMessage(this.#epochKey(row.conv, epochOf(row.seq), messageGen(row.ct)), row.conv, row.seq, row.g, row.ct);
  }

  #decrypt(row: Located): StoredMessage {
    const m = this.#decryptBody(row);
    return { id: m.id, conversationId: row.conv, seq: row.seq, sender: m.sender, timestamp: m.timestamp, body: m.body, delivery: m.delivery };
  }

  /** A LanceDB row as a located row, if its conversation still exists. */
  #locate(row: MessageRow): Located | undefined {
    const slot = slotOfKey(row.k);
    const conv = this.#convBySlot.get(slot);
    return conv === undefined ? undefined : { conv, slot, seq: seqOfKey(row.k), g: row.g, ct: row.ct };
  }

  /**
   * Reads race background compaction, which prunes the files of older versions; a read that
   * lost that race is repeated once on the new version. A key generation dropped by a deletion
   * that finished meanwhile is the same race.
   */
  async #retrying<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch {
      this.#dropReadAhead();
      return read();
    }
  }

  #dropReadAhead(): void {
    this.#readAhead.clear();
    this.#readAheadEpoch++;
  }

  /** Indexed rows of a conversation with lo <= seq < hi; newest-first pages read a page further back and keep it. */
  async #indexedRows(conv: string, slot: number, lo: number, hi: number, readAhead: number): Promise<readonly Located[]> {
    const kept = this.#readAhead.get(conv);
    if (kept && kept.lo <= lo && hi <= kept.hi) return kept.rows.filter((r) => r.seq >= lo && r.seq < hi);
    const from = Math.max(1, lo - readAhead);
    const epoch = this.#readAheadEpoch;
    const base = orderKey(slot, 0);
    const rows: Located[] = [];
    for (const row of messageRows(await this.#tables.messages.query().where(`k >= ${base + from} AND k < ${base + hi}`).select(['k', 'g', 'ct']).fastSearch().toArrow())) {
      rows.push({ conv, slot, seq: seqOfKey(row.k), g: row.g, ct: row.ct });
    }
    if (readAhead > 0 && epoch === this.#readAheadEpoch) {
      this.#readAhead.delete(conv);
      this.#readAhead.set(conv, { lo: from, hi, rows });
      if (this.#readAhead.size > READ_AHEAD_CONVERSATIONS) this.#readAhead.delete(this.#readAhead.keys().next().value!);
    }
    return from === lo ? rows : rows.filter((r) => r.seq >= lo);
  }

  async #storedRow(conv: string, id: string): Promise<(Located & { readonly id: string }) | undefined> {
    const keys = this.#keyring.conversations.get(conv);
    if (!keys) return undefined;
    const o = this.#overlayRow(id);
    if (o) return o.conv === conv ? o : undefined;
    const [lo, hi] = slotRange(keys.slot);
    const found = await this.#retrying(async () => messageRows(await this.#tables.messages.query().where(`h = ${messageIdHash(this.#idKey, id)}`).select(['k', 'g', 'ct']).fastSearch().toArrow()));
    for (const row of found) {
      if (row.k < lo || row.k >= hi) continue;
      const located = this.#locate(row)!;
      if (this.#decryptBody(located).id === id) return { ...located, id };
    }
    return undefined;
  }

  async getMessage(conversationId: string, id: string): Promise<StoredMessage | undefined> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    assertId(id, 'message id');
    const row = await this.#storedRow(conversationId, id);
    return row && this.#decrypt(row);
  }

  async setDelivery(conversationId: string, id: string, state: DeliveryState, body?: Uint8Array): Promise<void> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    assertId(id, 'message id');
    assertDeliveryState(state);
    const row = await this.#storedRow(conversationId, id);
    if (!row) throw new NotFoundError('message');
    const current = this.#decryptBody(row);
    if (body !== undefined) assertSamePayload(current.body, body);
    const ops: Op[] = [];
    const { gen, key } = this.#currentEpochKey(row.conv, epochOf(row.seq), ops);
    // The row is sealed again either way: a new header (same text, same index terms) costs nothing more.
    const ct = sealMessage(key, gen, row.conv, row.seq, row.g, { ...current, delivery: state, ...(body !== undefined ? { body: Uint8Array.from(body) } : {}) }, this.#rng);
    ops.push({ t: 'msg', row: { id, conv: row.conv, slot: row.slot, seq: row.seq, g: row.g, ct, terms: row.terms ?? this.#termsOf(current.body), update: true } });
    await this.#commit(ops);
  }

  async history(conversationId: string, options?: HistoryOptions): Promise<StoredMessage[]> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    const { before, limit } = pageRequest(options);
    return this.#retrying(() => this.#page(conversationId, before, limit, false));
  }

  /**
   * Newest-first page below `bound`, or oldest-first page above it when `ascending`. Sequence
   * numbers are dense apart from deletions, so the page is one indexed range on `k` (plus a wider
   * one when deletions left gaps), merged with the overlay.
   */
  async #page(conv: string, bound: number, limit: number, ascending: boolean): Promise<StoredMessage[]> {
    const keys = this.#keyring.conversations.get(conv);
    if (!keys) return [];
    const next = this.#nextSeq.get(conv) ?? 1;
    const bySeq = new Map<number, Located>();
    let lo = ascending ? Math.max(1, bound + 1) : Math.max(1, Math.min(bound, next) - limit - PAGE_SLACK);
    let hi = ascending ? Math.min(next, lo + limit + PAGE_SLACK) : Math.min(bound, next);
    while (lo < hi) {
      for (const row of await this.#indexedRows(conv, keys.slot, lo, hi, ascending ? 0 : limit + PAGE_SLACK)) bySeq.set(row.seq, row);
      for (const overlay of this.#overlays().reverse()) for (const row of overlay.range(conv, lo, hi)) bySeq.set(row.seq, row);
      const missing = limit - bySeq.size;
      if (missing <= 0) break;
      if (ascending) [lo, hi] = [hi, Math.min(next, hi + 2 * missing + PAGE_SLACK)];
      else [lo, hi] = [Math.max(1, lo - 2 * missing - PAGE_SLACK), lo];
    }
    return [...bySeq.values()]
      .sort((a, b) => (ascending ? a.seq - b.seq : b.seq - a.seq))
      .slice(0, limit)
      .map((row) => this.#decrypt(row));
  }

  async search(query: string, options?: SearchOptions): Promise<StoredMessage[]> {
    this.#usable();
    const limit = Math.min(options?.limit ?? STORE_LIMITS.defaultPageSize, STORE_LIMITS.maxSearchResults);
    if (options?.conversationId !== undefined) assertId(options.conversationId, 'conversation id');
    const queryWords = words(String(query)).slice(0, 16);
    if (queryWords.length === 0) return [];
    const terms = [...new Set(queryWords.map(queryTerm))];
    let slot: number | undefined;
    if (options?.conversationId !== undefined) {
      slot = this.#keyring.conversations.get(options.conversationId)?.slot;
      if (slot === undefined) return [];
    }
    return this.#retrying(() => this.#search(terms, queryWords, slot, limit));
  }

  async #search(terms: readonly string[], queryWords: readonly string[], slot: number | undefined, limit: number): Promise<StoredMessage[]> {
    const found = new Map<string, StoredMessage>();
    const consider = (row: Located): void => {
      const m = this.#decrypt(row);
      if (!found.has(m.id) && matchesQuery(words(bodyText(m.body)), queryWords)) found.set(m.id, m);
    };
    // Journaled rows are not in the blind index yet.
    const seen = new Set<number>();
    for (const overlay of [this.#pending, this.#flushing]) {
      for (const row of overlay.rows()) {
        if ((slot === undefined || row.slot === slot) && !seen.has(row.g) && terms.every((t) => row.terms.some((wordTerms) => wordTerms.includes(t)))) {
          seen.add(row.g);
          consider(row);
        }
      }
    }
    const fromOverlay = found.size;
    let candidates = (await this.#postingCandidates(terms)).filter((g) => !seen.has(g));
    let range = '';
    if (slot !== undefined) {
      const [lo, hi] = slotRange(slot);
      range = ` AND k >= ${lo} AND k < ${hi}`;
      // Many candidates from all conversations: narrow them to this one's messages first.
      if (candidates.length > 4 * limit) {
        const mine = await this.#insertionNumbers(slot, true);
        candidates = candidates.filter((g) => mine.has(g));
      }
    }
    for (let i = 0; i < candidates.length && found.size < limit + fromOverlay; i += 2 * limit) {
      const fetch: number[] = [];
      for (const g of candidates.slice(i, i + 2 * limit)) {
        const row = this.#overlayRowByG(g);
        if (row) {
          if (slot === undefined || row.slot === slot) consider(row);
        } else fetch.push(g);
      }
      if (fetch.length === 0) continue;
      const rows = messageRows(await this.#tables.messages.query().where(`g IN (${fetch.join(',')})${range}`).select(['k', 'g', 'ct']).fastSearch().toArrow());
      for (const row of rows.sort((a, b) => b.g - a.g)) {
        const located = this.#locate(row);
        if (located) consider(located);
      }
    }
    return [...found.values()].sort((a, b) => b.timestamp - a.timestamp || b.seq - a.seq).slice(0, limit);
  }

  /** Insertion numbers of a conversation's stored messages (all of LanceDB's rows unless `indexedOnly`, plus the overlays). */
  async #insertionNumbers(slot: number, indexedOnly: boolean): Promise<Set<number>> {
    const [lo, hi] = slotRange(slot);
    let query = this.#tables.messages.query().where(`k >= ${lo} AND k < ${hi}`).select(['g']);
    if (indexedOnly) query = query.fastSearch();
    const table = await query.toArrow();
    const out = new Set<number>();
    if (table.numRows > 0) for (const g of table.getChild('g')!.toArray() as BigInt64Array) out.add(Number(g));
    for (const overlay of this.#overlays()) for (const row of overlay.rows()) if (row.slot === slot) out.add(row.g);
    return out;
  }

  /** Insertion numbers of the indexed messages holding every term, newest first. */
  async #postingCandidates(terms: readonly string[]): Promise<number[]> {
    for (;;) {
      const epoch = this.#batchEpoch;
      const tokens = new Map<bigint, BatchInfo>();
      for (const batch of this.#keyring.batches) for (const term of terms) tokens.set(postingToken(this.#key(batch.key), term), batch);
      if (tokens.size === 0) return [];
      const rows = postingRowsOf(await this.#tables.postings.query().where(`tok IN (${[...tokens.keys()].join(',')})`).select(['b', 'tok', 'pl']).toArrow());
      if (epoch !== this.#batchEpoch) continue;
      const perTerm = new Map<string, number[]>(terms.map((t) => [t, []]));
      for (const row of rows) {
        const batch = tokens.get(row.tok);
        if (!batch || batch.id !== row.b) continue;
        for (const [term, runs] of openPosting(this.#key(batch.key), row.b, row.tok, row.pl)) perTerm.get(term)?.push(...decodeRuns(runs));
      }
      const [first, ...rest] = [...perTerm.values()].sort((a, b) => a.length - b.length);
      const others = rest.map((gs) => new Set(gs));
      return first!.filter((g) => others.every((o) => o.has(g))).sort((a, b) => b - a);
    }
  }

  // ---- deletion ----------------------------------------------------------------------------

  /**
   * Deletes one message. Cryptographically: its epoch gets a new key generation, the epoch's other
   * rows are re-encrypted under it and the old key leaves the keyring; the blind-index batch that
   * lists it is rewritten without it under a new key and the old batch key is destroyed. Then the
   * rows are deleted from LanceDB (by opaque numbers only) and compaction + pruning follows within
   * seconds (and at close). Every old copy is unreadable as soon as this resolves.
   */
  async deleteMessage(conversationId: string, id: string): Promise<void> {
    await this.deleteMessages(conversationId, [id]);
  }

  /** Deletes several messages of a conversation (e.g. expired ones) at the cost of about one. */
  async deleteMessages(conversationId: string, ids: readonly string[]): Promise<void> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    assertBatch(ids, 'message ids');
    for (const id of ids) assertId(id, 'message id');
    await this.#exclusive(async () => {
      const keys = this.#keyring.conversations.get(conversationId);
      if (!keys) return;
      // Every row journaled so far must be in LanceDB, and the journals that held them (and the
      // keys about to be destroyed) retired. Rows saved meanwhile are re-sealed by #completeRekey;
      // chasing an empty journal instead could wait for as long as saves keep coming. With nothing
      // journaled since the last flush (a profile opened to read and delete) there is nothing to
      // move or retire.
      await this.#flushNow(!this.#journal.empty);
      const terms = new Set<string>();
      const epochs = new Map<number, number[]>();
      for (const id of new Set(ids)) {
        const row = await this.#storedRow(conversationId, id);
        if (!row) continue;
        for (const wordTerms of this.#termsOf(this.#decryptBody(row).body)) for (const term of wordTerms) terms.add(term);
        const gs = epochs.get(epochOf(row.seq)) ?? [];
        epochs.set(epochOf(row.seq), [...gs, row.g]);
      }
      if (epochs.size === 0) return;
      for (const [epoch, gs] of epochs) {
        const ek = keys.epochs.get(epoch);
        if (!ek) throw new StoreCorruptError('message key missing');
        this.#rekey(ek, gs);
        this.#keyring.purgeGs.push(...gs);
      }
      await this.#saveKeyring();
      for (const epoch of epochs.keys()) await this.#completeRekey(conversationId, epoch, keys.epochs.get(epoch)!);
      await this.#purgeIndex(terms);
      this.#scheduleCompaction();
    });
  }

  /**
   * Replaces a message's body at the same id and position (issue 8: edit, delete for everyone,
   * reactions). The old row is deleted exactly as by `deleteMessages` (its key generation
   * destroyed, its postings rewritten away), then the new body is saved as a new row with the
   * same seq. A crash between the two loses the message rather than keeping the old text.
   */
  async replaceMessage(conversationId: string, id: string, body: Uint8Array): Promise<StoredMessage> {
    this.#usable();
    assertBlob(body, 'message body');
    const old = await this.getMessage(conversationId, id);
    if (!old) throw new NotFoundError('message');
    await this.deleteMessages(conversationId, [id]);
    this.#checkConversation(conversationId);
    const stored: StoredMessage = { ...old, body: Uint8Array.from(body) };
    const ops: Op[] = [];
    const g = this.#nextG++;
    const { gen, key } = this.#currentEpochKey(conversationId, epochOf(old.seq), ops);
    const ct = sealMessage(key, gen, conversationId, old.seq, g, stored, this.#nonceRng);
    const slot = this.#keyring.conversations.get(conversationId)!.slot;
    ops.push({ t: 'msg', row: { id, conv: conversationId, slot, seq: old.seq, g, ct, terms: this.#termsOf(stored.body), update: false } });
    await this.#commit(ops);
    return stored;
  }

  /** Adds a new current generation; from here on new rows of the epoch use it. */
  #rekey(ek: EpochKeys, deleteGs: readonly number[]): void {
    const gen = Math.max(...ek.gens.keys()) + 1;
    ek.gens.set(gen, this.#rng(32));
    ek.current = gen;
    ek.pendingDelete.push(...deleteGs);
  }

  #forget(g: number): void {
    this.#dropReadAhead();
    this.#deletedGs.add(g);
    for (const overlay of this.#overlays()) {
      const row = overlay.getByG(g);
      if (row) overlay.delete(row.id);
    }
  }

  async #completeRekey(conv: string, epoch: number, ek: EpochKeys): Promise<void> {
    this.#dropReadAhead();
    const { messages } = this.#tables;
    const slot = this.#keyring.conversations.get(conv)!.slot;
    if (ek.pendingDelete.length > 0) {
      await messages.delete(`g IN (${ek.pendingDelete.join(',')})`);
      for (const g of ek.pendingDelete) this.#forget(g);
    }
    const lo = orderKey(slot, epoch * EPOCH_SIZE);
    // Without fastSearch: rows flushed since the last optimize must be re-encrypted too.
    const rows = messageRows(await messages.query().where(`k >= ${lo} AND k < ${lo + EPOCH_SIZE}`).select(['h', 'k', 'g', 'ct']).toArrow());
    const key = this.#key(ek.gens.get(ek.current)!);
    const reseal = (row: Located): { m: MessageBody; ct: Buffer } => {
      const m = this.#decryptBody(row);
      return { m, ct: sealMessage(key, ek.current, conv, row.seq, row.g, m, this.#rng) };
    };
    // Rows saved while the deletion was waiting for LanceDB may still use an old generation.
    const ops: Op[] = [];
    for (const overlay of [this.#flushing, this.#pending]) {
      for (const row of overlay.range(conv, epoch * EPOCH_SIZE, (epoch + 1) * EPOCH_SIZE)) {
        if (messageGen(row.ct) !== ek.current) ops.push({ t: 'msg', row: { ...row, ct: reseal(row).ct, update: true } });
      }
    }
    if (ops.length > 0) await this.#commit(ops);
    const changed: MessageRow[] = [];
    const resealed = new Overlay();
    for (const row of rows) {
      if (messageGen(row.ct) === ek.current) continue;
      const located = this.#locate(row)!;
      const { m, ct } = reseal(located);
      changed.push({ ...row, ct });
      // The new copies land in unindexed fragments; serve them from memory until the next optimize.
      if (!this.#pending.get(m.id) && !this.#flushing.get(m.id)) resealed.put({ id: m.id, conv, slot, seq: located.seq, g: row.g, ct, terms: this.#termsOf(m.body), update: false });
    }
    if (changed.length > 0) {
      await messages.mergeInsert('g').whenMatchedUpdateAll().execute(messageBatch(changed));
      this.#unindexed.push(resealed);
    }
    this.#dropReadAhead();
    ek.gens = new Map([[ek.current, ek.gens.get(ek.current)!]]);
    ek.pendingDelete = [];
    this.#dirtyTables = true;
    await this.#saveKeyring();
  }

  /**
   * Removes deleted messages (purgeGs) and conversations (purgeSlots) from the blind index — every
   * batch that lists one is rewritten without it under a new key — and then from LanceDB. A
   * conversation's rows go last, so after a crash they still tell which postings to drop.
   */
  async #purgeIndex(dropTerms?: ReadonlySet<string>): Promise<void> {
    const gs = new Set(this.#keyring.purgeGs);
    for (const slot of this.#keyring.purgeSlots) for (const g of await this.#insertionNumbers(slot, false)) gs.add(g);
    if (gs.size === 0 && this.#keyring.purgeSlots.length === 0) return;
    const sorted = [...gs].sort((a, b) => a - b);
    const lists = (batch: BatchInfo): boolean => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < batch.lo) lo = mid + 1;
        else hi = mid;
      }
      return lo < sorted.length && sorted[lo]! <= batch.hi;
    };
    for (let i = this.#keyring.batches.length - 1; i >= 0; i--) if (lists(this.#keyring.batches[i]!)) await this.#rewriteBatches(i, 1, gs, dropTerms);
    for (const slot of this.#keyring.purgeSlots) {
      const [lo, hi] = slotRange(slot);
      await this.#tables.messages.delete(`k >= ${lo} AND k < ${hi}`);
    }
    this.#keyring.purgeGs = [];
    this.#keyring.purgeSlots = [];
    this.#dirtyTables = true;
    await this.#saveKeyring();
  }

  /**
   * Replaces `count` adjacent batches from `start` with one batch under a new key — without the
   * insertion numbers in `drop`, which occur only under `dropTerms` when that is known — then
   * destroys the old keys and deletes the old rows.
   */
  async #rewriteBatches(start: number, count: number, drop?: ReadonlySet<number>, dropTerms?: ReadonlySet<string>): Promise<void> {
    const old = this.#keyring.batches.slice(start, start + count);
    const ids = old.map((b) => b.id);
    const rows = postingRowsOf(await this.#tables.postings.query().where(`b IN (${ids.join(',')})`).select(['b', 'tok', 'pl']).toArrow());
    const merged = new Map<string, Buffer>();
    const dropped = new Set<number>();
    // Oldest batch first, so the runs of a term stay in ascending order when put side by side.
    for (const batch of old) {
      for (const row of rows) {
        if (row.b !== batch.id) continue;
        for (const [term, runs] of openPosting(this.#key(batch.key), row.b, row.tok, row.pl)) {
          let data: Buffer | undefined = runs;
          // Terms the dropped messages do not have need no decoding.
          if (drop && (!dropTerms || dropTerms.has(term))) {
            const gs = decodeRuns(runs);
            const kept = gs.filter((g) => !drop.has(g));
            for (const g of gs) if (drop.has(g)) dropped.add(g);
            data = kept.length === gs.length ? runs : kept.length > 0 ? encodeRun(kept) : undefined;
          }
          if (!data) continue;
          const prior = merged.get(term);
          merged.set(term, prior ? Buffer.concat([prior, data]) : data);
        }
      }
    }
    const id = this.#keyring.nextBatchId++;
    const key = this.#rng(32);
    const packed = sealPostings(id, this.#key(key), merged);
    if (packed.toks.length > 0) await this.#tables.postings.add(packedPostingBatch(id, packed));
    const total = old.reduce((n, b) => n + b.count, 0) - dropped.size;
    const replacement: BatchInfo[] = packed.toks.length > 0 ? [{ id, key, lo: old[0]!.lo, hi: old[old.length - 1]!.hi, count: total }] : [];
    this.#keyring.batches.splice(start, count, ...replacement);
    this.#keyring.deadBatches.push(...ids);
    this.#batchEpoch++;
    await this.#saveKeyring();
    await this.#tables.postings.delete(`b IN (${ids.join(',')})`);
    this.#keyring.deadBatches = [];
    this.#dirtyTables = true;
  }

  async #mergeBatches(): Promise<void> {
    for (let i = mergeCandidate(this.#keyring.batches); i !== undefined; i = mergeCandidate(this.#keyring.batches)) {
      await this.#rewriteBatches(i, 2);
    }
  }

  /** Drops posting rows no batch owns: a flush or rewrite cut short, or old rows a rewrite had not deleted yet. */
  async #dropOrphanPostings(): Promise<void> {
    const { postings } = this.#tables;
    const dead = this.#keyring.deadBatches;
    const predicate = `b >= ${this.#keyring.nextBatchId}${dead.length > 0 ? ` OR b IN (${dead.join(',')})` : ''}`;
    if ((await postings.countRows(predicate)) > 0) await postings.delete(predicate);
    if (dead.length > 0) {
      this.#keyring.deadBatches = [];
      await this.#saveKeyring();
    }
  }

  async #finishInterruptedDeletions(): Promise<void> {
    // Keys of a conversation without its record (and not because the record is unreadable): a
    // deletion that died after deleting the record.
    for (const conv of [...this.#keyring.conversations.keys()]) {
      const rid = recordId(this.#ridKey, 'conv', conv);
      if (!this.#records.has(rid) && !this.#corrupt.has(rid)) await this.#dropConversation(conv);
    }
    for (const [conv, keys] of this.#keyring.conversations) {
      for (const [epoch, ek] of keys.epochs) if (ek.gens.size > 1 || ek.pendingDelete.length > 0) await this.#completeRekey(conv, epoch, ek);
    }
    await this.#purgeIndex();
  }

  /** Removes the conversation, its session and all its messages, and destroys its keys. */
  async deleteConversation(conversationId: string): Promise<void> {
    this.#usable();
    assertId(conversationId, 'conversation id');
    await this.#exclusive(async () => {
      const keys = this.#keyring.conversations.get(conversationId);
      if (!keys) return;
      // The conversation's record goes first: once that is durable, a crash anywhere later is
      // finished on the next open (#finishInterruptedDeletions), so the deletion is never half done.
      await this.#commit([
        { t: 'recdel', rid: recordId(this.#ridKey, 'conv', conversationId) },
        { t: 'recdel', rid: recordId(this.#ridKey, 'session', conversationId) },
      ]);
      await this.#dropConversation(conversationId);
    });
  }

  /** The rest of a conversation's deletion, once its record is deleted. */
  async #dropConversation(conv: string): Promise<void> {
    const keys = this.#keyring.conversations.get(conv)!;
    this.#dropReadAhead();
    for (const overlay of this.#overlays()) overlay.deleteConversation(conv);
    this.#nextSeq.delete(conv);
    // Retires every journal that held its rows or keys.
    await this.#flushNow(true);
    this.#keyring.conversations.delete(conv);
    this.#convBySlot.delete(keys.slot);
    this.#keyring.purgeSlots.push(keys.slot);
    await this.#saveKeyring();
    await this.#purgeIndex();
    this.#scheduleCompaction();
  }

  /** Every message of a conversation, oldest first, a page at a time (for export). */
  async *allMessages(conversationId: string): AsyncGenerator<StoredMessage> {
    this.#usable();
    for (let after = 0; ; ) {
      const page = await this.#retrying(() => this.#page(conversationId, after, STORE_LIMITS.maxPageSize, true));
      if (page.length === 0) return;
      yield* page;
      after = page[page.length - 1]!.seq;
    }
  }
}
