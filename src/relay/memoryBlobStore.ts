/** An in-memory `BlobStore` (issue 8 item 1): for tests and `--store memory`; nothing on disk. */
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
import { bitmapBytes } from '../protocol/relayWire/blobWire.js';

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
  readonly #byGet = new Map<string, MemoryBlob>();
  readonly #putToGet = new Map<string, string>();
  readonly #listeners = new Set<ChunkListener>();
  #declared = 0;
  #stored = 0;

  constructor(limits: Partial<BlobLimits> = {}) {
    this.limits = { ...DEFAULT_BLOB_LIMITS, ...limits };
  }

  create(record: BlobRecord): Promise<void> {
    return settled(() => this.#create(record));
  }

  #create(record: BlobRecord): void {
    checkNewBlob(this.limits, record, this.stats());
    this.#byGet.set(record.getKey, { record, chunks: new Map(), bitmap: Buffer.alloc(bitmapBytes(record.chunkCount)), storedBytes: 0 });
    this.#putToGet.set(record.putKey, record.getKey);
    this.#declared += record.size;
  }

  byPutKey(putKey: string): BlobRecord | undefined {
    const g = this.#putToGet.get(putKey);
    return g === undefined ? undefined : this.#byGet.get(g)?.record;
  }

  byGetKey(getKey: string): BlobRecord | undefined {
    return this.#byGet.get(getKey)?.record;
  }

  putChunk(putKey: string, index: number, data: Buffer): Promise<void> {
    return settled(() => this.#put(putKey, index, data));
  }

  #put(putKey: string, index: number, data: Buffer): void {
    const b = this.#blobByPut(putKey);
    const stored = hasBit(b.bitmap, index);
    checkChunk(this.limits, b.record, index, data, b.storedBytes, stored);
    if (stored) return;
    b.chunks.set(index, Buffer.from(data));
    setBit(b.bitmap, index);
    b.storedBytes += data.length;
    this.#stored += data.length;
    for (const l of this.#listeners) l(b.record.getKey, index);
  }

  getChunk(getKey: string, index: number): Promise<Buffer | undefined> {
    return settled(() => this.#byGet.get(getKey)?.chunks.get(index));
  }

  status(getKey: string): BlobStatus | undefined {
    const b = this.#byGet.get(getKey);
    return b && { record: b.record, storedBytes: b.storedBytes, bitmap: Buffer.from(b.bitmap) };
  }

  delete(putKey: string): Promise<boolean> {
    return settled(() => {
      const g = this.#putToGet.get(putKey);
      const b = g === undefined ? undefined : this.#byGet.get(g);
      if (!b) return false;
      this.#drop(b);
      return true;
    });
  }

  expire(before: number): Promise<number> {
    return settled(() => {
      let n = 0;
      for (const b of [...this.#byGet.values()]) {
        if (b.record.createdAt < before) {
          this.#drop(b);
          n++;
        }
      }
      return n;
    });
  }

  #drop(b: MemoryBlob): void {
    this.#byGet.delete(b.record.getKey);
    this.#putToGet.delete(b.record.putKey);
    this.#declared -= b.record.size;
    this.#stored -= b.storedBytes;
  }

  #blobByPut(putKey: string): MemoryBlob {
    const g = this.#putToGet.get(putKey);
    const b = g === undefined ? undefined : this.#byGet.get(g);
    if (!b) throw new BlobStoreError('NO_BLOB', 'no such blob');
    return b;
  }

  onChunk(listener: ChunkListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stats(): BlobStoreStats {
    return { blobs: this.#byGet.size, declaredBytes: this.#declared, storedBytes: this.#stored };
  }

  close(): Promise<void> {
    this.#listeners.clear();
    return Promise.resolve();
  }
}
