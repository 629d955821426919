/**
 * One libsignal participant for the protocol benchmark (issue #2 §Benchmark): identity, a PQXDH
 * prekey bundle (EC one-time prekey, signed prekey and the Kyber prekey 0.103.0 requires), and
 * send/receive that go through wire bytes exactly as a client would: `CiphertextMessage.serialize()`
 * on the way out, `PreKeySignalMessage`/`SignalMessage.deserialize` on the way in.
 */
import { PreKeyBundle, ProtocolAddress } from '@signalapp/libsignal-client';
import { MemorySessionStore } from './signal-stores.js';
/**
 * A message as the transport carries it: the serialized bytes plus libsignal's message type
 * (PreKey or Whisper, the only two a 1:1 session produces), which Signal's envelope carries beside them.
 */
export interface SignalWire {
    readonly prekey: boolean;
    readonly bytes: Uint8Array<ArrayBuffer>;
}
export declare class SignalParty {
    readonly address: ProtocolAddress;
    readonly sessions: MemorySessionStore;
    private readonly identity;
    private readonly registrationId;
    private readonly identities;
    private readonly preKeys;
    private readonly signedPreKeys;
    private readonly kyberPreKeys;
    constructor(name: string, registrationId: number);
    /** Publishes fresh prekeys into this party's stores and returns the bundle a peer fetches. */
    publishBundle(): Promise<PreKeyBundle>;
    /** X3DH/PQXDH as the initiator: the next `encrypt` to `peer` produces a PreKey message. */
    startSession(peer: ProtocolAddress, bundle: PreKeyBundle): Promise<void>;
    encrypt(peer: ProtocolAddress, plaintext: Uint8Array<ArrayBuffer>): Promise<SignalWire>;
    decrypt(peer: ProtocolAddress, wire: SignalWire): Promise<Uint8Array<ArrayBuffer>>;
    sessionRecordSize(peer: ProtocolAddress): number;
}
/**
 * Two parties with an established PQXDH session: Alice processed Bob's bundle, sent the PreKey
 * message, and Bob answered, so later messages are plain SignalMessages in both directions.
 */
export declare function establishedSignalPair(): Promise<{
    alice: SignalParty;
    bob: SignalParty;
}>;
