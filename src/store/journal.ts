/**
 * The write-ahead journal in front of LanceDB (issue 3 §4, §5). Each record is one transaction
 * (e.g. session state + message), sealed with the journal's own key from the keyring and bound
 * to the journal id and its index, then appended; appends made in the same moment share one
 * write and one fdatasync (group commit) and resolve only after it. LanceDB receives the
 * journal's contents in batches later; replay on open is idempotent.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { AEAD_NONCE_BYTES, aeadEncrypt, aeadOpen } from '../crypto/aead.js';
import type { Rng } from '../crypto/random.js';
import type { Secret } from '../crypto/secret.js';

const MAGIC = Buffer.from('SLJ1');
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

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
  readonly bytes: Buffer;
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
  #records = 0;

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

  get records(): number {
    return this.#records;
  }

  /** Resolves once the record is on disk (after fdatasync). */
  append(payload: Uint8Array): Promise<void> {
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    const nonce = this.#rng(AEAD_NONCE_BYTES);
    const sealed = aeadEncrypt(this.#key, nonce, payload, recordAd(this.id, this.#index++));
    // u32 length ‖ nonce ‖ ciphertext: the layout aeadOpen reads back.
    const bytes = Buffer.allocUnsafe(4 + AEAD_NONCE_BYTES + sealed.length);
    bytes.writeUInt32LE(AEAD_NONCE_BYTES + sealed.length, 0);
    bytes.set(nonce, 4);
    bytes.set(sealed, 4 + AEAD_NONCE_BYTES);
    this.#records++;
    return new Promise<void>((resolve, reject) => {
      this.#queue.push({ bytes, resolve, reject });
      if (!this.#draining) {
        this.#draining = true;
        // Wait one macrotask so every append made in this burst shares the same write + sync.
        this.#idle = new Promise<void>((done) => setImmediate(() => void this.#drain().finally(done)));
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#queue.length > 0) {
      const batch = this.#queue;
      this.#queue = [];
      try {
        if (this.#broken !== undefined) throw this.#broken;
        await this.#fh.writev(batch.map((p) => p.bytes));
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

/** Every intact record in order. Reading stops at the first short or unauthenticated record (a torn tail). */
export async function readJournal(path: string, id: string, key: Secret<string>): Promise<Buffer[]> {
  let file: Buffer;
  try {
    file = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const head = Buffer.concat([MAGIC, Buffer.from(id)]);
  if (file.length < head.length || !file.subarray(0, head.length).equals(head)) return [];
  const out: Buffer[] = [];
  let offset = head.length;
  for (let index = 0; offset + 4 <= file.length; index++) {
    const len = file.readUInt32LE(offset);
    if (len > MAX_RECORD_BYTES || offset + 4 + len > file.length) break;
    try {
      out.push(aeadOpen(key, file.subarray(offset + 4, offset + 4 + len), recordAd(id, index)));
    } catch {
      break;
    }
    offset += 4 + len;
  }
  return out;
}
