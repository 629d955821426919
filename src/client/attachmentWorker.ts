/**
 * The attachment worker thread (issue 8 item 1): the per-chunk work of attachments — secretstream
 * encryption or decryption, the whole-file hash, and the file reads and writes around them — runs
 * here, off the thread that runs the app and the relay connections. `attachmentCrypto.ts` is its
 * only user and describes the messages.
 *
 * Files are read with synchronous calls (this thread does nothing else). Encryption writes its
 * output synchronously too; a download's two writes per chunk go to the thread pool, so they
 * overlap the decryption of the next chunk. Plaintext buffers are reused: none per chunk.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, write, writeSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { SaltlineError } from '../crypto/errors.js';
import { Secret } from '../crypto/secret.js';
import { SECRETSTREAM_ABYTES } from '../crypto/secretstream.js';
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
  /** Plaintext and ciphertext buffers not in use (one of each per chunk whose writes are under way). */
  readonly free: Buffer[];
  readonly cipherFree: Buffer[];
  /** File writes under way: the files are closed only once none is left. */
  inflight: number;
  /** The highest chunk reported written (progress only goes forward). */
  reported: number;
  /** Set once the job is over; acted on when no write is left. */
  ending: { kind: 'done' } | { kind: 'cancel' } | { kind: 'error'; error: unknown; truncate: boolean } | undefined;
}

const openings = new Map<number, Opening>();

/**
 * Chunks arrive as buffers moved here from the main thread and are copied into the job's own
 * buffers at once. This thread allocates almost nothing itself, so garbage made here would wait
 * for tens of MiB (V8's external-memory trigger) before a collection freed it: the spent buffer
 * moves back instead, to the main thread, whose frequent young-generation collections free it.
 */
function handBack(req: Extract<WorkerRequest, { op: 'chunk' }>): void {
  const spent = req.data.buffer;
  if (spent instanceof ArrayBuffer) post({ job: req.job, type: 'spent', data: req.data }, [spent]);
}

function closeOpening(o: Opening): void {
  openings.delete(o.req.job);
  for (const b of o.free) b.fill(0);
  closeSync(o.part);
  if (o.out !== undefined) closeSync(o.out);
}

/** Ends a job once its last write is done: the files are closed only then (a pending write must not land in a reused descriptor). */
function settle(o: Opening): void {
  const ending = o.ending;
  if (ending === undefined || o.inflight > 0 || !openings.has(o.req.job)) return;
  try {
    if (ending.kind === 'error' && ending.truncate) ftruncateSync(o.part, 0);
    // A download's copy in the profile is made durable; the output file is written like `cp` writes one.
    if (ending.kind === 'done' && o.req.repair) fsyncSync(o.part);
  } catch (e) {
    closeOpening(o);
    fail(o.req.job, e);
    return;
  }
  closeOpening(o);
  if (ending.kind === 'done') post({ job: o.req.job, type: 'openDone' });
  else if (ending.kind === 'cancel') post({ job: o.req.job, type: 'cancelled' });
  else fail(o.req.job, ending.error);
}

/** Writes all of `data` at `position` on the thread pool, then calls `done`. */
function writeFully(fd: number, data: Uint8Array, position: number, done: (error: Error | null) => void): void {
  write(fd, data, 0, data.length, position, (error, written) => {
    if (error) done(error);
    else if (written < data.length) writeFully(fd, data.subarray(written), position + written, done);
    else done(null);
  });
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
      const plainBuffer = Buffer.allocUnsafe(req.chunkBytes);
      const o: Opening = { req, opener, part, out, free: [plainBuffer], cipherFree: [], inflight: 0, reported: -1, ending: undefined };
      const full = cipherChunkLength(req.size, req.chunkBytes, 0);
      const have = req.repair ? Math.min(count, Math.floor(fstatSync(part).size / full)) : count;
      const buffer = Buffer.allocUnsafe(full);
      let damaged = -1;
      for (let i = 0; i < have && damaged < 0; i++) {
        const length = cipherChunkLength(req.size, req.chunkBytes, i);
        try {
          const plain = opener.open(i, readExactly(part, buffer, length, cipherChunkOffset(req.chunkBytes, i)), plainBuffer);
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
      if (opener.done) {
        o.ending = { kind: 'done' };
        settle(o);
      }
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

/**
 * Verifies and decrypts the next chunk here, then writes the ciphertext (into the profile) and the
 * plaintext (into the output) on the thread pool: the disk writes of one chunk overlap the
 * decryption of the next. The chunk counts as written (and frees its place in the queue) once
 * both writes are done.
 */
function chunk(req: Extract<WorkerRequest, { op: 'chunk' }>): void {
  const o = openings.get(req.job);
  if (!o || o.ending) return;
  const { chunkBytes } = o.req;
  // The chunk is copied into a buffer of this job at once, and the moved-in one goes back (handBack).
  const cipher = o.cipherFree.pop() ?? Buffer.allocUnsafe(chunkBytes + SECRETSTREAM_ABYTES);
  if (req.data.length > cipher.length) {
    o.cipherFree.push(cipher);
    o.ending = { kind: 'error', error: new AttachmentError('CHUNK_SIZE', 'chunk has the wrong length'), truncate: false };
    settle(o);
    return;
  }
  cipher.set(req.data);
  const data = cipher.subarray(0, req.data.length);
  handBack(req);
  const buffer = o.free.pop() ?? Buffer.allocUnsafe(chunkBytes);
  let plain: Buffer;
  try {
    plain = o.opener.open(req.index, data, buffer);
  } catch (e) {
    o.free.push(buffer);
    o.cipherFree.push(cipher);
    o.ending = { kind: 'error', error: e, truncate: e instanceof AttachmentError && e.reason === 'HASH_MISMATCH' };
    settle(o);
    return;
  }
  let left = o.out === undefined ? 1 : 2;
  o.inflight += left;
  const written = (error: Error | null): void => {
    o.inflight--;
    if (error && (o.ending === undefined || o.ending.kind === 'done')) o.ending = { kind: 'error', error, truncate: false };
    if (--left === 0) {
      o.free.push(buffer);
      o.cipherFree.push(cipher);
      if (o.ending === undefined || o.ending.kind === 'done') {
        o.reported = Math.max(o.reported, req.index);
        post({ job: req.job, type: 'opened', index: o.reported });
      }
    }
    settle(o);
  };
  writeFully(o.part, data, cipherChunkOffset(chunkBytes, req.index), written);
  if (o.out !== undefined) writeFully(o.out, plain, req.index * chunkBytes, written);
  if (o.opener.done) o.ending = { kind: 'done' };
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
      if (!o) return post({ job: req.job, type: 'cancelled' });
      o.ending ??= { kind: 'cancel' };
      return settle(o);
    }
  }
});
