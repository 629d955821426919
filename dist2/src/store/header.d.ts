import { type PwhashLimits } from '../crypto/pwhash.js';
import type { Rng } from '../crypto/random.js';
import { Secret } from '../crypto/secret.js';
export declare const HEADER_FILE = "profile.json";
/** 2: hashed message ids, slot/sequence order key, batch-keyed posting lists (migrate.ts upgrades 1). */
export declare const PROFILE_FORMAT_VERSION = 2;
export declare const DEFAULT_PWHASH_LIMITS: PwhashLimits;
export type MasterKey = Secret<'StoreMasterKey'>;
export interface ProfileHeader {
    readonly format: 'saltline-profile';
    readonly version: number;
    readonly kdf: {
        readonly alg: 'argon2id13';
        readonly opslimit: number;
        readonly memlimit: number;
        readonly salt: string;
    };
    readonly wrappedKey: string;
}
export declare function makeHeader(masterKey: MasterKey, passphrase: string, limits: PwhashLimits, rng: Rng, version?: number): Promise<ProfileHeader>;
/** Parses and checks the header shape; versions newer than ours are refused here, before any KDF work (older ones are migrated on open). */
export declare function parseHeader(text: string): ProfileHeader;
export declare function readHeader(dir: string): Promise<ProfileHeader>;
export declare function writeHeader(dir: string, header: ProfileHeader): Promise<void>;
/** Throws `WrongPassphraseError` (and changes nothing) unless the passphrase unwraps the master key. */
export declare function unwrapMasterKey(header: ProfileHeader, passphrase: string): Promise<MasterKey>;
