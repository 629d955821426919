/**
 * Attachments in the SDK (issue 8 item 1): files encrypted on this device, uploaded through the
 * relay's blob store, downloaded, verified and decrypted chunk by chunk, and kept encrypted in the
 * profile folder.
 *
 * At rest: `<profile>/attachments/<name>.blob` holds the secretstream ciphertext exactly as it
 * travels (the sender keeps what it encrypted, the recipient what it downloaded): no second
 * encryption. Its key exists only inside the message row, which the store encrypts; deleting the
 * row and the file destroys the attachment. File names are a keyed hash of the message id (the
 * key is a random profile setting), so the folder shows no message ids.
 *
 * Sending: encrypt the file into the profile (hashing the ciphertext as it is written), create the
 * blob, send the message (the recipient may start downloading at once: the relay holds its chunk
 * requests until the chunks are durable), then upload, resuming after dropped connections.
 * Receiving: attachments up to `AUTO_DOWNLOAD_BYTES` are fetched in the background on receipt;
 * larger ones when saved (`saveAttachment`), which decrypts straight into the output file while
 * downloading. An interrupted download keeps its verified prefix (`<name>.part`) and resumes.
 * A verified download is acknowledged to the relay, which then deletes a one-to-one file's blob
 * (it has that one reader); a group's stays for the other members until the relay's expiry.
 */
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { SaltlineError } from '../crypto/errors.js';
import { blake2b } from '../crypto/hash.js';
import type { Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
import { signingKeyPairFromSeed } from '../crypto/sign.js';
import {
  ATTACHMENT_CHUNK_BYTES,
  AttachmentOpener,
  chunkCount,
  cipherChunkLength,
  cipherChunkOffset,
  cipherSize,
  newAttachmentKey,
} from '../protocol/attachmentStream.js';
import { decodeAttachment, encodeAttachment, isJpeg, isValidAttachmentName, MAX_THUMBNAIL_BYTES, type AttachmentDescriptor } from '../protocol/attachmentContent.js';
import { parseRelayAddress } from '../protocol/relayWire/relayAddress.js';
import { BlobClient, downloadBlob, isTransient, uploadBlob, type BlobUpload } from '../transport/blobClient.js';
import type { RelayClient } from '../transport/relayClient.js';
import { AttachmentCrypto, type OpenJob } from './attachmentCrypto.js';
import { decodeBody } from './messageBody.js';
import { PendingUploads, type SettingsStore } from './pendingUploads.js';
import type { AttachmentInfo, AttachmentState } from './types.js';

/** Attachments up to this size are downloaded on receipt; larger ones when the user saves them. */
export const AUTO_DOWNLOAD_BYTES = 10 * 1024 * 1024;

/** A message row whose body starts with these bytes holds an attachment (0xff never starts UTF-8 text). */
const ROW_MAGIC = Buffer.from([0xff, 0x05]);


/** `done` of `total` plaintext bytes. */
export type ProgressListener = (done: number, total: number) => void;

export interface SendFileOptions {
  readonly onProgress?: ProgressListener;
  /** Shown to the recipient; default: the file's own name. */
  readonly name?: string;
  /** Default: guessed from the extension. */
  readonly mime?: string;
  /** A small JPEG preview (at most 24 KiB), made by the caller (the web app draws one on a canvas). */
  readonly thumbnail?: Uint8Array;
}

/** What `prepare` takes beyond the user's options. */
export interface PrepareOptions extends SendFileOptions {
  /** One reader (a one-to-one chat): the relay deletes the blob when that reader has it all. */
  readonly singleReader: boolean;
}

export class AttachmentUnavailableError extends SaltlineError {
  constructor(message: string) {
    super('ATTACHMENT_UNAVAILABLE', message);
  }
}

export class BadFileError extends SaltlineError {
  constructor(message: string) {
    super('BAD_FILE', message);
  }
}

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.zip': 'application/zip',
};

export function guessMime(name: string): string {
  return MIME_BY_EXTENSION[extname(name).toLowerCase()] ?? 'application/octet-stream';
}

export function attachmentRowBody(d: AttachmentDescriptor): Buffer {
  return Buffer.concat([ROW_MAGIC, encodeAttachment(d)]);
}

/** The attachment a stored row describes, if it is an attachment row (behind any issue 8 message header). */
export function attachmentOfRow(row: Uint8Array): AttachmentDescriptor | undefined {
  let body: Uint8Array;
  try {
    const decoded = decodeBody(row);
    if (decoded.header.deleted) return undefined;
    body = decoded.payload;
  } catch {
    return undefined;
  }
  if (body.length < ROW_MAGIC.length || body[0] !== ROW_MAGIC[0] || body[1] !== ROW_MAGIC[1]) return undefined;
  try {
    return decodeAttachment(body.subarray(ROW_MAGIC.length));
  } catch {
    return undefined;
  }
}

/** Reads exactly `length` bytes at `position` (a short read means the file changed under us). */
async function readExactly(fh: FileHandle, buffer: Buffer, length: number, position: number): Promise<Buffer> {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw new BadFileError('the file is shorter than expected (did it change while being read?)');
    done += bytesRead;
  }
  return buffer.subarray(0, length);
}

/**
 * Buffers for chunks read for an upload, reused once the relay has them: an upload allocates about
 * its window of chunk buffers instead of one per chunk (less garbage on the app's thread).
 */
class ChunkBuffers {
  readonly #size: number;
  readonly #free: Buffer[] = [];

  constructor(size: number) {
    this.#size = size;
  }

  read(file: FileHandle, length: number, position: number): Promise<Buffer> {
    return readExactly(file, this.#free.pop() ?? Buffer.allocUnsafe(this.#size), length, position);
  }

  /** Takes back a buffer `read` returned (a view of one of ours). */
  release(data: Buffer): void {
    if (data.byteOffset === 0 && data.buffer.byteLength === this.#size) this.#free.push(Buffer.from(data.buffer, 0, this.#size));
  }
}

export interface AttachmentsHost {
  /** The folder attachment files live in (created on first use). */
  readonly dir: string;
  readonly rng: Rng;
  relays(): RelayClient;
  /** A random key kept in the encrypted store; file names are keyed hashes of message ids. */
  nameKey(): Promise<Buffer>;
  /** The profile's encrypted settings: unfinished uploads are recorded there. */
  readonly settings: SettingsStore;
}

/** A file encrypted into the profile, its blob created and its upload under way, ready to be announced. */
export interface PreparedAttachment {
  readonly descriptor: AttachmentDescriptor;
  readonly upload: BlobUpload;
  /** The upload, started while the file was encrypted; resolves once the relay holds all of it. */
  readonly uploaded: Promise<void>;
  /** Stops the upload (e.g. the message could not be sent). */
  cancel(): void;
}

export class Attachments {
  readonly #host: AttachmentsHost;
  readonly #transfers = new Map<string, { kind: 'uploading' | 'downloading'; done: Promise<void> }>();
  readonly #failed = new Set<string>();
  readonly #abort = new AbortController();
  #nameKey: Buffer | undefined;
  #blobs: BlobClient | undefined;
  readonly #crypto = new AttachmentCrypto();
  readonly #pending: PendingUploads;
  /** Uploads this process runs (from `prepare` until the relay holds everything): never resumed twice. */
  readonly #ownUploads = new Set<string>();
  #resuming: Promise<void> | undefined;

  constructor(host: AttachmentsHost) {
    this.#host = host;
    this.#pending = new PendingUploads(host.settings);
  }

  async ready(): Promise<void> {
    this.#nameKey ??= await this.#host.nameKey();
  }

  #blobClient(): BlobClient {
    this.#blobs ??= new BlobClient(this.#host.relays(), this.#host.rng);
    return this.#blobs;
  }

  #base(messageId: string): string {
    if (!this.#nameKey) throw new AttachmentUnavailableError('attachments are not ready');
    return `${this.#host.dir}/${blake2b(16, Buffer.from(messageId, 'utf8'), this.#nameKey).toString('hex')}`;
  }

  /** The encrypted file of a message's attachment, complete. */
  blobPath(messageId: string): string {
    return `${this.#base(messageId)}.blob`;
  }

  #partPath(messageId: string): string {
    return `${this.#base(messageId)}.part`;
  }

  info(messageId: string, d: AttachmentDescriptor): AttachmentInfo {
    const active = this.#transfers.get(messageId);
    const state: AttachmentState = active
      ? active.kind
      : this.#nameKey && existsSync(this.blobPath(messageId))
        ? 'stored'
        : this.#failed.has(messageId)
          ? 'failed'
          : 'remote';
    return { name: d.name, size: d.size, mime: d.mime, hasThumbnail: d.thumbnail.length > 0, state };
  }

  /**
   * Creates the blob on `relay`, then encrypts `path` into the profile under `messageId`, uploading
   * each chunk as soon as it is sealed; resolves once the file is encrypted (when the message can
   * be sent: it carries the hash of the whole ciphertext), while the upload goes on.
   */
  async prepare(messageId: string, path: string, relay: string, options: PrepareOptions): Promise<PreparedAttachment> {
    await this.ready();
    const name = options.name ?? basename(path);
    if (!isValidAttachmentName(name)) throw new BadFileError('the file name is empty, too long or has control characters or slashes');
    const mime = options.mime ?? guessMime(name);
    const thumbnail = options.thumbnail ? Buffer.from(options.thumbnail) : Buffer.alloc(0);
    if (thumbnail.length > MAX_THUMBNAIL_BYTES || (thumbnail.length > 0 && !isJpeg(thumbnail))) throw new BadFileError(`a thumbnail must be a JPEG of at most ${MAX_THUMBNAIL_BYTES} bytes`);
    const info = await stat(path);
    if (!info.isFile()) throw new BadFileError(`${path} is not a file`);
    const size = info.size;
    const chunkBytes = ATTACHMENT_CHUNK_BYTES;
    const count = chunkCount(size, chunkBytes);
    const total = cipherSize(size, chunkBytes);
    await mkdir(this.#host.dir, { recursive: true });
    const blobs = this.#blobClient();
    this.#ownUploads.add(messageId);
    let upload: BlobUpload;
    try {
      upload = await blobs.create(parseRelayAddress(relay), total, count, options.singleReader);
    } catch (e) {
      this.#ownUploads.delete(messageId);
      throw e;
    }
    // Recorded before anything else: a process killed from here on leaves what resuming (or
    // cleaning up) needs. The uploader key's seed is the first half of its secret key.
    try {
      await this.#pending.add({ messageId, relay, putId: upload.putId, getId: upload.getId, seed: upload.uploader.secretKey.expose().subarray(0, 32), size, chunkBytes });
    } catch (e) {
      this.#ownUploads.delete(messageId);
      upload.uploader.secretKey.wipe();
      throw e;
    }

    const part = this.#partPath(messageId);
    // The worker writes the file in place; the upload reads chunk i from it once it is sealed.
    await (await open(part, 'w')).close();
    const reader = await open(part, 'r');
    const buffers = new ChunkBuffers(cipherChunkLength(size, chunkBytes, 0));
    let sealed = 0;
    let failed: Error | undefined;
    const waiters: (() => void)[] = [];
    const wake = (): void => {
      for (const w of waiters.splice(0)) w();
    };
    const readChunk = async (i: number): Promise<Buffer> => {
      while (sealed <= i) {
        if (failed) throw failed;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
      return buffers.read(reader, cipherChunkLength(size, chunkBytes, i), cipherChunkOffset(chunkBytes, i));
    };
    const stop = new AbortController();
    const uploaded = this.#upload(messageId, upload, size, chunkBytes, readChunk, buffers, reader, stop.signal, options.onProgress);

    const key = newAttachmentKey(this.#host.rng);
    let sealedStream: { header: Buffer; hash: Buffer };
    try {
      sealedStream = await this.#crypto.seal(path, part, size, chunkBytes, key, (i) => {
        sealed = i + 1;
        wake();
      }, stop.signal);
    } catch (e) {
      failed = e instanceof Error ? e : new Error(String(e));
      wake();
      stop.abort();
      key.wipe();
      await uploaded.catch(() => undefined);
      await rm(part, { force: true });
      await this.#pending.remove([messageId]).catch(() => undefined);
      throw e;
    }
    await rename(part, this.blobPath(messageId));
    const descriptor: AttachmentDescriptor = { relay, getId: upload.getId, key: Buffer.from(key.expose()), header: sealedStream.header, hash: sealedStream.hash, size, chunkBytes, name, mime, thumbnail };
    key.wipe();
    return { descriptor, upload, uploaded, cancel: () => stop.abort() };
  }

  /**
   * Uploads a blob until the relay holds all of it (reading chunks with `read` from `file`, closed
   * at the end). Its record of pending uploads goes once the relay holds everything, or when the
   * relay refuses it for good; an upload stopped by `close()` keeps it, to resume next time.
   */
  #upload(
    messageId: string,
    upload: BlobUpload,
    size: number,
    chunkBytes: number,
    read: (i: number) => Promise<Buffer>,
    buffers: ChunkBuffers,
    file: FileHandle,
    signal: AbortSignal,
    onProgress: ProgressListener | undefined,
  ): Promise<void> {
    const blobs = this.#blobClient();
    const count = chunkCount(size, chunkBytes);
    const total = cipherSize(size, chunkBytes);
    const stop = new AbortController();
    const onStop = (): void => stop.abort();
    signal.addEventListener('abort', onStop);
    this.#abort.signal.addEventListener('abort', onStop);
    const uploaded = (async () => {
      try {
        await uploadBlob(blobs, upload, count, read, {
          signal: stop.signal,
          release: (data) => buffers.release(data),
          ...(onProgress ? { onProgress: (stored) => onProgress(Math.round((stored / total) * size), size) } : {}),
        });
      } catch (e) {
        if (!this.#abort.signal.aborted && !signal.aborted && !isTransient(e)) await this.#pending.remove([messageId]).catch(() => undefined);
        throw e;
      } finally {
        signal.removeEventListener('abort', onStop);
        this.#abort.signal.removeEventListener('abort', onStop);
        await file.close();
        blobs.done(upload);
        upload.uploader.secretKey.wipe();
        this.#ownUploads.delete(messageId);
      }
      // If this fails (the store is closing), the next start finds the relay holding everything.
      await this.#pending.remove([messageId]).catch(() => undefined);
    })();
    uploaded.catch(() => undefined);
    return uploaded;
  }

  /**
   * Picks up the uploads an earlier process of this profile left unfinished (it was killed, or
   * closed mid-upload): those whose message was committed carry on from what the relay holds;
   * those whose message never was (the process died while encrypting) are removed here and on
   * the relay. Runs once; resolves when the resumed uploads are under way (`settle()` waits for
   * them). `messageExists` tells whether a message row is there.
   */
  resumeUploads(messageExists: (messageId: string) => Promise<boolean>): Promise<void> {
    this.#resuming ??= this.#resume(messageExists);
    return this.#resuming;
  }

  async #resume(messageExists: (messageId: string) => Promise<boolean>): Promise<void> {
    await this.ready();
    const pending = await this.#pending.list();
    for (const p of pending) {
      const upload: BlobUpload = { relay: parseRelayAddress(p.relay), putId: p.putId, getId: p.getId, uploader: signingKeyPairFromSeed(p.seed) };
      p.seed.fill(0);
      // An upload this process started (its message may not be committed yet) is not an orphan.
      if (this.#ownUploads.has(p.messageId)) {
        upload.uploader.secretKey.wipe();
        continue;
      }
      if (!(await messageExists(p.messageId)) || !existsSync(this.blobPath(p.messageId))) {
        await rm(this.#partPath(p.messageId), { force: true });
        await this.#pending.remove([p.messageId]);
        const blobs = this.#blobClient();
        // Best effort: the relay's expiry removes it otherwise.
        void blobs
          .delete(upload)
          .catch(() => undefined)
          .finally(() => {
            blobs.done(upload);
            upload.uploader.secretKey.wipe();
          });
        continue;
      }
      this.#ownUploads.add(p.messageId);
      const file = await open(this.blobPath(p.messageId), 'r');
      const buffers = new ChunkBuffers(cipherChunkLength(p.size, p.chunkBytes, 0));
      const read = (i: number): Promise<Buffer> => buffers.read(file, cipherChunkLength(p.size, p.chunkBytes, i), cipherChunkOffset(p.chunkBytes, i));
      void this.#track(p.messageId, 'uploading', this.#upload(p.messageId, upload, p.size, p.chunkBytes, read, buffers, file, this.#abort.signal, undefined)).catch(() => undefined);
    }
  }

  /** Waits until the relay holds all of a prepared attachment (its state is `uploading` meanwhile). */
  async upload(messageId: string, prepared: PreparedAttachment): Promise<void> {
    await this.#track(messageId, 'uploading', prepared.uploaded);
  }

  async #track(messageId: string, kind: 'uploading' | 'downloading', done: Promise<void>): Promise<void> {
    this.#transfers.set(messageId, { kind, done: done.catch(() => undefined) });
    this.#failed.delete(messageId);
    try {
      await done;
    } catch (e) {
      this.#failed.add(messageId);
      throw e;
    } finally {
      this.#transfers.delete(messageId);
    }
  }

  /** Downloads in the background if small enough (errors leave it `failed`, to be fetched on demand). */
  autoDownload(messageId: string, d: AttachmentDescriptor): void {
    if (d.size > AUTO_DOWNLOAD_BYTES || this.#transfers.has(messageId) || this.#abort.signal.aborted) return;
    void this.fetch(messageId, d).catch(() => undefined);
  }

  /**
   * Makes sure the encrypted file is in the profile (downloading and verifying what is missing)
   * and, with `outPath`, writes the decrypted file there (atomically: all of it or nothing).
   */
  async fetch(messageId: string, d: AttachmentDescriptor, options: { outPath?: string; onProgress?: ProgressListener } = {}): Promise<void> {
    await this.ready();
    const running = this.#transfers.get(messageId);
    if (running) await running.done;
    if (existsSync(this.blobPath(messageId))) {
      if (options.outPath !== undefined) await this.#decryptStored(messageId, d, options.outPath, options.onProgress);
      return;
    }
    await this.#track(messageId, 'downloading', this.#download(messageId, d, options.outPath, options.onProgress));
  }

  #opener(d: AttachmentDescriptor): AttachmentOpener {
    const key = Secret.copyOf('AttachmentKey', d.key.length, d.key);
    try {
      return new AttachmentOpener(key, d.header, d.hash, d.size, d.chunkBytes);
    } finally {
      key.wipe();
    }
  }

  async #download(messageId: string, d: AttachmentDescriptor, outPath: string | undefined, onProgress: ProgressListener | undefined): Promise<void> {
    await mkdir(this.#host.dir, { recursive: true });
    const count = chunkCount(d.size, d.chunkBytes);
    const partPath = this.#partPath(messageId);
    const outTmp = outPath === undefined ? undefined : `${outPath}.saltline-part`;
    const ref = { relay: parseRelayAddress(d.relay), getId: d.getId };
    // What an interrupted download left is checked again from the start: only whole, verified chunks count.
    await this.#decrypt(d, partPath, outTmp, true, onProgress, async (job) => {
      const have = await job.have;
      if (have === count) return;
      try {
        for await (const { index, data } of downloadBlob(this.#blobClient(), ref, have, count, { signal: this.#abort.signal })) await job.push(index, data);
      } finally {
        this.#blobClient().done(ref);
      }
    });
    await rename(partPath, this.blobPath(messageId));
    // Verified and kept: the relay may let a single-reader blob go. Best effort, not waited for (an
    // unreachable relay must not hold up the file); the relay's expiry removes what is left.
    const blobs = this.#blobClient();
    void blobs
      .acknowledge(ref)
      .catch(() => undefined)
      .finally(() => blobs.done(ref));
    if (outTmp !== undefined && outPath !== undefined) await rename(outTmp, outPath);
  }

  /**
   * Runs a decryption job on the worker (`feed` hands it the chunks the file lacks) and waits for
   * it; on failure the job is stopped and a partial output file removed.
   */
  async #decrypt(d: AttachmentDescriptor, part: string, outTmp: string | undefined, repair: boolean, onProgress: ProgressListener | undefined, feed: (job: OpenJob) => Promise<void>): Promise<void> {
    const progress = onProgress && ((index: number) => onProgress(Math.min(d.size, (index + 1) * d.chunkBytes), d.size));
    const job = this.#crypto.open({ part, out: outTmp, repair, key: d.key, header: d.header, hash: d.hash, size: d.size, chunkBytes: d.chunkBytes, ...(progress ? { onOpened: progress } : {}) });
    try {
      await feed(job);
      await job.done;
    } catch (e) {
      job.cancel();
      await job.done.catch(() => undefined);
      if (outTmp !== undefined) await rm(outTmp, { force: true });
      throw e;
    }
  }

  /** Decrypts the stored file into `outPath`, verifying it again on the way. */
  async #decryptStored(messageId: string, d: AttachmentDescriptor, outPath: string, onProgress: ProgressListener | undefined): Promise<void> {
    const outTmp = `${outPath}.saltline-part`;
    await this.#decrypt(d, this.blobPath(messageId), outTmp, false, onProgress, async (job) => {
      await job.have;
    });
    await rename(outTmp, outPath);
  }

  /** Decrypts a stored attachment into memory (small files only, e.g. an image the web app shows). */
  async readStored(messageId: string, d: AttachmentDescriptor, maxBytes: number): Promise<Buffer> {
    if (d.size > maxBytes) throw new AttachmentUnavailableError('the attachment is too large to show inline');
    await this.fetch(messageId, d);
    const count = chunkCount(d.size, d.chunkBytes);
    const input = await open(this.blobPath(messageId), 'r');
    try {
      const opener = this.#opener(d);
      const parts: Buffer[] = [];
      for (let i = 0; i < count; i++) {
        const length = cipherChunkLength(d.size, d.chunkBytes, i);
        parts.push(opener.open(i, await readExactly(input, Buffer.allocUnsafe(length), length, cipherChunkOffset(d.chunkBytes, i))));
      }
      return Buffer.concat(parts);
    } finally {
      await input.close();
    }
  }

  /** Waits for background downloads started so far. */
  async settle(): Promise<void> {
    await Promise.all([...this.#transfers.values()].map((t) => t.done));
  }

  /**
   * Removes the attachment files of these messages from the profile folder (call it whenever
   * message rows are deleted: delete, delete for everyone, disappearing messages).
   */
  async deleteFiles(messageIds: readonly string[]): Promise<void> {
    await this.ready();
    for (const id of messageIds) {
      await rm(this.blobPath(id), { force: true });
      await rm(this.#partPath(id), { force: true });
      this.#failed.delete(id);
    }
    // A message deleted while its file was being uploaded: the upload is not resumed.
    await this.#pending.remove(messageIds);
  }

  /** Stops transfers (an interrupted download resumes next time) and waits for them to let go. */
  async close(): Promise<void> {
    this.#abort.abort();
    await this.settle();
    await this.#crypto.close();
  }
}
