/**
 * The relay's blob storage contract (issue 8 item 1, attachments), beside the queue store: blobs of
 * encrypted chunks an uploader writes and anyone holding the get id reads, with their own quota
 * and expiry. Two backends: `FileBlobStore` (chunk files in the relay's data folder) and
 * `MemoryBlobStore` (tests, `--store memory`).
 *
 * Contract every backend keeps (test/relay/blobStores.test.ts runs it against each):
 * - `create` reserves the declared size against the quota at once, so uploads never overrun it.
 * - `putChunk` resolves only once the chunk is durable; a chunk already stored is kept as it is
 *   (first write wins) and the call succeeds, so a retried upload is harmless and a chunk cannot
 *   change under a downloader.
 * - Ids are kept only as hashes: whoever reads the store's files learns no capability.
 * - `onChunk` listeners hear of each chunk once it is durable (they wake waiting downloads).
 */
import { SaltlineError } from '../crypto/errors.js';
import { sha256 } from '../crypto/hash.js';
import { MAX_BLOB_CHUNK_BYTES, MAX_BLOB_CHUNKS } from '../protocol/relayWire/blobWire.js';

export interface BlobRecord {
  /** SHA-256 of the put id and of the get id: the store never keeps the ids themselves. */
  readonly putKey: string;
  readonly getKey: string;
  readonly uploaderKey: Buffer;
  /** Declared total ciphertext bytes and chunk count. */
  readonly size: number;
  readonly chunkCount: number;
  readonly createdAt: number;
  /** One reader (a one-to-one attachment): deleted once that reader acknowledges it (BACK). */
  readonly once: boolean;
}

export interface BlobStatus {
  readonly record: BlobRecord;
  readonly storedBytes: number;
  /** Bit i set: chunk i is stored. */
  readonly bitmap: Buffer;
}

export interface BlobLimits {
  readonly maxChunkBytes: number;
  readonly maxBlobBytes: number;
  readonly maxChunks: number;
  /** Declared bytes of all live blobs together. */
  readonly maxTotalBytes: number;
  readonly maxBlobs: number;
  /** Blobs are deleted this long after they were created. */
  readonly expiryMs: number;
}

export const DEFAULT_BLOB_LIMITS: BlobLimits = {
  maxChunkBytes: MAX_BLOB_CHUNK_BYTES,
  maxBlobBytes: 512 * 1024 * 1024,
  maxChunks: MAX_BLOB_CHUNKS,
  maxTotalBytes: 8 * 1024 * 1024 * 1024,
  maxBlobs: 100_000,
  expiryMs: 7 * 24 * 60 * 60 * 1000,
};

export const BlobStoreErrorCode = {
  NO_BLOB: 'NO_BLOB',
  BLOB_QUOTA: 'BLOB_QUOTA',
  BAD_CHUNK: 'BAD_CHUNK',
  CHUNK_TOO_LARGE: 'CHUNK_TOO_LARGE',
  CLOSED: 'BLOB_STORE_CLOSED',
} as const;
export type BlobStoreErrorName = keyof typeof BlobStoreErrorCode;

export class BlobStoreError extends SaltlineError {
  readonly reason: BlobStoreErrorName;
  constructor(reason: BlobStoreErrorName, message: string) {
    super(BlobStoreErrorCode[reason], message);
    this.reason = reason;
  }
}

export type ChunkListener = (getKey: string, index: number) => void;

export interface BlobStoreStats {
  readonly blobs: number;
  readonly declaredBytes: number;
  readonly storedBytes: number;
}

export interface BlobStore {
  readonly limits: BlobLimits;
  /** Fails with BLOB_QUOTA when the blob is too big or the store is full. Durable when resolved. */
  create(record: BlobRecord): Promise<void>;
  byPutKey(putKey: string): BlobRecord | undefined;
  byGetKey(getKey: string): BlobRecord | undefined;
  /** Fails with NO_BLOB, BAD_CHUNK (index or declared size overrun) or CHUNK_TOO_LARGE. */
  putChunk(putKey: string, index: number, data: Buffer): Promise<void>;
  /**
   * The chunk's bytes, or undefined when it is not stored (yet). With `into`, a store that reads
   * the chunk from disk reads it into the buffer `into(length)` gives (and returns that).
   */
  getChunk(getKey: string, index: number, into?: (length: number) => Buffer): Promise<Buffer | undefined>;
  status(getKey: string): BlobStatus | undefined;
  /** Deletes the blob and its chunks; false if there was none. */
  delete(putKey: string): Promise<boolean>;
  /** Deletes blobs created before `before`; returns how many. */
  expire(before: number): Promise<number>;
  onChunk(listener: ChunkListener): () => void;
  stats(): BlobStoreStats;
  close(): Promise<void>;
}

/** The store's handle for an id from the wire: its SHA-256, hex. */
export function blobKey(id: Buffer): string {
  return sha256(id).toString('hex');
}

/** Checks a chunk against the blob's declaration before anything is written. */
export function checkChunk(limits: BlobLimits, record: BlobRecord, index: number, data: Buffer, storedBytes: number, alreadyStored: boolean): void {
  if (data.length > limits.maxChunkBytes) throw new BlobStoreError('CHUNK_TOO_LARGE', 'chunk exceeds the maximum size');
  if (index >= record.chunkCount) throw new BlobStoreError('BAD_CHUNK', 'chunk index beyond the declared chunk count');
  if (data.length === 0 && record.size > 0) throw new BlobStoreError('BAD_CHUNK', 'empty chunk');
  if (!alreadyStored && storedBytes + data.length > record.size) throw new BlobStoreError('BAD_CHUNK', 'chunk overruns the declared blob size');
}

/** Checks a new blob against the limits and the current totals. */
export function checkNewBlob(limits: BlobLimits, record: BlobRecord, totals: BlobStoreStats): void {
  if (record.size > limits.maxBlobBytes || record.chunkCount > limits.maxChunks || record.size > record.chunkCount * limits.maxChunkBytes) {
    throw new BlobStoreError('BLOB_QUOTA', 'blob larger than this relay accepts');
  }
  if (totals.blobs >= limits.maxBlobs || totals.declaredBytes + record.size > limits.maxTotalBytes) throw new BlobStoreError('BLOB_QUOTA', 'relay blob quota exhausted');
}

export function setBit(bitmap: Buffer, i: number): void {
  bitmap[i >> 3]! |= 1 << (i & 7);
}

export function hasBit(bitmap: Buffer, i: number): boolean {
  return ((bitmap[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
}
