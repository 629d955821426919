import { type Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
import { type QueueRecord } from './queueStore.js';
export declare const NATS_KEY_FILE = "nats-operator.key";
export declare const NATS_KEY_BYTES = 32;
/** Loads the operator key from `dataDir`, making one at first start (copy it to every node). */
export declare function loadOrCreateNatsKey(dataDir: string, rng?: Rng): Promise<Secret<'NatsOperatorKey'>>;
export declare class NatsNaming {
    #private;
    readonly prefix: string;
    /** Public fingerprint of the operator key (not usable to derive anything). */
    readonly keyId: string;
    /** `prefix` names the subjects and streams of one relay (lower-case letters, digits, '_' and '-'). */
    constructor(key: Secret<'NatsOperatorKey'>, prefix: string);
    get envelopeStream(): string;
    get queueStream(): string;
    /** The hash standing for a queue id in every subject; receive and send ids share one space. */
    hash(id: Buffer): string;
    envelopeSubject(hash: string): string;
    get envelopeWildcard(): string;
    recordSubject(hash: string): string;
    get recordWildcard(): string;
    /** Core-NATS subject that wakes the node where a queue's recipient is subscribed. */
    wakeSubject(hash: string): string;
    /** Core-NATS subject on which nodes tell each other that a queue was deleted. */
    get deletedSubject(): string;
    /** The hash named by an envelope or wake subject, or undefined for a foreign subject. */
    hashOfSubject(subject: string): string | undefined;
    /** The record stored under the subject of `role`'s id. */
    sealRecord(queue: QueueRecord, role: 'recv' | 'send', subject: string, rng?: Rng): Buffer;
    /** Opens a record and checks it is the one `id` (in `role`) names; throws CORRUPT if not. */
    openRecord(sealed: Uint8Array, role: 'recv' | 'send', id: Buffer, subject: string): QueueRecord | undefined;
}
