/** Typed errors of the local store (issue 3): each has a stable `code` and never carries secrets. */
import { SaltlineError } from '../crypto/errors.js';
/** The passphrase does not unwrap the master key; nothing was changed. */
export declare class WrongPassphraseError extends SaltlineError {
    constructor();
}
/** Another live process (or another handle in this one) owns the profile. */
export declare class ProfileInUseError extends SaltlineError {
    constructor(pid: number);
}
export declare class ProfileNotFoundError extends SaltlineError {
    constructor();
}
export declare class ProfileExistsError extends SaltlineError {
    constructor();
}
/** The profile was written by a newer Saltline (or is not a profile header at all). */
export declare class ProfileVersionError extends SaltlineError {
    constructor(found: number, supported: number);
}
/** Stored bytes failed authentication or do not parse: tampering, swapped rows, or damage. */
export declare class StoreCorruptError extends SaltlineError {
    constructor(what: string);
}
export declare class NotFoundError extends SaltlineError {
    constructor(what: string);
}
export declare class StoreClosedError extends SaltlineError {
    constructor();
}
/** A backup file is truncated, tampered with, encrypted under another passphrase, or not a backup. */
export declare class BackupError extends SaltlineError {
    constructor(message: string);
}
/** Caller input outside the store's limits (sizes, ids, counts). */
export declare class StoreInputError extends SaltlineError {
    constructor(message: string);
}
