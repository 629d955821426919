/**
 * The client side of the relay's blob store (issue 8 item 1, attachments): create a blob with a
 * key made for it alone, upload chunks, ask which chunks the relay holds, download chunks (held by
 * the relay until they arrive), acknowledge a whole download (a single-reader blob then goes from
 * the relay), and the resumable loops built on those: `uploadBlob` re-asks the
 * relay what it holds after every interruption and sends only the rest; `downloadBlob` yields
 * chunks in order with a few requests in flight and carries on from the next one it needs after
 * a dropped connection.
 */
import { toBase64Url } from '../crypto/bytes.js';
import { generateSigningKeyPair, type SigningKeyPair } from '../crypto/sign.js';
import type { Rng } from '../crypto/random.js';
import { BLOB_ID_BYTES } from '../protocol/relayWire/blobWire.js';
import type { Reply } from '../protocol/relayWire/frames.js';
import type { RelayAddress } from '../protocol/relayWire/relayAddress.js';
import { sleep } from './backoff.js';
import { RelayCommandError, TransportError } from './errors.js';
import type { RelayClient } from './relayClient.js';
import type { CommandAuth, RelayConnection } from './relayConnection.js';

/** What a downloader needs: where the blob is and its get id (the capability). */
export interface BlobRef {
  readonly relay: RelayAddress;
  readonly getId: Buffer;
}

/** What an uploader keeps: the put id and the key made for this blob alone. */
export interface BlobUpload extends BlobRef {
  readonly putId: Buffer;
  readonly uploader: SigningKeyPair;
}

export interface BlobHolding {
  readonly size: number;
  readonly chunkCount: number;
  readonly storedBytes: number;
  has(index: number): boolean;
}

/** Transfers give up after this long without any progress (the relay is gone for good). */
export const DEFAULT_STALL_MS = 120_000;

const b64 = toBase64Url;

function expect<K extends Reply['kind']>(reply: Reply, kind: K): Extract<Reply, { kind: K }> {
  if (reply.kind !== kind) throw new TransportError('UNEXPECTED_REPLY', `relay answered without ${kind}`);
  return reply as Extract<Reply, { kind: K }>;
}

/** Retrying can help: the connection dropped, or the relay asked us to slow down or come back later. */
export function isTransient(e: unknown): boolean {
  if (e instanceof TransportError) return e.reason !== 'CLOSED' && e.reason !== 'PIN_MISMATCH';
  if (e instanceof RelayCommandError) return !e.permanent;
  return false;
}

export class BlobClient {
  readonly #relays: RelayClient;
  readonly #rng: Rng;

  constructor(relays: RelayClient, rng: Rng) {
    this.#relays = relays;
    this.#rng = rng;
  }

  /** Uploads and downloads of one blob use their own connections, linked to no queue. */
  #conn(ref: BlobRef, role: 'put' | 'get'): RelayConnection {
    return this.#relays.connection(ref.relay, `blob-${role}:${b64(ref.getId)}`);
  }

  #auth(up: BlobUpload): CommandAuth {
    return { key: up.uploader.secretKey, bind: `b:${b64(up.putId)}` };
  }

  /** `once`: the blob has a single reader, and the relay deletes it when that reader acknowledges it. */
  async create(relay: RelayAddress, size: number, chunkCount: number, once: boolean): Promise<BlobUpload> {
    const uploader = generateSigningKeyPair(this.#rng);
    const conn = this.#relays.connection(relay, `blob-new:${b64(this.#rng(16))}`);
    try {
      const reply = expect(
        await conn.command({ kind: 'BNEW', uploaderKey: uploader.publicKey, size, chunkCount, once }, { key: uploader.secretKey, bind: `bnew:${b64(uploader.publicKey)}` }),
        'BIDS',
      );
      if (reply.putId.length !== BLOB_ID_BYTES || reply.getId.length !== BLOB_ID_BYTES) throw new TransportError('UNEXPECTED_REPLY', 'bad blob ids');
      return { relay, putId: reply.putId, getId: reply.getId, uploader };
    } finally {
      this.#relays.release(conn);
    }
  }

  async holding(ref: BlobRef, role: 'put' | 'get' = 'get'): Promise<BlobHolding> {
    const r = expect(await this.#conn(ref, role).command({ kind: 'BSTAT', getId: ref.getId }), 'BHAVE');
    const bitmap = r.bitmap;
    return { size: r.size, chunkCount: r.chunkCount, storedBytes: r.storedBytes, has: (i) => ((bitmap[i >> 3] ?? 0) & (1 << (i & 7))) !== 0 };
  }

  /** Resolves once the relay has made the chunk durable. */
  async put(up: BlobUpload, index: number, data: Buffer): Promise<void> {
    expect(await this.#conn(up, 'put').command({ kind: 'BPUT', putId: up.putId, index, data }, this.#auth(up)), 'OK');
  }

  /** The chunk; with `wait` the relay holds the request a few seconds for a chunk still on its way (else NO_CHUNK). */
  async get(ref: BlobRef, index: number, wait = true): Promise<Buffer> {
    const r = expect(await this.#conn(ref, 'get').command({ kind: 'BGET', getId: ref.getId, index, wait }), 'BDATA');
    if (r.index !== index) throw new TransportError('UNEXPECTED_REPLY', 'relay answered with another chunk');
    return r.data;
  }

  async delete(up: BlobUpload): Promise<void> {
    expect(await this.#conn(up, 'put').command({ kind: 'BDEL', putId: up.putId }, this.#auth(up)), 'OK');
  }

  /** Tells the relay we have all of the blob (and checked it): a single-reader blob is deleted. */
  async acknowledge(ref: BlobRef): Promise<void> {
    expect(await this.#conn(ref, 'get').command({ kind: 'BACK', getId: ref.getId }), 'OK');
  }

  /** Closes the connections of a finished transfer. */
  done(ref: BlobRef): void {
    for (const role of ['put', 'get'] as const) {
      const conn = this.#relays.existingConnection(ref.relay, `blob-${role}:${b64(ref.getId)}`);
      if (conn) this.#relays.release(conn);
    }
  }
}

export interface UploadOptions {
  /** Chunks in flight at once. */
  readonly window?: number;
  readonly stallMs?: number;
  /** Bytes the relay holds so far (after a resume this starts where the relay was). */
  readonly onProgress?: (storedBytes: number) => void;
  readonly signal?: AbortSignal;
  /** Called with each chunk `read` supplied once the upload is done with it (its buffer may be reused). */
  readonly release?: (data: Buffer) => void;
}

/**
 * Uploads chunks `0..chunkCount-1` (`read(i)` supplies chunk i) until the relay holds them all,
 * surviving dropped connections and relay restarts: each round (the first, and one after each
 * interruption) asks the relay what it holds.
 */
export async function uploadBlob(blobs: BlobClient, up: BlobUpload, chunkCount: number, read: (index: number) => Promise<Buffer>, options: UploadOptions = {}): Promise<void> {
  const window = options.window ?? 8;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  let lastProgress = Date.now();
  let delay = 100;
  for (;;) {
    if (options.signal?.aborted) throw new TransportError('CLOSED', 'upload cancelled');
    try {
      const held = await blobs.holding(up, 'put');
      let stored = held.storedBytes;
      options.onProgress?.(stored);
      const missing: number[] = [];
      for (let i = 0; i < chunkCount; i++) if (!held.has(i)) missing.push(i);
      if (missing.length === 0) return;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < missing.length) {
          if (options.signal?.aborted) throw new TransportError('CLOSED', 'upload cancelled');
          const i = missing[next++]!;
          const data = await read(i);
          try {
            await blobs.put(up, i, data);
          } finally {
            options.release?.(data);
          }
          stored += data.length;
          lastProgress = Date.now();
          delay = 100;
          options.onProgress?.(stored);
        }
      };
      await Promise.all(Array.from({ length: Math.min(window, missing.length) }, worker));
      // Every chunk sent was answered OK (durable): done. Asking again could find a one-reader blob
      // already gone, its reader having fetched it all in the meantime.
      return;
    } catch (e) {
      if (!isTransient(e) || Date.now() - lastProgress > stallMs) throw e;
      await sleep(delay);
      delay = Math.min(delay * 2, 2_000);
    }
  }
}

export interface DownloadOptions {
  readonly window?: number;
  readonly stallMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Yields chunks `from..chunkCount-1` in order, with up to `window` requests in flight; after a
 * dropped connection or a relay restart it asks again from the first chunk not yet yielded.
 * Memory stays at about `window` chunks.
 */
export async function* downloadBlob(blobs: BlobClient, ref: BlobRef, from: number, chunkCount: number, options: DownloadOptions = {}): AsyncGenerator<{ index: number; data: Buffer }> {
  const window = options.window ?? 6;
  const stallMs = options.stallMs ?? DEFAULT_STALL_MS;
  let next = from;
  let lastProgress = Date.now();
  let delay = 100;
  while (next < chunkCount) {
    if (options.signal?.aborted) throw new TransportError('CLOSED', 'download cancelled');
    const inFlight: Promise<Buffer>[] = [];
    const ask = (i: number): void => {
      const p = blobs.get(ref, i);
      p.catch(() => undefined);
      inFlight.push(p);
    };
    for (let i = next; i < Math.min(chunkCount, next + window); i++) ask(i);
    try {
      while (inFlight.length > 0) {
        const data = await inFlight.shift()!;
        if (options.signal?.aborted) throw new TransportError('CLOSED', 'download cancelled');
        const index = next++;
        if (next + inFlight.length < chunkCount) ask(next + inFlight.length);
        lastProgress = Date.now();
        delay = 100;
        yield { index, data };
      }
    } catch (e) {
      const waitingForUpload = e instanceof RelayCommandError && e.relayCode === 'NO_CHUNK';
      if (!isTransient(e) || Date.now() - lastProgress > stallMs) throw e;
      if (!waitingForUpload) {
        await sleep(delay);
        delay = Math.min(delay * 2, 2_000);
      }
    }
  }
}
