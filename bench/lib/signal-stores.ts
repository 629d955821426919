/**
 * Minimal in-memory stores for `@signalapp/libsignal-client`, the reference in the protocol
 * benchmark (issue #2 §Benchmark). The package exports only the abstract store classes, so these
 * follow libsignal's own test stores: every record is kept SERIALIZED (saved with `serialize()`,
 * parsed again on load), which is the work a real client's database-backed store does and the
 * same work Saltline's benchmark loop does with `serializeSession`/`deserializeSession`.
 */
import {
  IdentityChange,
  IdentityKeyStore,
  KyberPreKeyRecord,
  KyberPreKeyStore,
  PreKeyRecord,
  PreKeyStore,
  SessionRecord,
  SessionStore,
  SignedPreKeyRecord,
  SignedPreKeyStore,
} from '@signalapp/libsignal-client';
import type { Direction, PrivateKey, ProtocolAddress, PublicKey } from '@signalapp/libsignal-client';

type Bytes = Uint8Array<ArrayBuffer>;

function missing(what: string): Error {
  return new Error(`benchmark store: no ${what}`);
}

export class MemorySessionStore extends SessionStore {
  private readonly records = new Map<string, Bytes>();

  saveSession(name: ProtocolAddress, record: SessionRecord): Promise<void> {
    this.records.set(name.toString(), record.serialize());
    return Promise.resolve();
  }

  getSession(name: ProtocolAddress): Promise<SessionRecord | null> {
    const bytes = this.records.get(name.toString());
    return Promise.resolve(bytes === undefined ? null : SessionRecord.deserialize(bytes));
  }

  getExistingSessions(addresses: ProtocolAddress[]): Promise<SessionRecord[]> {
    return Promise.resolve(
      addresses.map((address) => {
        const bytes = this.records.get(address.toString());
        if (bytes === undefined) throw missing(`session for ${address.toString()}`);
        return SessionRecord.deserialize(bytes);
      }),
    );
  }

  /** Size of the stored record, for the benchmark's session-size column. */
  recordSize(name: ProtocolAddress): number {
    return this.records.get(name.toString())?.length ?? 0;
  }
}

/**
 * Trust on first use, as in libsignal's tests: a known name must keep its key. Public identity
 * keys are kept as objects (not secret, not per-message state), like libsignal's test store.
 */
export class MemoryIdentityKeyStore extends IdentityKeyStore {
  private readonly known = new Map<string, PublicKey>();

  constructor(
    private readonly identityKey: PrivateKey,
    private readonly registrationId: number,
  ) {
    super();
  }

  getIdentityKey(): Promise<PrivateKey> {
    return Promise.resolve(this.identityKey);
  }

  getLocalRegistrationId(): Promise<number> {
    return Promise.resolve(this.registrationId);
  }

  saveIdentity(name: ProtocolAddress, key: PublicKey): Promise<IdentityChange> {
    const id = name.toString();
    const previous = this.known.get(id);
    this.known.set(id, key);
    const replaced = previous !== undefined && !previous.equals(key);
    return Promise.resolve(replaced ? IdentityChange.ReplacedExisting : IdentityChange.NewOrUnchanged);
  }

  isTrustedIdentity(name: ProtocolAddress, key: PublicKey, _direction: Direction): Promise<boolean> {
    const previous = this.known.get(name.toString());
    return Promise.resolve(previous === undefined || previous.equals(key));
  }

  getIdentity(name: ProtocolAddress): Promise<PublicKey | null> {
    return Promise.resolve(this.known.get(name.toString()) ?? null);
  }
}

export class MemoryPreKeyStore extends PreKeyStore {
  private readonly records = new Map<number, Bytes>();

  savePreKey(id: number, record: PreKeyRecord): Promise<void> {
    this.records.set(id, record.serialize());
    return Promise.resolve();
  }

  getPreKey(id: number): Promise<PreKeyRecord> {
    const bytes = this.records.get(id);
    return bytes === undefined ? Promise.reject(missing(`prekey ${id}`)) : Promise.resolve(PreKeyRecord.deserialize(bytes));
  }

  removePreKey(id: number): Promise<void> {
    this.records.delete(id);
    return Promise.resolve();
  }
}

export class MemorySignedPreKeyStore extends SignedPreKeyStore {
  private readonly records = new Map<number, Bytes>();

  saveSignedPreKey(id: number, record: SignedPreKeyRecord): Promise<void> {
    this.records.set(id, record.serialize());
    return Promise.resolve();
  }

  getSignedPreKey(id: number): Promise<SignedPreKeyRecord> {
    const bytes = this.records.get(id);
    return bytes === undefined ? Promise.reject(missing(`signed prekey ${id}`)) : Promise.resolve(SignedPreKeyRecord.deserialize(bytes));
  }
}

/** One-time Kyber prekeys are deleted once used, as a real client's store would. */
export class MemoryKyberPreKeyStore extends KyberPreKeyStore {
  private readonly records = new Map<number, Bytes>();

  saveKyberPreKey(id: number, record: KyberPreKeyRecord): Promise<void> {
    this.records.set(id, record.serialize());
    return Promise.resolve();
  }

  getKyberPreKey(id: number): Promise<KyberPreKeyRecord> {
    const bytes = this.records.get(id);
    return bytes === undefined ? Promise.reject(missing(`kyber prekey ${id}`)) : Promise.resolve(KyberPreKeyRecord.deserialize(bytes));
  }

  markKyberPreKeyUsed(id: number, _signedPreKeyId: number, _baseKey: PublicKey): Promise<void> {
    this.records.delete(id);
    return Promise.resolve();
  }
}
