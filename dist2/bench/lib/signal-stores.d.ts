/**
 * Minimal in-memory stores for `@signalapp/libsignal-client`, the reference in the protocol
 * benchmark (issue #2 §Benchmark). The package exports only the abstract store classes, so these
 * follow libsignal's own test stores: every record is kept SERIALIZED (saved with `serialize()`,
 * parsed again on load), which is the work a real client's database-backed store does and the
 * same work Saltline's benchmark loop does with `serializeSession`/`deserializeSession`.
 */
import { IdentityChange, IdentityKeyStore, KyberPreKeyRecord, KyberPreKeyStore, PreKeyRecord, PreKeyStore, SessionRecord, SessionStore, SignedPreKeyRecord, SignedPreKeyStore } from '@signalapp/libsignal-client';
import type { Direction, PrivateKey, ProtocolAddress, PublicKey } from '@signalapp/libsignal-client';
export declare class MemorySessionStore extends SessionStore {
    private readonly records;
    saveSession(name: ProtocolAddress, record: SessionRecord): Promise<void>;
    getSession(name: ProtocolAddress): Promise<SessionRecord | null>;
    getExistingSessions(addresses: ProtocolAddress[]): Promise<SessionRecord[]>;
    /** Size of the stored record, for the benchmark's session-size column. */
    recordSize(name: ProtocolAddress): number;
}
/**
 * Trust on first use, as in libsignal's tests: a known name must keep its key. Public identity
 * keys are kept as objects (not secret, not per-message state), like libsignal's test store.
 */
export declare class MemoryIdentityKeyStore extends IdentityKeyStore {
    private readonly identityKey;
    private readonly registrationId;
    private readonly known;
    constructor(identityKey: PrivateKey, registrationId: number);
    getIdentityKey(): Promise<PrivateKey>;
    getLocalRegistrationId(): Promise<number>;
    saveIdentity(name: ProtocolAddress, key: PublicKey): Promise<IdentityChange>;
    isTrustedIdentity(name: ProtocolAddress, key: PublicKey, _direction: Direction): Promise<boolean>;
    getIdentity(name: ProtocolAddress): Promise<PublicKey | null>;
}
export declare class MemoryPreKeyStore extends PreKeyStore {
    private readonly records;
    savePreKey(id: number, record: PreKeyRecord): Promise<void>;
    getPreKey(id: number): Promise<PreKeyRecord>;
    removePreKey(id: number): Promise<void>;
}
export declare class MemorySignedPreKeyStore extends SignedPreKeyStore {
    private readonly records;
    saveSignedPreKey(id: number, record: SignedPreKeyRecord): Promise<void>;
    getSignedPreKey(id: number): Promise<SignedPreKeyRecord>;
}
/** One-time Kyber prekeys are deleted once used, as a real client's store would. */
export declare class MemoryKyberPreKeyStore extends KyberPreKeyStore {
    private readonly records;
    saveKyberPreKey(id: number, record: KyberPreKeyRecord): Promise<void>;
    getKyberPreKey(id: number): Promise<KyberPreKeyRecord>;
    markKyberPreKeyUsed(id: number, _signedPreKeyId: number, _baseKey: PublicKey): Promise<void>;
}
