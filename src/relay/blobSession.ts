/**
 * One connection's blob commands (issue 8 item 1, attachments): BNEW, BPUT, BGET, BSTAT, BDEL,
 * BACK, run by `RelaySession` beside its queue commands.
 *
 * Authorization mirrors the queues: BNEW is signed by a key made for that blob alone and the
 * relay keeps its public half; BPUT and BDEL are signed with it (once per connection, then bound
 * like SEND); BGET, BSTAT and BACK need only the get id, an unguessable capability the uploader
 * passes on inside an end-to-end encrypted message. A blob made with `once` (an attachment with a
 * single reader) is deleted when that reader acknowledges having all of it (BACK), as a queue's
 * envelope goes once fetched; other blobs (a group's, read by many) stay until they expire. Errors are typed replies; none closes the
 * connection (beyond the session's usual error rate limit).
 *
 * Blob commands do not hold back the commands behind them: a BPUT is answered once its chunk is
 * durable, a waiting BGET once its chunk arrives (or NO_CHUNK after `BLOB_WAIT_MS`), and replies
 * are matched by correlation id.
 */
import { isValidSigningPublicKey } from '../crypto/sign.js';
import { BLOB_ID_BYTES, bitmapBytes, type BlobCommandBody } from '../protocol/relayWire/blobWire.js';
import type { RelayErrorName } from '../protocol/relayWire/errorCodes.js';
import { blobDataReplyFrame, encodeReply, type Command } from '../protocol/relayWire/frames.js';
import { blobKey, BlobStoreError, type BlobRecord } from './blobStore.js';
import type { RelayCore } from './relayCore.js';

/** How long a BGET with the wait flag is held for a chunk that is not stored yet (below the clients' 15 s command timeout). */
export const BLOB_WAIT_MS = 5_000;
/** Chunk bytes one connection may have on their way to disk at once; beyond, BPUT is RATE_LIMITED. */
export const MAX_PUT_BYTES_IN_FLIGHT = 16 * 1024 * 1024;

export interface BlobSessionHost {
  readonly core: RelayCore;
  reply(frame: Buffer): void;
  error(corrId: number, code: RelayErrorName): void;
  signatureOk(cmd: Command, publicKey: Buffer): boolean;
}

function errorCode(e: unknown): RelayErrorName {
  if (e instanceof BlobStoreError) {
    switch (e.reason) {
      case 'NO_BLOB':
      case 'BLOB_QUOTA':
      case 'BAD_CHUNK':
      case 'CHUNK_TOO_LARGE':
        return e.reason;
      default:
        return 'INTERNAL';
    }
  }
  return 'INTERNAL';
}

export class BlobSession {
  readonly #host: BlobSessionHost;
  /** Blobs whose uploader key this connection has proven, by put key. */
  readonly #uploaderOf = new Map<string, BlobRecord>();
  readonly #waits = new Set<() => void>();
  #putBytes = 0;

  constructor(host: BlobSessionHost) {
    this.#host = host;
  }

  /** Runs one blob command; returns a promise only when later commands must wait for it. */
  run(cmd: Command, body: BlobCommandBody): Promise<void> | undefined {
    switch (body.kind) {
      case 'BNEW':
        return this.#create(cmd, body);
      case 'BPUT': {
        const record = this.#uploader(cmd, body.putId);
        if (record) this.#put(cmd.corrId, record, body.index, body.data);
        return undefined;
      }
      case 'BDEL': {
        const record = this.#uploader(cmd, body.putId);
        return record ? this.#delete(cmd.corrId, record) : undefined;
      }
      case 'BGET':
        this.#get(cmd.corrId, body.getId, body.index, body.wait);
        return undefined;
      case 'BSTAT':
        this.#stat(cmd.corrId, body.getId);
        return undefined;
      case 'BACK':
        return this.#acknowledge(cmd.corrId, body.getId);
    }
  }

  /** The blob a BPUT/BDEL is about if this connection may write it (else replies). */
  #uploader(cmd: Command, putId: Buffer): BlobRecord | undefined {
    const putKey = blobKey(putId);
    const bound = this.#uploaderOf.get(putKey);
    if (bound) return bound;
    const record = this.#host.core.blobs.byPutKey(putKey);
    if (!record) {
      this.#host.error(cmd.corrId, 'NO_BLOB');
      return undefined;
    }
    if (!this.#host.signatureOk(cmd, record.uploaderKey)) {
      this.#host.error(cmd.corrId, 'AUTH');
      return undefined;
    }
    this.#uploaderOf.set(putKey, record);
    return record;
  }

  async #create(cmd: Command, body: Extract<BlobCommandBody, { kind: 'BNEW' }>): Promise<void> {
    if (!isValidSigningPublicKey(body.uploaderKey) || !this.#host.signatureOk(cmd, body.uploaderKey)) return this.#host.error(cmd.corrId, 'AUTH');
    const { rng, now } = this.#host.core.options;
    const putId = rng(BLOB_ID_BYTES);
    const getId = rng(BLOB_ID_BYTES);
    const record: BlobRecord = { putKey: blobKey(putId), getKey: blobKey(getId), uploaderKey: Buffer.from(body.uploaderKey), size: body.size, chunkCount: body.chunkCount, createdAt: now(), once: body.once };
    try {
      await this.#host.core.blobs.create(record);
    } catch (e) {
      return this.#host.error(cmd.corrId, errorCode(e));
    }
    this.#uploaderOf.set(record.putKey, record);
    this.#host.reply(encodeReply({ kind: 'BIDS', corrId: cmd.corrId, putId, getId }));
  }

  #put(corrId: number, record: BlobRecord, index: number, data: Buffer): void {
    if (this.#putBytes + data.length > MAX_PUT_BYTES_IN_FLIGHT) {
      this.#host.error(corrId, 'RATE_LIMITED');
      return;
    }
    this.#putBytes += data.length;
    this.#host.core.blobs.putChunk(record.putKey, index, data).then(
      () => {
        this.#putBytes -= data.length;
        this.#host.reply(encodeReply({ kind: 'OK', corrId }));
      },
      (e: unknown) => {
        this.#putBytes -= data.length;
        if (errorCode(e) === 'NO_BLOB') this.#uploaderOf.delete(record.putKey);
        this.#host.error(corrId, errorCode(e));
      },
    );
  }

  /** A reader has the whole blob: a `once` blob goes now (only a complete one: NO_CHUNK otherwise). */
  async #acknowledge(corrId: number, getId: Buffer): Promise<void> {
    const blobs = this.#host.core.blobs;
    const record = blobs.byGetKey(blobKey(getId));
    if (!record) return this.#host.error(corrId, 'NO_BLOB');
    if (record.once) {
      const status = blobs.status(record.getKey);
      if (!status || status.storedBytes !== record.size) return this.#host.error(corrId, 'NO_CHUNK');
      if (!(await blobs.delete(record.putKey))) return this.#host.error(corrId, 'NO_BLOB');
    }
    this.#host.reply(encodeReply({ kind: 'OK', corrId }));
  }

  async #delete(corrId: number, record: BlobRecord): Promise<void> {
    this.#uploaderOf.delete(record.putKey);
    if (!(await this.#host.core.blobs.delete(record.putKey))) return this.#host.error(corrId, 'NO_BLOB');
    this.#host.reply(encodeReply({ kind: 'OK', corrId }));
  }

  #get(corrId: number, getId: Buffer, index: number, wait: boolean): void {
    const getKey = blobKey(getId);
    const blobs = this.#host.core.blobs;
    const record = blobs.byGetKey(getKey);
    if (!record) return this.#host.error(corrId, 'NO_BLOB');
    if (index >= record.chunkCount) return this.#host.error(corrId, 'BAD_CHUNK');
    const send = (): void => {
      // The file store reads the chunk straight into its reply frame; other stores' bytes are copied in.
      let reply: { frame: Buffer; data: Buffer } | undefined;
      const into = (length: number): Buffer => {
        reply = blobDataReplyFrame(corrId, index, length);
        return reply.data;
      };
      blobs.getChunk(getKey, index, into).then(
        (data) => {
          if (data) this.#host.reply(reply && data === reply.data ? reply.frame : encodeReply({ kind: 'BDATA', corrId, index, data }));
          else this.#host.error(corrId, blobs.byGetKey(getKey) ? 'NO_CHUNK' : 'NO_BLOB');
        },
        () => this.#host.error(corrId, 'INTERNAL'),
      );
    };
    const status = blobs.status(getKey);
    const stored = status !== undefined && ((status.bitmap[index >> 3] ?? 0) & (1 << (index & 7))) !== 0;
    if (stored || !wait) return send();
    // Held until the chunk is durable: a downloader can follow an upload as it happens.
    const stop = (): void => {
      clearTimeout(timer);
      unlisten();
      this.#waits.delete(stop);
    };
    const timer = setTimeout(() => {
      stop();
      this.#host.error(corrId, blobs.byGetKey(getKey) ? 'NO_CHUNK' : 'NO_BLOB');
    }, BLOB_WAIT_MS);
    const unlisten = this.#host.core.onChunk(getKey, index, () => {
      stop();
      send();
    });
    this.#waits.add(stop);
  }

  #stat(corrId: number, getId: Buffer): void {
    const status = this.#host.core.blobs.status(blobKey(getId));
    if (!status) return this.#host.error(corrId, 'NO_BLOB');
    const { record } = status;
    const bitmap = status.bitmap.length === bitmapBytes(record.chunkCount) ? status.bitmap : Buffer.alloc(bitmapBytes(record.chunkCount));
    this.#host.reply(encodeReply({ kind: 'BHAVE', corrId, size: record.size, chunkCount: record.chunkCount, storedBytes: status.storedBytes, bitmap }));
  }

  /** The connection is gone: waiting downloads are dropped. */
  close(): void {
    for (const stop of [...this.#waits]) stop();
  }
}
