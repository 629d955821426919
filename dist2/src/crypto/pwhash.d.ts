import { Secret } from './secret.js';
export declare const PWHASH_SALT_BYTES: number;
export interface PwhashLimits {
    readonly opslimit: number;
    readonly memlimit: number;
}
/** Named limit sets; MODERATE is the production default, MIN exists only for fast tests. */
export declare const PWHASH_LIMITS: {
    readonly min: {
        readonly opslimit: number;
        readonly memlimit: number;
    };
    readonly interactive: {
        readonly opslimit: number;
        readonly memlimit: number;
    };
    readonly moderate: {
        readonly opslimit: number;
        readonly memlimit: number;
    };
    readonly sensitive: {
        readonly opslimit: number;
        readonly memlimit: number;
    };
};
export type PwhashLevel = keyof typeof PWHASH_LIMITS;
/** True when the limits are within what libsodium accepts and not above SENSITIVE (a hostile header cannot make us allocate gigabytes). */
export declare function pwhashLimitsAreSane(limits: PwhashLimits): boolean;
/** Argon2id13(passphrase, salt) → a 32-byte key with the given role. The passphrase copy is wiped. */
export declare function derivePassphraseKey<R extends string>(role: R, passphrase: string, salt: Uint8Array, limits: PwhashLimits): Promise<Secret<R>>;
