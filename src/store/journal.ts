/**
 * The write-ahead journal in front of LanceDB (issue 3 §4, §5). Transactions (e.g. session state
 * + message) appended in the same moment are written as one record — sealed once with the
 * journal's own key from the keyring, bound to the journal id and the record's index — with one
 * write and one fdatasync (group commit), and each append resolves only after that. A record is
 * all or nothing, so a torn tail loses only transactions nobody was told were saved. LanceDB
 * receives the journal's contents in batches later; replay on open is idempotent.
 *
 *   file   = magic ‖ id ‖ record*          record = u32 length ‖ nonce ‖ sealed(group)
 *   group  = (u32 length ‖ transaction)*   (format 1 journals, magic SLJ1: one transaction per record)
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadEncryptInto, aeadOpen } from '../crypto/aead.js';
import type { Rng } from '../crypto/random.js';
import type { Secret } from '../crypto/secret.js';

const MAGIC = Buffer.from('SLJ2');
const MAGIC_V1 = Buffer.from('SLJ1');
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

export function journalFileName(id: string): string {
  return `journal-${id}.log`;
}

function recordAd(id: string, index: number): Buffer {
  const ad = Buffer.allocUnsafe(id.length + 8);
  ad.write(id, 0, 'latin1');
  ad.writeBigUInt64LE(BigInt(index), id.length);
  return ad;
}

interface Pending {
  readonly payload: Buffer;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

export class JournalWriter {
  readonly id: string;
  readonly #fh: FileHandle;
  readonly #key: Secret<string>;
  readonly #rng: Rng;
  #index = 0;
  #queue: Pending[] = [];
  #draining = false;
  #broken: Error | undefined;
  #idle: Promise<void> = Promise.resolve();

  private constructor(id: string, fh: FileHandle, key: Secret<string>, rng: Rng) {
    this.id = id;
    this.#fh = fh;
    this.#key = key;
    this.#rng = rng;
  }

  static async create(path: string, id: string, key: Secret<string>, rng: Rng): Promise<JournalWriter> {
    const fh = await open(path, 'wx', 0o600);
    await fh.write(Buffer.concat([MAGIC, Buffer.from(id)]));
    await fh.datasync();
    return new JournalWriter(id, fh, key, rng);
  }

  /** True until something is appended. */
  get empty(): boolean {
    return this.#index === 0 && this.#queue.length === 0;
  }

  /** Resolves once the transaction is on disk (after fdatasync). */
  append(payload: Buffer): Promise<void> {
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ payload, resolve, reject });
      if (!this.#draining) {
        this.#draining = true;
        // Wait one macrotask so every append made in this burst shares the same record and sync.
        this.#idle = new Promise<void>((done) => setImmediate(() => void this.#drain().finally(done)));
      }
    });
  }

  /** length ‖ nonce ‖ sealed group: the group is assembled where its ciphertext goes and encrypted in place. */
  #seal(batch: readonly Pending[]): Buffer {
    let size = 0;
    for (const p of batch) size += 4 + p.payload.length;
    const head = 4 + AEAD_NONCE_BYTES;
    const record = Buffer.allocUnsafe(head + size + AEAD_TAG_BYTES);
    record.writeUInt32LE(AEAD_NONCE_BYTES + size + AEAD_TAG_BYTES, 0);
    record.set(this.#rng(AEAD_NONCE_BYTES), 4);
    let at = head;
    for (const p of batch) {
      record.writeUInt32LE(p.payload.length, at);
      p.payload.copy(record, at + 4);
      p.payload.fill(0);
      at += 4 + p.payload.length;
    }
    const body = record.subarray(head);
    try {
      aeadEncryptInto(body, this.#key, record.subarray(4, head), body.subarray(0, size), recordAd(this.id, this.#index++));
    } catch (error) {
      record.fill(0);
      throw error;
    }
    return record;
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        if (this.#broken !== undefined) throw this.#broken;
        await this.#fh.write(this.#seal(batch));
        await this.#fh.datasync();
        for (const p of batch) p.resolve();
      } catch (error) {
        // A failed write may have left a partial record: refuse everything after it.
        this.#broken ??= error instanceof Error ? error : new Error(String(error));
        for (const p of batch) p.reject(error);
      }
    }
    this.#draining = false;
  }

  /** Waits for queued appends, then closes the file. */
  async close(): Promise<void> {
    await this.#idle;
    await this.#fh.close();
  }
}

function splitGroup(group: Buffer): Buffer[] | undefined {
  const out: Buffer[] = [];
  for (let at = 0; at < group.length; ) {
    if (at + 4 > group.length) return undefined;
    const len = group.readUInt32LE(at);
    if (at + 4 + len > group.length) return undefined;
    out.push(group.subarray(at + 4, at + 4 + len));
    at += 4 + len;
  }
  return out;
}

/** Every transaction of every intact record, in order. Reading stops at the first short or unauthenticated record (a torn tail). */
export async function readJournal(path: string, id: string, key: Secret<string>): Promise<Buffer[]> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const head = (magic: Buffer): boolean => file.length >= magic.length + id.length && file.subarray(0, magic.length).equals(magic) && file.subarray(magic.length, magic.length + id.length).equals(Buffer.from(id));
  const grouped = head(MAGIC);
  if (!grouped && !head(MAGIC_V1)) return [];
  const out: Buffer[] = [];
  let offset = MAGIC.length + id.length;
  for (let index = 0; offset + 4 <= file.length; index++) {
    const len = file.readUInt32LE(offset);
    if (len > MAX_RECORD_BYTES || offset + 4 + len > file.length) break;
    let plain: Buffer;
    try {
      plain = aeadOpen(key, file.subarray(offset + 4, offset + 4 + len), recordAd(id, index));
    } catch {
      break;
    }
    const transactions = grouped ? splitGroup(plain) : [plain];
    if (!transactions) break;
    out.push(...transactions);
    offset += 4 + len;
  }
  return out;
}
