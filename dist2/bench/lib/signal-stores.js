/**
 * Minimal in-memory stores for `@signalapp/libsignal-client`, the reference in the protocol
 * benchmark (issue #2 §Benchmark). The package exports only the abstract store classes, so these
 * follow libsignal's own test stores: every record is kept SERIALIZED (saved with `serialize()`,
 * parsed again on load), which is the work a real client's database-backed store does and the
 * same work Saltline's benchmark loop does with `serializeSession`/`deserializeSession`.
 */
import { IdentityChange, IdentityKeyStore, KyberPreKeyRecord, KyberPreKeyStore, PreKeyRecord, PreKeyStore, SessionRecord, SessionStore, SignedPreKeyRecord, SignedPreKeyStore, } from '@signalapp/libsignal-client';
function missing(what) {
    return new Error(`benchmark store: no ${what}`);
}
export class MemorySessionStore extends SessionStore {
    records = new Map();
    saveSession(name, record) {
        this.records.set(name.toString(), record.serialize());
        return Promise.resolve();
    }
    getSession(name) {
        const bytes = this.records.get(name.toString());
        return Promise.resolve(bytes === undefined ? null : SessionRecord.deserialize(bytes));
    }
    getExistingSessions(addresses) {
        return Promise.resolve(addresses.map((address) => {
            const bytes = this.records.get(address.toString());
            if (bytes === undefined)
                throw missing(`session for ${address.toString()}`);
            return SessionRecord.deserialize(bytes);
        }));
    }
    /** Size of the stored record, for the benchmark's session-size column. */
    recordSize(name) {
        return this.records.get(name.toString())?.length ?? 0;
    }
}
/**
 * Trust on first use, as in libsignal's tests: a known name must keep its key. Public identity
 * keys are kept as objects (not secret, not per-message state), like libsignal's test store.
 */
export class MemoryIdentityKeyStore extends IdentityKeyStore {
    identityKey;
    registrationId;
    known = new Map();
    constructor(identityKey, registrationId) {
        super();
        this.identityKey = identityKey;
        this.registrationId = registrationId;
    }
    getIdentityKey() {
        return Promise.resolve(this.identityKey);
    }
    getLocalRegistrationId() {
        return Promise.resolve(this.registrationId);
    }
    saveIdentity(name, key) {
        const id = name.toString();
        const previous = this.known.get(id);
        this.known.set(id, key);
        const replaced = previous !== undefined && !previous.equals(key);
        return Promise.resolve(replaced ? IdentityChange.ReplacedExisting : IdentityChange.NewOrUnchanged);
    }
    isTrustedIdentity(name, key, _direction) {
        const previous = this.known.get(name.toString());
        return Promise.resolve(previous === undefined || previous.equals(key));
    }
    getIdentity(name) {
        return Promise.resolve(this.known.get(name.toString()) ?? null);
    }
}
export class MemoryPreKeyStore extends PreKeyStore {
    records = new Map();
    savePreKey(id, record) {
        this.records.set(id, record.serialize());
        return Promise.resolve();
    }
    getPreKey(id) {
        const bytes = this.records.get(id);
        return bytes === undefined ? Promise.reject(missing(`prekey ${id}`)) : Promise.resolve(PreKeyRecord.deserialize(bytes));
    }
    removePreKey(id) {
        this.records.delete(id);
        return Promise.resolve();
    }
}
export class MemorySignedPreKeyStore extends SignedPreKeyStore {
    records = new Map();
    saveSignedPreKey(id, record) {
        this.records.set(id, record.serialize());
        return Promise.resolve();
    }
    getSignedPreKey(id) {
        const bytes = this.records.get(id);
        return bytes === undefined ? Promise.reject(missing(`signed prekey ${id}`)) : Promise.resolve(SignedPreKeyRecord.deserialize(bytes));
    }
}
/** One-time Kyber prekeys are deleted once used, as a real client's store would. */
export class MemoryKyberPreKeyStore extends KyberPreKeyStore {
    records = new Map();
    saveKyberPreKey(id, record) {
        this.records.set(id, record.serialize());
        return Promise.resolve();
    }
    getKyberPreKey(id) {
        const bytes = this.records.get(id);
        return bytes === undefined ? Promise.reject(missing(`kyber prekey ${id}`)) : Promise.resolve(KyberPreKeyRecord.deserialize(bytes));
    }
    markKyberPreKeyUsed(id, _signedPreKeyId, _baseKey) {
        this.records.delete(id);
        return Promise.resolve();
    }
}
//# sourceMappingURL=signal-stores.js.map