/**
 * One libsignal participant for the protocol benchmark (issue #2 §Benchmark): identity, a PQXDH
 * prekey bundle (EC one-time prekey, signed prekey and the Kyber prekey 0.103.0 requires), and
 * send/receive that go through wire bytes exactly as a client would: `CiphertextMessage.serialize()`
 * on the way out, `PreKeySignalMessage`/`SignalMessage.deserialize` on the way in.
 */
import { CiphertextMessageType, IdentityKeyPair, KEMKeyPair, KyberPreKeyRecord, PreKeyBundle, PreKeyRecord, PreKeySignalMessage, PrivateKey, ProtocolAddress, SignalMessage, SignedPreKeyRecord, processPreKeyBundle, signalDecrypt, signalDecryptPreKey, signalEncrypt, } from '@signalapp/libsignal-client';
import { MemoryIdentityKeyStore, MemoryKyberPreKeyStore, MemoryPreKeyStore, MemorySessionStore, MemorySignedPreKeyStore, } from './signal-stores.js';
const PREKEY_TYPE = CiphertextMessageType.PreKey;
const WHISPER_TYPE = CiphertextMessageType.Whisper;
const DEVICE_ID = 1;
const PREKEY_ID = 1;
const SIGNED_PREKEY_ID = 1;
const KYBER_PREKEY_ID = 1;
export class SignalParty {
    address;
    sessions = new MemorySessionStore();
    identity = IdentityKeyPair.generate();
    registrationId;
    identities;
    preKeys = new MemoryPreKeyStore();
    signedPreKeys = new MemorySignedPreKeyStore();
    kyberPreKeys = new MemoryKyberPreKeyStore();
    constructor(name, registrationId) {
        this.address = ProtocolAddress.new(name, DEVICE_ID);
        this.registrationId = registrationId;
        this.identities = new MemoryIdentityKeyStore(this.identity.privateKey, registrationId);
    }
    /** Publishes fresh prekeys into this party's stores and returns the bundle a peer fetches. */
    async publishBundle() {
        const preKey = PrivateKey.generate();
        const signedPreKey = PrivateKey.generate();
        const signedPreKeySignature = this.identity.privateKey.sign(signedPreKey.getPublicKey().serialize());
        const kyber = KEMKeyPair.generate();
        const kyberSignature = this.identity.privateKey.sign(kyber.getPublicKey().serialize());
        const now = Date.now();
        await this.preKeys.savePreKey(PREKEY_ID, PreKeyRecord.new(PREKEY_ID, preKey.getPublicKey(), preKey));
        await this.signedPreKeys.saveSignedPreKey(SIGNED_PREKEY_ID, SignedPreKeyRecord.new(SIGNED_PREKEY_ID, now, signedPreKey.getPublicKey(), signedPreKey, signedPreKeySignature));
        await this.kyberPreKeys.saveKyberPreKey(KYBER_PREKEY_ID, KyberPreKeyRecord.new(KYBER_PREKEY_ID, now, kyber, kyberSignature));
        return PreKeyBundle.new(this.registrationId, DEVICE_ID, PREKEY_ID, preKey.getPublicKey(), SIGNED_PREKEY_ID, signedPreKey.getPublicKey(), signedPreKeySignature, this.identity.publicKey, KYBER_PREKEY_ID, kyber.getPublicKey(), kyberSignature);
    }
    /** X3DH/PQXDH as the initiator: the next `encrypt` to `peer` produces a PreKey message. */
    async startSession(peer, bundle) {
        await processPreKeyBundle(bundle, peer, this.address, this.sessions, this.identities);
    }
    async encrypt(peer, plaintext) {
        const message = await signalEncrypt(plaintext, peer, this.address, this.sessions, this.identities);
        const type = message.type();
        if (type !== PREKEY_TYPE && type !== WHISPER_TYPE)
            throw new Error(`benchmark: unexpected libsignal message type ${type}`);
        return { prekey: type === PREKEY_TYPE, bytes: message.serialize() };
    }
    async decrypt(peer, wire) {
        if (wire.prekey) {
            return signalDecryptPreKey(PreKeySignalMessage.deserialize(wire.bytes), peer, this.address, this.sessions, this.identities, this.preKeys, this.signedPreKeys, this.kyberPreKeys);
        }
        return signalDecrypt(SignalMessage.deserialize(wire.bytes), peer, this.address, this.sessions, this.identities);
    }
    sessionRecordSize(peer) {
        return this.sessions.recordSize(peer);
    }
}
/**
 * Two parties with an established PQXDH session: Alice processed Bob's bundle, sent the PreKey
 * message, and Bob answered, so later messages are plain SignalMessages in both directions.
 */
export async function establishedSignalPair() {
    const alice = new SignalParty('alice', 1111);
    const bob = new SignalParty('bob', 2222);
    await alice.startSession(bob.address, await bob.publishBundle());
    const hello = new Uint8Array([1]);
    await bob.decrypt(alice.address, await alice.encrypt(bob.address, hello));
    await alice.decrypt(bob.address, await bob.encrypt(alice.address, hello));
    return { alice, bob };
}
//# sourceMappingURL=signal-party.js.map