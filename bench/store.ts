/**
 * Store benchmark (issue 3 §Benchmark): the same chat workload — N messages over 1,000
 * conversations (Zipf-sized: a few very large, most small) — through the public LanceStore API
 * and on better-sqlite3 12 (WAL, synchronous=FULL, index on (conversation, seq), FTS5 with prefix
 * indexes for search, WINDOW rows per transaction), in one run. Reports ingest (`ingest_per_s`:
 * appendMessages of BATCH messages, durable when it resolves — the counterpart of SQLite's
 * transactions; `ingest_cpu_us_per_msg`: the process's CPU time per message meanwhile, all threads,
 * which a shared machine's load distorts less than the rate; `ingest_single_per_s`: saveMessage with WINDOW in flight, group-committed),
 * open conversation (newest 50, decrypted) and page back p50/p99, search, delete one message,
 * cold open to first page (after unlock), and size on disk after compaction, with ratios.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { derivePassphraseKey, PWHASH_LIMITS } from '../src/crypto/pwhash.js';
import { createProfile, openProfile, type LanceStore } from '../src/store/lanceStore.js';
import type { NewMessage } from '../src/store/types.js';
import { latencySummary, median } from './lib/stats.js';
import { printTable } from './lib/table.js';

const CONVERSATIONS = 1000;
/** Single-message saves in flight at once (they share journal syncs). */
const WINDOW = 2000;
/** Messages per appendMessages call; the last SINGLE_SAMPLE messages (at most a tenth) are saved one by one. */
const BATCH = 1000;
const SINGLE_SAMPLE = 100_000;
const PASS = 'bench passphrase';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Workload {
  readonly convOf: Uint16Array;
  readonly sizes: number[];
  readonly vocab: string[];
  body(i: number): string;
}

function workload(n: number): Workload {
  const rand = rng(42);
  const weights = Array.from({ length: CONVERSATIONS }, (_, i) => 1 / Math.pow(i + 1, 1.1));
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  const convOf = new Uint16Array(n);
  const sizes = new Array<number>(CONVERSATIONS).fill(0);
  for (let i = 0; i < n; i++) {
    const r = rand();
    let lo = 0;
    let hi = CONVERSATIONS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    convOf[i] = lo;
    sizes[lo]!++;
  }
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const vocab = Array.from({ length: 5000 }, () => Array.from({ length: 3 + Math.floor(rand() * 7) }, () => letters[Math.floor(rand() * 26)]).join(''));
  return {
    convOf,
    sizes,
    vocab,
    body(i: number): string {
      const r = rng(i * 7919 + 1);
      const count = 8 + Math.floor(r() * 12);
      const words: string[] = [];
      for (let w = 0; w < count; w++) words.push(vocab[Math.floor(Math.pow(r(), 2) * vocab.length)]!);
      return words.join(' ');
    },
  };
}

async function dirSize(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? await dirSize(p) : (await stat(p)).size;
  }
  return total;
}

const convId = (c: number): string => `conv${c.toString(36).padStart(3, '0')}x`;

interface Measured {
  ingest_per_s: number;
  /** CPU time of the whole process (every thread) per message ingested: what the rate costs, whatever the machine's load. */
  ingest_cpu_us_per_msg: number;
  ingest_to_lancedb_per_s: number;
  ingest_single_per_s: number;
  maintenance_ms: number;
  open_p50_ms: number;
  open_p99_ms: number;
  page_p50_ms: number;
  page_p99_ms: number;
  search_p50_ms: number;
  search_p99_ms: number;
  delete_p50_ms: number;
  cold_open_ms: number;
  bytes: number;
}

function sampleConversations(w: Workload, count: number, minSize: number): number[] {
  const r = rng(7);
  const eligible = w.sizes.map((s, c) => [s, c] as const).filter(([s]) => s >= minSize).map(([, c]) => c);
  return Array.from({ length: count }, () => eligible[Math.floor(r() * eligible.length)]!);
}

function searchTerms(w: Workload, count: number): string[] {
  const r = rng(11);
  // Words from the middle of the frequency range, some typed as prefixes.
  return Array.from({ length: count }, (_, i) => {
    const word = w.vocab[Math.floor(w.vocab.length * (0.2 + 0.6 * r()))]!;
    return i % 3 === 0 ? word.slice(0, Math.max(3, word.length - 2)) : word;
  });
}

async function timed(fn: () => unknown): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const enc = new TextEncoder();
const message = (w: Workload, j: number): NewMessage => ({ conversationId: convId(w.convOf[j]!), sender: j % 2 ? 'peer' : 'me', timestamp: 1_700_000_000_000 + j, body: enc.encode(w.body(j)), delivery: 'delivered' });

async function addConversations(store: LanceStore): Promise<void> {
  for (let c = 0; c < CONVERSATIONS; c++) await store.putConversation({ id: convId(c), title: `c${c}`, memberIds: ['me', 'peer'], createdAt: 0, meta: new Uint8Array(0) });
}

async function benchOurs(n: number, w: Workload, root: string): Promise<Measured> {
  const dir = join(root, 'profile');
  const store = await createProfile(dir, PASS, { pwhash: PWHASH_LIMITS.min });
  await addConversations(store);
  // Most of the history through the batch API (a sync or an import: BATCH messages per call, the
  // way SQLite gets WINDOW rows per transaction), timed until every call resolved (durable in the
  // journal) and until flushed into LanceDB. Then the rest as single saves, WINDOW in flight at
  // once, each resolving once durable (group commit), timed until they are in LanceDB too, so the
  // sample is not flattered by work left for later.
  const single = Math.min(SINGLE_SAMPLE, Math.floor(n / 10));
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n - single; i += BATCH) {
    const batch: NewMessage[] = [];
    for (let j = i; j < Math.min(n - single, i + BATCH); j++) batch.push(message(w, j));
    await store.appendMessages(batch);
  }
  const acked = performance.now();
  const cpu = process.cpuUsage(cpu0);
  await store.flush();
  const flushed = performance.now();
  for (let i = n - single; i < n; i += WINDOW) {
    const writes: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(n, i + WINDOW); j++) writes.push(store.saveMessage(message(w, j)));
    await Promise.all(writes);
  }
  await store.flush();
  const singleMs = performance.now() - flushed;
  const maintenance_ms = await timed(() => store.compact());
  await store.close();
  const unlock = median(await Promise.all([0, 1, 2].map(() => timed(() => derivePassphraseKey('K', PASS, Buffer.alloc(16), PWHASH_LIMITS.min)))));
  const colds: number[] = [];
  const big = convId(0);
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const s = await openProfile(dir, PASS);
    await s.history(big, { limit: 50 });
    colds.push(performance.now() - t - unlock);
    await s.close();
  }
  // Reads on a freshly opened profile: nothing is served from the write path's memory.
  const reader = await openProfile(dir, PASS);
  const m = await measureReads(reader, w);
  const deletes: number[] = [];
  for (const c of sampleConversations(w, 5, 60)) {
    const victim = (await reader.history(convId(c), { limit: 50 }))[25]!;
    deletes.push(await timed(() => reader.deleteMessage(convId(c), victim.id)));
  }
  await reader.close();
  const bytes = await dirSize(dir);
  return {
    ingest_per_s: ((n - single) / (acked - t0)) * 1000,
    ingest_cpu_us_per_msg: (cpu.user + cpu.system) / (n - single),
    ingest_to_lancedb_per_s: ((n - single) / (flushed - t0)) * 1000,
    ingest_single_per_s: (single / singleMs) * 1000,
    maintenance_ms,
    ...m,
    delete_p50_ms: median(deletes),
    cold_open_ms: median(colds),
    bytes,
  };
}

async function measureReads(store: LanceStore, w: Workload): Promise<Pick<Measured, 'open_p50_ms' | 'open_p99_ms' | 'page_p50_ms' | 'page_p99_ms' | 'search_p50_ms' | 'search_p99_ms'>> {
  const opens: number[] = [];
  const pages: number[] = [];
  for (const c of sampleConversations(w, 200, 1)) {
    let first: Awaited<ReturnType<LanceStore['history']>> = [];
    opens.push(await timed(async () => (first = await store.history(convId(c), { limit: 50 }))));
    if (first.length === 50) pages.push(await timed(() => store.history(convId(c), { limit: 50, before: first[49]!.seq })));
  }
  const searches: number[] = [];
  for (const q of searchTerms(w, 50)) searches.push(await timed(() => store.search(q, { limit: 50 })));
  const o = latencySummary(opens);
  const p = latencySummary(pages);
  const s = latencySummary(searches);
  return { open_p50_ms: o.p50, open_p99_ms: o.p99, page_p50_ms: p.p50, page_p99_ms: p.p99, search_p50_ms: s.p50, search_p99_ms: s.p99 };
}

function benchSqlite(n: number, w: Workload, root: string): Promise<Measured> {
  const file = join(root, 'chat.sqlite');
  const setup = (db: Database.Database): void => {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  };
  let db = new Database(file);
  setup(db);
  db.exec(`CREATE TABLE messages (id TEXT PRIMARY KEY, conv TEXT NOT NULL, seq INTEGER NOT NULL, sender TEXT, ts INTEGER, body TEXT, delivery TEXT);
           CREATE INDEX messages_conv_seq ON messages (conv, seq);
           CREATE VIRTUAL TABLE fts USING fts5(body, content='messages', content_rowid='rowid', prefix='3 4 5 6');`);
  const insert = db.prepare('INSERT INTO messages (id, conv, seq, sender, ts, body, delivery) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertFts = db.prepare('INSERT INTO fts (rowid, body) VALUES (?, ?)');
  const nextSeq = new Array<number>(CONVERSATIONS).fill(1);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < n; i += WINDOW) {
    db.transaction(() => {
      for (let j = i; j < Math.min(n, i + WINDOW); j++) {
        const c = w.convOf[j]!;
        const body = w.body(j);
        const r = insert.run(`m${j}`, convId(c), nextSeq[c]!++, j % 2 ? 'peer' : 'me', 1_700_000_000_000 + j, body, 'delivered');
        insertFts.run(r.lastInsertRowid, body);
      }
    })();
  }
  const ingestMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const page = db.prepare('SELECT * FROM messages WHERE conv = ? AND seq < ? ORDER BY seq DESC LIMIT 50');
  const search = db.prepare('SELECT m.* FROM fts JOIN messages m ON m.rowid = fts.rowid WHERE fts MATCH ? ORDER BY m.ts DESC LIMIT 50');
  const syncTime = (fn: () => unknown): number => {
    const t = performance.now();
    fn();
    return performance.now() - t;
  };
  const opens: number[] = [];
  const pages: number[] = [];
  for (const c of sampleConversations(w, 200, 1)) {
    let first: { seq: number }[] = [];
    opens.push(syncTime(() => (first = page.all(convId(c), Number.MAX_SAFE_INTEGER) as { seq: number }[])));
    if (first.length === 50) pages.push(syncTime(() => page.all(convId(c), first[49]!.seq)));
  }
  const searches = searchTerms(w, 50).map((q) => syncTime(() => search.all(`"${q}"*`)));
  const del = db.prepare('DELETE FROM messages WHERE id = ?');
  const delFts = db.prepare("INSERT INTO fts (fts, rowid, body) VALUES ('delete', ?, ?)");
  const deletes: number[] = [];
  for (const c of sampleConversations(w, 5, 60)) {
    const victim = (page.all(convId(c), Number.MAX_SAFE_INTEGER) as { id: string; body: string }[])[25]!;
    const rowid = (db.prepare('SELECT rowid FROM messages WHERE id = ?').get(victim.id) as { rowid: number }).rowid;
    deletes.push(syncTime(() => db.transaction(() => {
      delFts.run(rowid, victim.body);
      del.run(victim.id);
    })()));
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  const colds: number[] = [];
  for (let k = 0; k < 3; k++) {
    colds.push(syncTime(() => {
      db = new Database(file);
      setup(db);
      db.prepare('SELECT * FROM messages WHERE conv = ? AND seq < ? ORDER BY seq DESC LIMIT 50').all(convId(0), Number.MAX_SAFE_INTEGER);
    }));
    db.close();
  }
  const o = latencySummary(opens);
  const p = latencySummary(pages);
  const s = latencySummary(searches);
  return dirSize(root).then((bytes) => ({
    ingest_per_s: (n / ingestMs) * 1000,
    ingest_cpu_us_per_msg: (cpu.user + cpu.system) / n,
    ingest_single_per_s: (n / ingestMs) * 1000,
    ingest_to_lancedb_per_s: (n / ingestMs) * 1000,
    maintenance_ms: 0,
    open_p50_ms: o.p50,
    open_p99_ms: o.p99,
    page_p50_ms: p.p50,
    page_p99_ms: p.p99,
    search_p50_ms: s.p50,
    search_p99_ms: s.p99,
    delete_p50_ms: median(deletes),
    cold_open_ms: median(colds),
    bytes,
  }));
}

const round = (x: number): number => Number(x.toFixed(x >= 100 ? 0 : 3));

export async function run(opts?: { sizes?: number[] }): Promise<Record<string, unknown>> {
  const sizes = opts?.sizes ?? (process.env.STORE_BENCH_SIZES ? process.env.STORE_BENCH_SIZES.split(',').map(Number) : [100_000, 1_000_000]);
  const result: Record<string, unknown> = { conversations: CONVERSATIONS, ingest_window: WINDOW };
  for (const n of sizes) {
    const w = workload(n);
    const root = await mkdtemp(join(tmpdir(), 'saltline-bench-store-'));
    try {
      const oursRoot = join(root, 'ours');
      const sqliteRoot = join(root, 'sqlite');
      await import('node:fs/promises').then((fs) => Promise.all([fs.mkdir(oursRoot), fs.mkdir(sqliteRoot)]));
      const load = [loadavg()[0]!];
      const cpu0 = process.cpuUsage();
      const wall0 = performance.now();
      const sqlite = await benchSqlite(n, w, sqliteRoot);
      const ours = await benchOurs(n, w, oursRoot);
      load.push(loadavg()[0]!);
      const cpu = process.cpuUsage(cpu0);
      const metrics = ['ingest_per_s', 'ingest_cpu_us_per_msg', 'ingest_to_lancedb_per_s', 'ingest_single_per_s', 'open_p50_ms', 'open_p99_ms', 'page_p50_ms', 'page_p99_ms', 'search_p50_ms', 'search_p99_ms', 'delete_p50_ms', 'cold_open_ms', 'bytes'] as const;
      const table: Record<string, unknown> = {
        largest_conversation: Math.max(...w.sizes),
        maintenance_ms: round(ours.maintenance_ms),
        // The machine is shared: the 1-minute load average before and after, and the cores this run got on average.
        load_average: load.map(round),
        cores_used: round((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)),
      };
      for (const k of metrics) table[k] = { ours: round(ours[k]), sqlite: round(sqlite[k]), ratio: round(ours[k] / sqlite[k]) };
      result[String(n)] = table;
      console.log(`load average ${load.map((x) => x.toFixed(1)).join(' → ')}, ${table.cores_used as number} cores used on average`);
      printTable(`store, ${n} messages`, ['metric', 'ours', 'sqlite', 'ratio'], metrics.map((k) => [k, round(ours[k]), round(sqlite[k]), round(ours[k] / sqlite[k])]));
      if (n === Math.max(...sizes)) {
        Object.assign(result, {
          messages: n,
          open_p50_ms: round(ours.open_p50_ms),
          open_p99_ms: round(ours.open_p99_ms),
          page_p50_ms: round(ours.page_p50_ms),
          search_p50_ms: round(ours.search_p50_ms),
          ingest_per_s: round(ours.ingest_per_s),
          ingest_cpu_us_per_msg: round(ours.ingest_cpu_us_per_msg),
          ingest_to_lancedb_per_s: round(ours.ingest_to_lancedb_per_s),
          ingest_single_per_s: round(ours.ingest_single_per_s),
          page_p99_ms: round(ours.page_p99_ms),
          search_p99_ms: round(ours.search_p99_ms),
          delete_p50_ms: round(ours.delete_p50_ms),
          cold_open_ms: round(ours.cold_open_ms),
          size_ratio_vs_sqlite: round(ours.bytes / sqlite.bytes),
        });
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }
  return result;
}
