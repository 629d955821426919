/**
 * The embedded `BlobStore` (issue 8 item 1): one folder per blob under `<data>/blobs/`, named by
 * the SHA-256 of its get id, holding a `meta` file and one file per chunk. A chunk is written to a
 * temporary file, fsynced, renamed into place and the folder fsynced before it is acknowledged, so
 * a `kill -9` leaves either the whole chunk or none of it. On open the folders are scanned back
 * into memory (ids, sizes and which chunks are stored); half-made blobs and temporary files are
 * removed.
 */
import { open, mkdir, readdir, readFile, rename, rm, unlink, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { BlobIndex, emptyBitmap } from './blobIndex.js';
import {
  checkChunk,
  checkNewBlob,
  hasBit,
  setBit,
  BlobStoreError,
  DEFAULT_BLOB_LIMITS,
  type BlobLimits,
  type BlobRecord,
  type BlobStatus,
  type BlobStore,
  type BlobStoreStats,
  type ChunkListener,
} from './blobStore.js';

const META = 'meta';
const KEY_RE = /^[0-9a-f]{64}$/;
const CHUNK_RE = /^\d{1,6}$/;

interface FileBlob {
  readonly record: BlobRecord;
  readonly dir: string;
  readonly bitmap: Buffer;
  /** Chunks being written now: a second put of the same chunk waits for the first. */
  readonly writing: Map<number, Promise<void>>;
  /** Bytes of durable chunks, and of chunks being written. */
  storedBytes: number;
  pendingBytes: number;
  deleted: boolean;
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(data);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

function encodeMeta(r: BlobRecord): string {
  return JSON.stringify({ v: 1, putKey: r.putKey, uploaderKey: r.uploaderKey.toString('hex'), size: r.size, chunkCount: r.chunkCount, createdAt: r.createdAt, once: r.once });
}

function decodeMeta(getKey: string, text: string): BlobRecord | undefined {
  try {
    const m = JSON.parse(text) as Record<string, unknown>;
    const { putKey, uploaderKey, size, chunkCount, createdAt, once } = m;
    if (m.v !== 1 || typeof putKey !== 'string' || !KEY_RE.test(putKey) || typeof uploaderKey !== 'string' || !/^[0-9a-f]{64}$/.test(uploaderKey)) return undefined;
    if (!Number.isSafeInteger(size) || !Number.isSafeInteger(chunkCount) || !Number.isSafeInteger(createdAt)) return undefined;
    // Blobs stored before the flag existed have no `once`: they stay until they expire.
    if (once !== undefined && typeof once !== 'boolean') return undefined;
    return { putKey, getKey, uploaderKey: Buffer.from(uploaderKey, 'hex'), size: size as number, chunkCount: chunkCount as number, createdAt: createdAt as number, once: once === true };
  } catch {
    return undefined;
  }
}

export class FileBlobStore implements BlobStore {
  readonly limits: BlobLimits;
  readonly #root: string;
  readonly #index = new BlobIndex<FileBlob>();
  #closed = false;

  private constructor(root: string, limits: BlobLimits) {
    this.#root = root;
    this.limits = limits;
  }

  /** Opens (or creates) the blob folder `<dataDir>/blobs`. */
  static async open(dataDir: string, limits: Partial<BlobLimits> = {}): Promise<FileBlobStore> {
    // The folder is made with the first blob: a relay that never stores one has none.
    const root = join(dataDir, 'blobs');
    const store = new FileBlobStore(root, { ...DEFAULT_BLOB_LIMITS, ...limits });
    await store.#load();
    return store;
  }

  async #load(): Promise<void> {
    for (const name of await readdir(this.#root).catch(() => [])) {
      const dir = join(this.#root, name);
      const record = KEY_RE.test(name) ? decodeMeta(name, await readFile(join(dir, META), 'utf8').catch(() => '')) : undefined;
      if (!record) {
        // A blob whose creation or deletion was cut short.
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      const blob: FileBlob = { record, dir, bitmap: emptyBitmap(record), writing: new Map(), storedBytes: 0, pendingBytes: 0, deleted: false };
      for (const f of await readdir(dir, { withFileTypes: true })) {
        if (f.name === META) continue;
        const index = CHUNK_RE.test(f.name) ? Number(f.name) : -1;
        if (index < 0 || index >= record.chunkCount) {
          await rm(join(dir, f.name), { force: true });
          continue;
        }
        const fh = await open(join(dir, f.name), 'r');
        const { size } = await fh.stat();
        await fh.close();
        setBit(blob.bitmap, index);
        blob.storedBytes += size;
      }
      this.#index.add(blob);
    }
  }

  #check(): void {
    if (this.#closed) throw new BlobStoreError('CLOSED', 'blob store closed');
  }

  async create(record: BlobRecord): Promise<void> {
    this.#check();
    checkNewBlob(this.limits, record, this.stats());
    const dir = join(this.#root, record.getKey);
    const tmp = join(this.#root, `${record.getKey}.new`);
    const blob: FileBlob = { record, dir, bitmap: emptyBitmap(record), writing: new Map(), storedBytes: 0, pendingBytes: 0, deleted: false };
    // Reserve before the first await, so concurrent creations cannot both pass the quota check.
    this.#index.add(blob);
    try {
      await mkdir(this.#root, { recursive: true });
      await mkdir(tmp);
      await writeDurably(join(tmp, META), Buffer.from(encodeMeta(record)));
      await rename(tmp, dir);
      await fsyncPath(this.#root);
    } catch (e) {
      this.#remove(blob);
      await rm(tmp, { recursive: true, force: true });
      throw e;
    }
  }

  byPutKey(putKey: string): BlobRecord | undefined {
    return this.#index.byPutKey(putKey)?.record;
  }

  byGetKey(getKey: string): BlobRecord | undefined {
    return this.#index.byGetKey(getKey)?.record;
  }

  async putChunk(putKey: string, index: number, data: Buffer): Promise<void> {
    this.#check();
    const blob = this.#index.byPutKey(putKey);
    if (!blob) throw new BlobStoreError('NO_BLOB', 'no such blob');
    const inFlight = blob.writing.get(index);
    if (inFlight) {
      await inFlight;
      return;
    }
    const stored = hasBit(blob.bitmap, index);
    // Bytes being written count, so two chunks in flight cannot overrun the declared size together.
    checkChunk(this.limits, blob.record, index, data, blob.storedBytes + blob.pendingBytes, stored);
    if (stored) return;
    blob.pendingBytes += data.length;
    const write = (async () => {
      try {
        await writeDurably(join(blob.dir, String(index)), data);
        await fsyncPath(blob.dir);
      } finally {
        blob.pendingBytes -= data.length;
        blob.writing.delete(index);
      }
      if (!blob.deleted) this.#index.stored(blob, index, data.length);
    })();
    blob.writing.set(index, write);
    await write;
  }

  async getChunk(getKey: string, index: number, into?: (length: number) => Buffer): Promise<Buffer | undefined> {
    const blob = this.#index.byGetKey(getKey);
    if (!blob || !hasBit(blob.bitmap, index)) return undefined;
    let fh: FileHandle | undefined;
    try {
      fh = await open(join(blob.dir, String(index)), 'r');
      const { size } = await fh.stat();
      const out = into ? into(size) : Buffer.allocUnsafe(size);
      for (let done = 0; done < size; ) {
        const { bytesRead } = await fh.read(out, done, size - done, done);
        if (bytesRead === 0) return undefined;
        done += bytesRead;
      }
      return out;
    } catch {
      return undefined;
    } finally {
      await fh?.close();
    }
  }

  status(getKey: string): BlobStatus | undefined {
    return this.#index.status(getKey);
  }

  #remove(blob: FileBlob): void {
    blob.deleted = true;
    this.#index.remove(blob);
  }

  async #erase(blob: FileBlob): Promise<void> {
    this.#remove(blob);
    // Without its meta file a half-deleted folder is removed on the next open.
    await unlink(join(blob.dir, META)).catch(() => undefined);
    await rm(blob.dir, { recursive: true, force: true });
  }

  async delete(putKey: string): Promise<boolean> {
    const blob = this.#index.byPutKey(putKey);
    if (!blob) return false;
    await this.#erase(blob);
    return true;
  }

  async expire(before: number): Promise<number> {
    let n = 0;
    for (const b of this.#index.all()) {
      if (b.record.createdAt < before) {
        await this.#erase(b);
        n++;
      }
    }
    return n;
  }

  onChunk(listener: ChunkListener): () => void {
    return this.#index.onChunk(listener);
  }

  stats(): BlobStoreStats {
    return this.#index.stats();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#index.clearListeners();
    await Promise.allSettled(this.#index.all().flatMap((b) => [...b.writing.values()]));
  }
}
