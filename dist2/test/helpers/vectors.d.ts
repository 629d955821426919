import { type Rng } from '../../src/crypto/index.js';
import { type Session } from '../../src/protocol/index.js';
export declare const FIXTURES_DIR: import("url").URL;
export declare function readFixture<T>(name: string): T;
/** Seed bytes (each seed is 32 copies of the byte) of the checked-in vectors. */
export declare const HANDSHAKE_SEEDS: readonly [1, 2];
export declare const RATCHET_SEEDS: readonly [3];
/** An RNG that also records every output, to recover secrets a protocol function wiped. */
export declare function recordingRng(inner: Rng): {
    rng: Rng;
    draws: Buffer[];
};
export interface HkdfCase {
    readonly name: string;
    readonly salt: string;
    readonly ikm: string;
    readonly info: string;
    readonly length: number;
    readonly okm: string;
}
export interface HmacCase {
    readonly key: string;
    readonly data: string;
    readonly mac: string;
}
export interface RootKdfCase {
    readonly rootKey: string;
    readonly dhOutput: string;
    readonly nextRootKey: string;
    readonly chainKey: string;
    readonly nextHeaderKey: string;
}
export interface ChainKdfCase {
    readonly chainKey: string;
    readonly messageKey: string;
    readonly nextChainKey: string;
}
export interface HandshakeKdfCase {
    readonly dh1: string;
    readonly dh2: string;
    readonly dh3: string;
    readonly kemSecret: string;
    readonly invitationId: string;
    readonly inviter: string;
    readonly prekey: string;
    readonly kemKey: string;
    readonly initiator: string;
    readonly ephemeral: string;
    readonly kemCiphertext: string;
    readonly rootKey: string;
    readonly headerKeyInitiator: string;
    readonly nextHeaderKeyResponder: string;
    readonly ad: string;
}
export interface KdfVectors {
    readonly hkdf: readonly HkdfCase[];
    readonly hmac: readonly HmacCase[];
    readonly rootKdf: readonly RootKdfCase[];
    readonly chainKdf: readonly ChainKdfCase[];
    readonly handshakeKdf: readonly HandshakeKdfCase[];
}
/** RFC 5869 appendix A, test cases 1–3 (SHA-256): inputs and the RFC's own output. */
export declare const RFC5869: readonly HkdfCase[];
export declare function computeKdfVectors(): KdfVectors;
export interface HandshakeVector {
    readonly seed: string;
    /** Private serializations (Ed25519 seed ‖ X25519 secret ‖ signature) of both identities. */
    readonly aliceIdentity: string;
    readonly bobIdentity: string;
    readonly invitation: string;
    /** Invitation id ‖ one-time X25519 secret ‖ X-Wing seed, as the inviter stores them. */
    readonly invitationSecrets: string;
    /** Bob's RNG outputs during acceptInvitation: ephemeral secret, KEM seed, seal nonce, first ratchet key. */
    readonly acceptDraws: readonly string[];
    readonly ephemeral: string;
    readonly kemCiphertext: string;
    readonly rootKey: string;
    readonly headerKeyInitiator: string;
    readonly nextHeaderKeyResponder: string;
    readonly ad: string;
    /** Bob's ratchet right after acceptInvitation (RatchetInitAlice). */
    readonly initiatorRatchet: {
        readonly dhs: string;
        readonly rk: string;
        readonly cks: string;
        readonly hks: string;
        readonly nhks: string;
        readonly nhkr: string;
    };
    readonly firstEnvelopeSha256: string;
    readonly firstEnvelopeLength: number;
    readonly aliceSessionSha256: string;
    readonly bobSessionSha256: string;
    readonly safetyNumber: string;
}
/**
 * A complete handshake from one seed. Returns the vector and the live sessions (for tests that
 * check them against an independent computation).
 */
export declare function runHandshakeVector(seedByte: number): {
    vector: HandshakeVector;
    alice: Session;
    bob: Session;
};
export type ScriptStep = {
    readonly send: 'alice' | 'bob';
    readonly text: string;
} | {
    readonly deliver: number;
};
/** Both directions, a DH step on every turn, out-of-order delivery in both chains, two buckets. */
export declare const RATCHET_SCRIPT: readonly ScriptStep[];
export interface RatchetVector {
    readonly seed: string;
    readonly script: readonly ScriptStep[];
    readonly envelopes: readonly {
        readonly from: 'alice' | 'bob';
        readonly length: number;
        readonly sha256: string;
    }[];
    readonly aliceSessionSha256: string;
    readonly bobSessionSha256: string;
}
/** Runs RATCHET_SCRIPT from one seed; every delivery must decrypt to what was sent. */
export declare function runRatchetVector(seedByte: number): RatchetVector;
