/**
 * Builds a flush batch's blind-index posting rows (issue 3 §5, §6) — a few hundred thousand
 * list entries, a token hash and a seal per distinct term — on a worker thread when the batch is
 * large, so a long ingest keeps both cores busy: the main thread seals and journals new messages
 * while the worker indexes the previous batch. Small batches are built in place (no thread to
 * start for a profile that only ever flushes a few messages). Both paths run the same function
 * and, since a posting's nonce is derived from (batch, token), give the same bytes. This only
 * runs during a flush, after the messages are durable in the journal: it changes no
 * acknowledgement.
 */
import { Worker } from 'node:worker_threads';
import { Secret } from '../crypto/secret.js';
import { StoreCorruptError } from './errors.js';
import { batchPostings, type BatchWords, type PackedPostings } from './postings.js';

/** Word occurrences from which a batch goes to the worker (about 3,000 chat messages). */
export const OFF_THREAD_MIN_ENTRIES = 40_000;

export interface PostingRequest {
  readonly id: number;
  readonly batchId: number;
  /** A copy of the batch key, transferred: the worker wipes it after use. */
  readonly key: Uint8Array;
  readonly input: BatchWords;
}

export type PostingReply = { readonly id: number; readonly packed: PackedPostings } | { readonly id: number; readonly error: string };

interface Waiting {
  readonly resolve: (packed: PackedPostings) => void;
  readonly reject: (error: Error) => void;
}

/** One worker per process, shared by every open profile, started on first use. */
let worker: Worker | undefined;
let nextRequest = 0;
const waiting = new Map<number, Waiting>();

function failAll(error: Error): void {
  worker = undefined;
  for (const w of waiting.values()) w.reject(error);
  waiting.clear();
}

function startWorker(): Worker {
  const w = new Worker(new URL('./postingWorker.js', import.meta.url));
  w.on('message', (reply: PostingReply) => {
    const request = waiting.get(reply.id);
    waiting.delete(reply.id);
    // An idle worker must not keep the process alive.
    if (waiting.size === 0) w.unref();
    if (!request) return;
    if ('packed' in reply) request.resolve(reply.packed);
    else request.reject(new StoreCorruptError(`blind index: ${reply.error}`));
  });
  w.on('error', (error) => failAll(error));
  w.on('exit', (code) => failAll(new Error(`posting worker exited (${code})`)));
  return w;
}

/**
 * The posting rows of batch `batchId` under `key` (the raw batch key, left untouched). `input`'s
 * arrays are handed over to the worker when it is used: the caller must not read them after.
 */
export function buildBatchPostings(batchId: number, key: Uint8Array, input: BatchWords, offThread = input.gs.length >= OFF_THREAD_MIN_ENTRIES): Promise<PackedPostings> {
  if (!offThread) {
    const batchKey = Secret.copyOf('StoreKey', 32, key);
    try {
      return Promise.resolve(batchPostings(batchId, batchKey, input));
    } finally {
      batchKey.wipe();
    }
  }
  const w = (worker ??= startWorker());
  w.ref();
  const id = nextRequest++;
  return new Promise<PackedPostings>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    const keyCopy = Uint8Array.from(key);
    const request: PostingRequest = { id, batchId, key: keyCopy, input };
    try {
      w.postMessage(request, [keyCopy.buffer, input.gs.buffer, input.ends.buffer]);
    } catch (error) {
      keyCopy.fill(0);
      waiting.delete(id);
      if (waiting.size === 0) w.unref();
      throw error;
    }
  });
}
