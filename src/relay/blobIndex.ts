/**
 * The in-memory side of a `BlobStore` (issue 8 item 1), shared by the memory and file stores:
 * blobs by get key and by put key, which chunks each holds, the totals the quotas check, and the
 * listeners told when a chunk becomes stored.
 */
import { bitmapBytes } from '../protocol/relayWire/blobWire.js';
import { setBit, type BlobRecord, type BlobStatus, type BlobStoreStats, type ChunkListener } from './blobStore.js';

export interface IndexedBlob {
  readonly record: BlobRecord;
  readonly bitmap: Buffer;
  storedBytes: number;
}

/** An empty chunk bitmap for `record`. */
export const emptyBitmap = (record: BlobRecord): Buffer => Buffer.alloc(bitmapBytes(record.chunkCount));

export class BlobIndex<B extends IndexedBlob> {
  readonly #byGet = new Map<string, B>();
  readonly #putToGet = new Map<string, string>();
  readonly #listeners = new Set<ChunkListener>();
  #declared = 0;
  #stored = 0;

  add(blob: B): void {
    this.#byGet.set(blob.record.getKey, blob);
    this.#putToGet.set(blob.record.putKey, blob.record.getKey);
    this.#declared += blob.record.size;
    this.#stored += blob.storedBytes;
  }

  remove(blob: B): void {
    this.#byGet.delete(blob.record.getKey);
    this.#putToGet.delete(blob.record.putKey);
    this.#declared -= blob.record.size;
    this.#stored -= blob.storedBytes;
  }

  byGetKey(getKey: string): B | undefined {
    return this.#byGet.get(getKey);
  }

  byPutKey(putKey: string): B | undefined {
    const g = this.#putToGet.get(putKey);
    return g === undefined ? undefined : this.#byGet.get(g);
  }

  all(): B[] {
    return [...this.#byGet.values()];
  }

  /** Records chunk `index` of `blob` (`bytes` long) as stored and tells the listeners. */
  stored(blob: B, index: number, bytes: number): void {
    setBit(blob.bitmap, index);
    blob.storedBytes += bytes;
    this.#stored += bytes;
    for (const l of this.#listeners) l(blob.record.getKey, index);
  }

  status(getKey: string): BlobStatus | undefined {
    const b = this.#byGet.get(getKey);
    return b && { record: b.record, storedBytes: b.storedBytes, bitmap: Buffer.from(b.bitmap) };
  }

  stats(): BlobStoreStats {
    return { blobs: this.#byGet.size, declaredBytes: this.#declared, storedBytes: this.#stored };
  }

  onChunk(listener: ChunkListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  clearListeners(): void {
    this.#listeners.clear();
  }
}
