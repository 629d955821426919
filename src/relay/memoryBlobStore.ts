/** An in-memory `BlobStore` (issue 8 item 1): for tests and `--store memory`; nothing on disk. */
import { BlobIndex, emptyBitmap } from './blobIndex.js';
import {
  checkChunk,
  checkNewBlob,
  hasBit,
  BlobStoreError,
  DEFAULT_BLOB_LIMITS,
  type BlobLimits,
  type BlobRecord,
  type BlobStatus,
  type BlobStore,
  type BlobStoreStats,
  type ChunkListener,
} from './blobStore.js';

/** Runs `work` as a store call: a thrown error becomes a rejection, as with a store on disk. */
function settled<T>(work: () => T): Promise<T> {
  return Promise.resolve().then(work);
}

interface MemoryBlob {
  readonly record: BlobRecord;
  readonly chunks: Map<number, Buffer>;
  readonly bitmap: Buffer;
  storedBytes: number;
}

export class MemoryBlobStore implements BlobStore {
  readonly limits: BlobLimits;
  readonly #index = new BlobIndex<MemoryBlob>();

  constructor(limits: Partial<BlobLimits> = {}) {
    this.limits = { ...DEFAULT_BLOB_LIMITS, ...limits };
  }

  create(record: BlobRecord): Promise<void> {
    return settled(() => {
      checkNewBlob(this.limits, record, this.stats());
      this.#index.add({ record, chunks: new Map(), bitmap: emptyBitmap(record), storedBytes: 0 });
    });
  }

  byPutKey(putKey: string): BlobRecord | undefined {
    return this.#index.byPutKey(putKey)?.record;
  }

  byGetKey(getKey: string): BlobRecord | undefined {
    return this.#index.byGetKey(getKey)?.record;
  }

  putChunk(putKey: string, index: number, data: Buffer): Promise<void> {
    return settled(() => {
      const b = this.#index.byPutKey(putKey);
      if (!b) throw new BlobStoreError('NO_BLOB', 'no such blob');
      const stored = hasBit(b.bitmap, index);
      checkChunk(this.limits, b.record, index, data, b.storedBytes, stored);
      if (stored) return;
      b.chunks.set(index, Buffer.from(data));
      this.#index.stored(b, index, data.length);
    });
  }

  getChunk(getKey: string, index: number): Promise<Buffer | undefined> {
    return settled(() => this.#index.byGetKey(getKey)?.chunks.get(index));
  }

  status(getKey: string): BlobStatus | undefined {
    return this.#index.status(getKey);
  }

  delete(putKey: string): Promise<boolean> {
    return settled(() => {
      const b = this.#index.byPutKey(putKey);
      if (b) this.#index.remove(b);
      return b !== undefined;
    });
  }

  expire(before: number): Promise<number> {
    return settled(() => {
      const old = this.#index.all().filter((b) => b.record.createdAt < before);
      for (const b of old) this.#index.remove(b);
      return old.length;
    });
  }

  onChunk(listener: ChunkListener): () => void {
    return this.#index.onChunk(listener);
  }

  stats(): BlobStoreStats {
    return this.#index.stats();
  }

  close(): Promise<void> {
    this.#index.clearListeners();
    return Promise.resolve();
  }
}
