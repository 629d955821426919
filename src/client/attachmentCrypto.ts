/**
 * Attachment chunk work on a worker thread (issue 8 item 1): `seal` encrypts a file into the
 * profile, `open` verifies and decrypts a download (or a stored file) chunk by chunk. The thread
 * that runs the app and the relay connections only moves chunks between the network and the
 * worker, so a 100 MB transfer keeps neither a UI nor the other transfers waiting, and encryption
 * and decryption run on another core beside the network work.
 *
 * One worker per `Attachments`, started on first use; it keeps the process alive only while a job
 * runs. Messages (attachmentWorker.ts is the other side):
 *   seal  → sealed (per chunk, once written) … sealDone (header, hash) | error
 *   open  → checked (per chunk already on disk) … have (their count) → chunk … → opened (per chunk) … openDone | error
 * Keys cross in a buffer transferred to the worker (nothing of them stays on this side) and are
 * wiped there after use.
 */
import { Worker } from 'node:worker_threads';
import { SaltlineError } from '../crypto/errors.js';
import { AttachmentError, AttachmentErrorCode, type AttachmentErrorName, type AttachmentKey } from '../protocol/attachmentStream.js';

export type WorkerRequest =
  | { readonly op: 'seal'; readonly job: number; readonly input: string; readonly part: string; readonly size: number; readonly chunkBytes: number; readonly key: Uint8Array; readonly stop: Int32Array }
  | {
      readonly op: 'open';
      readonly job: number;
      readonly part: string;
      readonly out: string | null;
      /** Download mode: a damaged or partial tail of `part` is cut off to be fetched again. */
      readonly repair: boolean;
      readonly key: Uint8Array;
      readonly header: Uint8Array;
      readonly hash: Uint8Array;
      readonly size: number;
      readonly chunkBytes: number;
    }
  | { readonly op: 'chunk'; readonly job: number; readonly index: number; readonly data: Uint8Array }
  | { readonly op: 'cancel'; readonly job: number };

export type WorkerReply =
  | { readonly job: number; readonly type: 'sealed'; readonly index: number }
  | { readonly job: number; readonly type: 'sealDone'; readonly header: Uint8Array; readonly hash: Uint8Array }
  | { readonly job: number; readonly type: 'checked'; readonly index: number }
  | { readonly job: number; readonly type: 'have'; readonly have: number }
  | { readonly job: number; readonly type: 'opened'; readonly index: number }
  | { readonly job: number; readonly type: 'openDone' }
  | { readonly job: number; readonly type: 'cancelled' }
  /** A chunk's buffer, copied and moved back to be freed here (see attachmentWorker.ts). */
  | { readonly job: number; readonly type: 'spent'; readonly data: Uint8Array }
  | { readonly job: number; readonly type: 'error'; readonly code: string; readonly reason?: AttachmentErrorName; readonly message: string };

/** Chunks handed to the worker and not yet written: beyond this, `push` waits (bounded memory). */
const MAX_QUEUED_CHUNKS = 4;

class WorkerError extends SaltlineError {}

function errorOf(reply: Extract<WorkerReply, { type: 'error' }>): Error {
  if (reply.reason !== undefined && AttachmentErrorCode[reply.reason] === reply.code) return new AttachmentError(reply.reason, reply.message);
  return new WorkerError(reply.code, reply.message);
}

/** A key's bytes in a buffer of their own, to be transferred (the worker wipes them). */
function keyBytes(key: AttachmentKey | Uint8Array): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(32));
  bytes.set(key instanceof Uint8Array ? key : key.expose());
  return bytes;
}

export interface OpenJob {
  /** Whole, verified chunks that were already on disk: the download continues from there. */
  readonly have: Promise<number>;
  /** Resolves once every chunk is verified, decrypted and written (and the part file synced). */
  readonly done: Promise<void>;
  /** Hands over the next chunk (in order); waits while the worker is behind. */
  push(index: number, data: Buffer): Promise<void>;
  cancel(): void;
}

export interface OpenParams {
  readonly part: string;
  readonly out: string | undefined;
  readonly repair: boolean;
  readonly key: Uint8Array;
  readonly header: Uint8Array;
  readonly hash: Uint8Array;
  readonly size: number;
  readonly chunkBytes: number;
  readonly onOpened?: (index: number) => void;
}

type Handler = (reply: WorkerReply) => void;

export class AttachmentCrypto {
  #worker: Worker | undefined;
  readonly #jobs = new Map<number, Handler>();
  #nextJob = 1;

  #start(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(new URL('./attachmentWorker.js', import.meta.url));
    worker.on('message', (reply: WorkerReply) => this.#jobs.get(reply.job)?.(reply));
    worker.on('error', (e) => this.#failAll(e));
    worker.on('exit', () => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#failAll(new WorkerError('ATTACHMENT_WORKER', 'the attachment worker stopped'));
    });
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #failAll(e: Error): void {
    for (const handler of [...this.#jobs.values()]) handler({ job: 0, type: 'error', code: (e as { code?: string }).code ?? 'ATTACHMENT_WORKER', message: e.message });
  }

  /** Registers a job; the worker keeps the process alive while any job runs. */
  #job(handler: Handler): { job: number; worker: Worker; end: () => void } {
    const worker = this.#start();
    const job = this.#nextJob++;
    this.#jobs.set(job, handler);
    if (this.#jobs.size === 1) worker.ref();
    return {
      job,
      worker,
      end: () => {
        if (this.#jobs.delete(job) && this.#jobs.size === 0) worker.unref();
      },
    };
  }

  /**
   * Encrypts `input` into `part` (created or replaced); `onSealed(i)` once chunk i is written. The
   * signal stops it between chunks.
   */
  seal(input: string, part: string, size: number, chunkBytes: number, key: AttachmentKey, onSealed: (index: number) => void, signal: AbortSignal): Promise<{ header: Buffer; hash: Buffer }> {
    return new Promise((resolve, reject) => {
      const stop = new Int32Array(new SharedArrayBuffer(4));
      const onAbort = (): void => {
        Atomics.store(stop, 0, 1);
      };
      signal.addEventListener('abort', onAbort);
      const { job, worker, end } = this.#job((reply) => {
        if (reply.type === 'sealed') {
          onSealed(reply.index);
          return;
        }
        end();
        signal.removeEventListener('abort', onAbort);
        if (reply.type === 'sealDone') resolve({ header: Buffer.from(reply.header), hash: Buffer.from(reply.hash) });
        else if (reply.type === 'error') reject(errorOf(reply));
      });
      const bytes = keyBytes(key);
      worker.postMessage({ op: 'seal', job, input, part, size, chunkBytes, key: bytes, stop } satisfies WorkerRequest, [bytes.buffer]);
    });
  }

  /** Starts verifying and decrypting `part` (and chunks pushed after what it holds) into `out`. */
  open(p: OpenParams): OpenJob {
    let resolveHave!: (n: number) => void;
    let resolveDone!: () => void;
    let rejectBoth!: (e: Error) => void;
    const have = new Promise<number>((resolve, reject) => {
      resolveHave = resolve;
      rejectBoth = reject;
    });
    const done = new Promise<void>((resolve, reject) => {
      resolveDone = resolve;
      const previous = rejectBoth;
      rejectBoth = (e) => {
        previous(e);
        reject(e);
      };
    });
    have.catch(() => undefined);
    done.catch(() => undefined);
    let queued = 0;
    let finished = false;
    const waiters: (() => void)[] = [];
    const wake = (): void => {
      for (const w of waiters.splice(0)) w();
    };
    let failure: Error | undefined;
    const { job, worker, end } = this.#job((reply) => {
      switch (reply.type) {
        case 'checked':
          return p.onOpened?.(reply.index);
        case 'have':
          return resolveHave(reply.have);
        case 'opened':
          queued--;
          p.onOpened?.(reply.index);
          return wake();
        case 'openDone':
          finished = true;
          end();
          resolveDone();
          return wake();
        case 'error':
        case 'cancelled':
          finished = true;
          end();
          failure = reply.type === 'error' ? errorOf(reply) : new WorkerError('ATTACHMENT_CANCELLED', 'transfer stopped');
          rejectBoth(failure);
          return wake();
        default:
          return undefined;
      }
    });
    const key = keyBytes(p.key);
    worker.postMessage(
      { op: 'open', job, part: p.part, out: p.out ?? null, repair: p.repair, key, header: p.header, hash: p.hash, size: p.size, chunkBytes: p.chunkBytes } satisfies WorkerRequest,
      [key.buffer],
    );
    return {
      have,
      done,
      push: async (index, data) => {
        while (queued >= MAX_QUEUED_CHUNKS && !finished) await new Promise<void>((resolve) => waiters.push(resolve));
        if (failure) throw failure;
        if (finished) return;
        queued++;
        // A received frame has a buffer of its own (a chunk and a few header bytes): it moves to the
        // worker without a copy, and its memory is the worker's to free. A view into a buffer
        // shared with other data is copied. (Not shared memory: sodium-native cannot read it.)
        const own = data.buffer instanceof ArrayBuffer && data.buffer.byteLength <= data.length + 64;
        const bytes = own ? data : new Uint8Array(data);
        worker.postMessage({ op: 'chunk', job, index, data: bytes } satisfies WorkerRequest, [bytes.buffer as ArrayBuffer]);
      },
      cancel: () => {
        if (!finished) worker.postMessage({ op: 'cancel', job } satisfies WorkerRequest);
      },
    };
  }

  /** Stops the worker (jobs still running fail). */
  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }
}
