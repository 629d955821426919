/**
 * What the NATS queue store puts into NATS, and how it hides queue ids there (issue #9 item 4,
 * "nothing more learned"). One 32-byte operator key, shared by every node of one relay (like its
 * TLS key), yields:
 * - subject names: a keyed BLAKE2b hash of the queue id, so NATS sees no queue id and cannot tell
 *   a receive id from a send id;
 * - queue records sealed with XChaCha20-Poly1305 bound to their subject, so NATS sees neither the
 *   ids nor the queue keys, and a record cannot be moved to another subject;
 * - a key id written into the stream description, so nodes started with different keys refuse
 *   to share one stream instead of silently not finding each other's queues.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { aeadOpen, aeadSeal } from '../crypto/aead.js';
import { blake2b } from '../crypto/hash.js';
import { hkdf } from '../crypto/hkdf.js';
import { systemRng, type Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
import { QUEUE_ID_BYTES } from '../protocol/relayWire/frames.js';
import { QueueStoreError, type QueueRecord } from './queueStore.js';

export const NATS_KEY_FILE = 'nats-operator.key';
export const NATS_KEY_BYTES = 32;
/** Hex of 16 hash bytes: long enough that two of a million queues never share a subject. */
const SUBJECT_HASH_BYTES = 16;
const PUBLIC_KEY_BYTES = 32;
const RECORD_VERSION = 1;
/** version ‖ role ‖ recvId ‖ sendId ‖ recipientKey ‖ senderKey ‖ createdAt (u64). */
const RECORD_BYTES = 2 + 2 * QUEUE_ID_BYTES + 2 * PUBLIC_KEY_BYTES + 8;
const ROLE_RECV = 1;
const ROLE_SEND = 2;

const SALT = Buffer.from('saltline-relay-nats/1', 'latin1');
const MAX_CACHED_HASHES = 100_000;

/** Loads the operator key from `dataDir`, making one at first start (copy it to every node). */
export async function loadOrCreateNatsKey(dataDir: string, rng: Rng = systemRng): Promise<Secret<'NatsOperatorKey'>> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, NATS_KEY_FILE);
  let hex: string;
  try {
    hex = (await readFile(path, 'utf8')).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    const fresh = rng(NATS_KEY_BYTES);
    hex = fresh.toString('hex');
    fresh.fill(0);
    await writeFile(path, `${hex}\n`, { mode: 0o600, flag: 'wx' });
  }
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new QueueStoreError('CORRUPT', `${NATS_KEY_FILE} must hold ${NATS_KEY_BYTES} bytes in hex`);
  return Secret.adopt('NatsOperatorKey', NATS_KEY_BYTES, Buffer.from(hex, 'hex'));
}

export class NatsNaming {
  readonly prefix: string;
  /** Public fingerprint of the operator key (not usable to derive anything). */
  readonly keyId: string;
  readonly #subjectKey: Buffer;
  readonly #recordKey: Secret<'NatsRecordKey'>;
  /** Hashes of recently used ids (every command hashes its queue id; a keyed BLAKE2b is ~3 µs). */
  readonly #hashes = new Map<string, string>();

  /** `prefix` names the subjects and streams of one relay (lower-case letters, digits, '_' and '-'). */
  constructor(key: Secret<'NatsOperatorKey'>, prefix: string) {
    if (!/^[a-z][a-z0-9_-]{0,31}$/.test(prefix)) throw new QueueStoreError('CORRUPT', 'NATS prefix must be 1-32 of [a-z0-9_-], starting with a letter');
    this.prefix = prefix;
    const ikm = key.expose();
    this.#subjectKey = hkdf(SALT, ikm, Buffer.from('subjects'), 32);
    this.#recordKey = Secret.adopt('NatsRecordKey', 32, hkdf(SALT, ikm, Buffer.from('records'), 32));
    this.keyId = hkdf(SALT, ikm, Buffer.from('key id'), 8).toString('hex');
  }

  get envelopeStream(): string {
    return `${this.prefix.toUpperCase().replace(/-/g, '_')}_ENVELOPES`;
  }

  get queueStream(): string {
    return `${this.prefix.toUpperCase().replace(/-/g, '_')}_QUEUES`;
  }

  /** The hash standing for a queue id in every subject; receive and send ids share one space. */
  hash(id: Buffer): string {
    const k = id.toString('latin1');
    let h = this.#hashes.get(k);
    if (h === undefined) {
      h = blake2b(SUBJECT_HASH_BYTES, id, this.#subjectKey).toString('hex');
      if (this.#hashes.size >= MAX_CACHED_HASHES) this.#hashes.delete(this.#hashes.keys().next().value!);
      this.#hashes.set(k, h);
    }
    return h;
  }

  envelopeSubject(hash: string): string {
    return `${this.prefix}.m.${hash}`;
  }

  get envelopeWildcard(): string {
    return `${this.prefix}.m.*`;
  }

  recordSubject(hash: string): string {
    return `${this.prefix}.q.${hash}`;
  }

  get recordWildcard(): string {
    return `${this.prefix}.q.*`;
  }

  /** Core-NATS subject that wakes the node where a queue's recipient is subscribed. */
  wakeSubject(hash: string): string {
    return `${this.prefix}.w.${hash}`;
  }

  /** Where the envelope stream republishes `P.m.<hash>`: the queue's wake subject. */
  get wakeRepublishDestination(): string {
    return `${this.prefix}.w.{{wildcard(1)}}`;
  }

  /** Core-NATS subject on which nodes tell each other that a queue was deleted. */
  get deletedSubject(): string {
    return `${this.prefix}.x`;
  }

  /** The hash named by an envelope or wake subject, or undefined for a foreign subject. */
  hashOfSubject(subject: string): string | undefined {
    const parts = subject.split('.');
    const h = parts[2];
    return parts.length === 3 && parts[0] === this.prefix && h !== undefined && /^[0-9a-f]{32}$/.test(h) ? h : undefined;
  }

  /** The record stored under the subject of `role`'s id. */
  sealRecord(queue: QueueRecord, role: 'recv' | 'send', subject: string, rng: Rng = systemRng): Buffer {
    const plain = Buffer.alloc(RECORD_BYTES);
    plain[0] = RECORD_VERSION;
    plain[1] = role === 'recv' ? ROLE_RECV : ROLE_SEND;
    let off = 2;
    for (const part of [queue.recvId, queue.sendId, queue.recipientKey, queue.senderKey]) off += part.copy(plain, off);
    plain.writeBigUInt64BE(BigInt(queue.createdAt), off);
    const sealed = aeadSeal(this.#recordKey, plain, Buffer.from(subject, 'latin1'), rng);
    plain.fill(0);
    return sealed;
  }

  /** Opens a record and checks it is the one `id` (in `role`) names; throws CORRUPT if not. */
  openRecord(sealed: Uint8Array, role: 'recv' | 'send', id: Buffer, subject: string): QueueRecord | undefined {
    let plain: Buffer;
    try {
      plain = aeadOpen(this.#recordKey, sealed, Buffer.from(subject, 'latin1'));
    } catch {
      throw new QueueStoreError('CORRUPT', 'a queue record in NATS failed authentication (wrong operator key?)');
    }
    if (plain.length !== RECORD_BYTES || plain[0] !== RECORD_VERSION) throw new QueueStoreError('CORRUPT', 'unknown queue record format');
    const take = (from: number, n: number): Buffer => Buffer.from(plain.subarray(from, from + n));
    const record: QueueRecord = {
      recvId: take(2, QUEUE_ID_BYTES),
      sendId: take(2 + QUEUE_ID_BYTES, QUEUE_ID_BYTES),
      recipientKey: take(2 + 2 * QUEUE_ID_BYTES, PUBLIC_KEY_BYTES),
      senderKey: take(2 + 2 * QUEUE_ID_BYTES + PUBLIC_KEY_BYTES, PUBLIC_KEY_BYTES),
      createdAt: Number(plain.readBigUInt64BE(RECORD_BYTES - 8)),
    };
    const recordRole = plain[1] === ROLE_RECV ? 'recv' : 'send';
    plain.fill(0);
    // The id space is shared: a receive id looked up as a send id (or the reverse) is no queue.
    if (recordRole !== role) return undefined;
    return (role === 'recv' ? record.recvId : record.sendId).equals(id) ? record : undefined;
  }
}
