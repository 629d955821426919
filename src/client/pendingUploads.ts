/**
 * Uploads that must survive the sending process (issue 8 item 1: interrupted uploads resume):
 * what resuming one needs once the process that started it is gone — the message it belongs to,
 * the relay, the blob's put and get ids and the seed of the key made for that blob alone (the
 * write capability). The encrypted file itself is already in the attachment folder; which chunks
 * the relay holds is asked of the relay (BSTAT), the one place that knows for sure.
 *
 * Kept in one setting of the profile's store, which encrypts it; a record is written right after
 * the blob is created (before the file is encrypted and the message committed) and removed when
 * the relay holds the whole file or the upload is given up. Buffers holding seeds are wiped once
 * written or used.
 *
 *   u8 version (1) ‖ u16 count ‖ count × ( u8 length ‖ message id ‖ u8 length ‖ relay address ‖
 *   put id (24) ‖ get id (24) ‖ seed (32) ‖ u32 high ‖ u32 low (plaintext size) ‖ u32 chunk bytes )
 */
import { Reader } from '../protocol/codec/reader.js';
import { Writer } from '../protocol/codec/writer.js';
import { BLOB_ID_BYTES } from '../protocol/relayWire/blobWire.js';

export const PENDING_UPLOADS_SETTING = 'attachments-pending-uploads';
const VERSION = 1;
const SEED_BYTES = 32;

export interface PendingUpload {
  readonly messageId: string;
  readonly relay: string;
  readonly putId: Buffer;
  readonly getId: Buffer;
  /** Seed of the blob's uploader key (secret). */
  readonly seed: Buffer;
  readonly size: number;
  readonly chunkBytes: number;
}

export interface SettingsStore {
  getSetting(key: string): Promise<Uint8Array | undefined>;
  putSetting(key: string, value: Uint8Array): Promise<void>;
  deleteSetting(key: string): Promise<void>;
}

function encode(uploads: readonly PendingUpload[]): Buffer {
  const w = new Writer();
  w.u8(VERSION).u16(uploads.length);
  for (const u of uploads) {
    const id = Buffer.from(u.messageId, 'utf8');
    const relay = Buffer.from(u.relay, 'utf8');
    w.u8(id.length).raw(id).u8(relay.length).raw(relay).raw(u.putId).raw(u.getId).raw(u.seed);
    w.u32(Math.floor(u.size / 2 ** 32)).u32(u.size % 2 ** 32).u32(u.chunkBytes);
  }
  return w.finish();
}

function decode(bytes: Uint8Array): PendingUpload[] {
  const r = new Reader(bytes, 'pending uploads');
  if (r.u8() !== VERSION) return [];
  const uploads: PendingUpload[] = [];
  for (let n = r.u16(); n > 0; n--) {
    const messageId = r.raw(r.u8()).toString('utf8');
    const relay = r.raw(r.u8()).toString('utf8');
    const putId = Buffer.from(r.raw(BLOB_ID_BYTES));
    const getId = Buffer.from(r.raw(BLOB_ID_BYTES));
    const seed = Buffer.from(r.raw(SEED_BYTES));
    const size = r.u32() * 2 ** 32 + r.u32();
    uploads.push({ messageId, relay, putId, getId, seed, size, chunkBytes: r.u32() });
  }
  r.end();
  return uploads;
}

function wipeAll(uploads: readonly PendingUpload[]): void {
  for (const u of uploads) u.seed.fill(0);
}

export class PendingUploads {
  readonly #store: SettingsStore;
  /** Changes are made one at a time: each reads the list the previous one wrote. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: SettingsStore) {
    this.#store = store;
  }

  /** Every recorded upload (the caller wipes their seeds). */
  async list(): Promise<PendingUpload[]> {
    await this.#queue.catch(() => undefined);
    const bytes = await this.#store.getSetting(PENDING_UPLOADS_SETTING);
    return bytes ? decode(bytes) : [];
  }

  #change(change: (uploads: PendingUpload[]) => PendingUpload[] | undefined): Promise<void> {
    const run = this.#queue.catch(() => undefined).then(async () => {
      const bytes = await this.#store.getSetting(PENDING_UPLOADS_SETTING);
      const before = bytes ? decode(bytes) : [];
      const after = change(before);
      try {
        if (after === undefined) return;
        if (after.length === 0) await this.#store.deleteSetting(PENDING_UPLOADS_SETTING);
        else {
          const encoded = encode(after);
          try {
            await this.#store.putSetting(PENDING_UPLOADS_SETTING, encoded);
          } finally {
            encoded.fill(0);
          }
        }
      } finally {
        wipeAll(before);
        wipeAll(after ?? []);
      }
    });
    this.#queue = run;
    return run;
  }

  /** Records an upload (its seed is copied; the caller keeps and wipes its own). */
  add(upload: PendingUpload): Promise<void> {
    return this.#change((uploads) => [...uploads.filter((u) => u.messageId !== upload.messageId), { ...upload, seed: Buffer.from(upload.seed) }]);
  }

  /** Forgets the uploads of these messages (nothing is written when none was recorded). */
  remove(messageIds: readonly string[]): Promise<void> {
    const drop = new Set(messageIds);
    return this.#change((uploads) => (uploads.some((u) => drop.has(u.messageId)) ? uploads.filter((u) => !drop.has(u.messageId)) : undefined));
  }
}
