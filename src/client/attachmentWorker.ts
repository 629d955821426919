/**
 * The attachment worker thread (issue 8 item 1): the per-chunk work of attachments — secretstream
 * encryption or decryption, the whole-file hash, and the file reads and writes around them — runs
 * here, off the thread that runs the app and the relay connections. `attachmentCrypto.ts` is its
 * only user and describes the messages.
 *
 * Files are read and written with synchronous calls: this thread does nothing else, and a chunk
 * goes from disk through the cipher to disk without a promise per step. One reusable buffer per
 * direction and job: no buffer per chunk.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort } from 'node:worker_threads';
import { SaltlineError } from '../crypto/errors.js';
import { Secret } from '../crypto/secret.js';
import {
  AttachmentError,
  AttachmentOpener,
  AttachmentSealer,
  ATTACHMENT_KEY_BYTES,
  chunkCount,
  cipherChunkLength,
  cipherChunkOffset,
  plainChunkLength,
} from '../protocol/attachmentStream.js';
import type { WorkerReply, WorkerRequest } from './attachmentCrypto.js';

const port = parentPort;
if (!port) throw new Error('attachmentWorker.ts runs only as a worker thread');

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(reply, transfer);
}

function fail(job: number, e: unknown): void {
  if (e instanceof AttachmentError) post({ job, type: 'error', code: e.code, reason: e.reason, message: e.message });
  else if (e instanceof SaltlineError) post({ job, type: 'error', code: e.code, message: e.message });
  else post({ job, type: 'error', code: (e as { code?: string }).code ?? 'ATTACHMENT_WORKER', message: e instanceof Error ? e.message : String(e) });
}

/** The file is shorter than its size said (it changed while being read). */
class ShortFileError extends SaltlineError {
  constructor() {
    super('BAD_FILE', 'the file is shorter than expected (did it change while being read?)');
  }
}

function readExactly(fd: number, buffer: Buffer, length: number, position: number): Buffer {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new ShortFileError();
    done += n;
  }
  return buffer.subarray(0, length);
}

function writeAll(fd: number, data: Uint8Array, position: number | null): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done, position === null ? null : position + done);
}

function keyOf(bytes: Uint8Array): Secret<'AttachmentKey'> {
  return Secret.adopt('AttachmentKey', ATTACHMENT_KEY_BYTES, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

function seal(req: Extract<WorkerRequest, { op: 'seal' }>): void {
  const key = keyOf(req.key);
  let input: number | undefined;
  let output: number | undefined;
  try {
    const sealer = new AttachmentSealer(key, req.size, req.chunkBytes);
    input = openSync(req.input, 'r');
    output = openSync(req.part, 'w');
    const plain = Buffer.allocUnsafe(req.chunkBytes);
    const cipher = Buffer.allocUnsafe(cipherChunkLength(req.size, req.chunkBytes, 0));
    for (let i = 0; i < sealer.count; i++) {
      // The loop does not yield to this thread's event loop: a stop arrives through shared memory.
      if (Atomics.load(req.stop, 0) !== 0) throw new SaltlineError('ATTACHMENT_CANCELLED', 'encryption stopped');
      const sealed = sealer.seal(readExactly(input, plain, plainChunkLength(req.size, req.chunkBytes, i), i * req.chunkBytes), cipher);
      writeAll(output, sealed, null);
      post({ job: req.job, type: 'sealed', index: i });
    }
    plain.fill(0);
    fsyncSync(output);
    post({ job: req.job, type: 'sealDone', header: sealer.header, hash: sealer.hash() });
  } catch (e) {
    fail(req.job, e);
  } finally {
    key.wipe();
    if (input !== undefined) closeSync(input);
    if (output !== undefined) closeSync(output);
  }
}

interface Opening {
  readonly req: Extract<WorkerRequest, { op: 'open' }>;
  readonly opener: AttachmentOpener;
  readonly part: number;
  readonly out: number | undefined;
  readonly plain: Buffer;
}

const openings = new Map<number, Opening>();

/**
 * Chunks arrive as buffers moved here from the main thread; this thread allocates almost nothing
 * itself, so V8 would free them only after tens of MiB (its external-memory trigger). A young-
 * generation collection every few chunks frees the spent ones and keeps a download's memory flat
 * (measured: ~0.6 ms each; a full collection took ~10 ms).
 */
v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options: { type: 'minor' }) => void;
const CHUNKS_PER_COLLECTION = 4;
let spentChunks = 0;

function collectSpentChunks(): void {
  if (++spentChunks % CHUNKS_PER_COLLECTION === 0) gc({ type: 'minor' });
}

function closeOpening(o: Opening): void {
  openings.delete(o.req.job);
  o.plain.fill(0);
  closeSync(o.part);
  if (o.out !== undefined) closeSync(o.out);
}

/**
 * Starts a download or a decryption: checks what the part file already holds from the start
 * (only whole, verified chunks count) and reports how many chunks that is. With `repair` a damaged
 * chunk and everything after it is cut off, to be fetched again; without, it is an error.
 */
function open(req: Extract<WorkerRequest, { op: 'open' }>): void {
  try {
    openFrom(req);
  } finally {
    req.key.fill(0);
  }
}

function openPart(path: string, repair: boolean): number {
  if (!repair) return openSync(path, 'r');
  try {
    return openSync(path, 'r+');
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') throw e;
    return openSync(path, 'w+');
  }
}

function openFrom(req: Extract<WorkerRequest, { op: 'open' }>): void {
  const count = chunkCount(req.size, req.chunkBytes);
  for (;;) {
    let part: number | undefined;
    let out: number | undefined;
    const key = keyOf(Buffer.from(req.key));
    try {
      const opener = new AttachmentOpener(key, req.header, req.hash, req.size, req.chunkBytes);
      part = openPart(req.part, req.repair);
      out = req.out === null ? undefined : openSync(req.out, 'w');
      const o: Opening = { req, opener, part, out, plain: Buffer.allocUnsafe(req.chunkBytes) };
      const full = cipherChunkLength(req.size, req.chunkBytes, 0);
      const have = req.repair ? Math.min(count, Math.floor(fstatSync(part).size / full)) : count;
      const buffer = Buffer.allocUnsafe(full);
      let damaged = -1;
      for (let i = 0; i < have && damaged < 0; i++) {
        const length = cipherChunkLength(req.size, req.chunkBytes, i);
        try {
          const plain = opener.open(i, readExactly(part, buffer, length, cipherChunkOffset(req.chunkBytes, i)), o.plain);
          if (out !== undefined) writeAll(out, plain, null);
          post({ job: req.job, type: 'checked', index: i });
        } catch (e) {
          if (!req.repair || !(e instanceof AttachmentError || e instanceof ShortFileError)) throw e;
          damaged = i;
        }
      }
      if (damaged >= 0) {
        // Keep what verified and start over from there (with a fresh stream state and output).
        ftruncateSync(part, cipherChunkOffset(req.chunkBytes, damaged));
        closeSync(part);
        if (out !== undefined) closeSync(out);
        continue;
      }
      if (req.repair) ftruncateSync(part, cipherChunkOffset(req.chunkBytes, have));
      openings.set(req.job, o);
      post({ job: req.job, type: 'have', have });
      if (opener.done) finishOpening(o);
      return;
    } catch (e) {
      if (part !== undefined) closeSync(part);
      if (out !== undefined) closeSync(out);
      fail(req.job, e);
      return;
    } finally {
      key.wipe();
    }
  }
}

function finishOpening(o: Opening): void {
  // A download's copy in the profile is made durable; the output file is written like `cp` writes one.
  if (o.req.repair) fsyncSync(o.part);
  closeOpening(o);
  post({ job: o.req.job, type: 'openDone' });
}

function chunk(req: Extract<WorkerRequest, { op: 'chunk' }>): void {
  const o = openings.get(req.job);
  if (!o) return;
  const { chunkBytes } = o.req;
  const data = req.data;
  try {
    let plain: Buffer;
    try {
      plain = o.opener.open(req.index, data, o.plain);
    } catch (e) {
      if (e instanceof AttachmentError && e.reason === 'HASH_MISMATCH') ftruncateSync(o.part, 0);
      throw e;
    }
    writeAll(o.part, data, cipherChunkOffset(chunkBytes, req.index));
    if (o.out !== undefined) writeAll(o.out, plain, null);
    post({ job: req.job, type: 'opened', index: req.index });
    collectSpentChunks();
    if (o.opener.done) finishOpening(o);
  } catch (e) {
    closeOpening(o);
    fail(req.job, e);
  }
}

port.on('message', (req: WorkerRequest) => {
  switch (req.op) {
    case 'seal':
      return seal(req);
    case 'open':
      return open(req);
    case 'chunk':
      return chunk(req);
    case 'cancel': {
      const o = openings.get(req.job);
      if (o) closeOpening(o);
      post({ job: req.job, type: 'cancelled' });
      return;
    }
  }
});
