/** Typed errors of the local store (issue 3): each has a stable `code` and never carries secrets. */
import { SaltlineError } from '../crypto/errors.js';
/** The passphrase does not unwrap the master key; nothing was changed. */
export class WrongPassphraseError extends SaltlineError {
    constructor() {
        super('WRONG_PASSPHRASE', 'wrong passphrase');
    }
}
/** Another live process (or another handle in this one) owns the profile. */
export class ProfileInUseError extends SaltlineError {
    constructor(pid) {
        super('PROFILE_IN_USE', `profile is in use by process ${pid}`);
    }
}
export class ProfileNotFoundError extends SaltlineError {
    constructor() {
        super('PROFILE_NOT_FOUND', 'no profile in this folder');
    }
}
export class ProfileExistsError extends SaltlineError {
    constructor() {
        super('PROFILE_EXISTS', 'the folder already holds a profile or other files');
    }
}
/** The profile was written by a newer Saltline (or is not a profile header at all). */
export class ProfileVersionError extends SaltlineError {
    constructor(found, supported) {
        super('PROFILE_VERSION', `profile format ${found} is newer than the supported ${supported}`);
    }
}
/** Stored bytes failed authentication or do not parse: tampering, swapped rows, or damage. */
export class StoreCorruptError extends SaltlineError {
    constructor(what) {
        super('STORE_CORRUPT', `stored data failed authentication: ${what}`);
    }
}
export class NotFoundError extends SaltlineError {
    constructor(what) {
        super('NOT_FOUND', `${what} not found`);
    }
}
export class StoreClosedError extends SaltlineError {
    constructor() {
        super('STORE_CLOSED', 'the store is closed');
    }
}
/** A backup file is truncated, tampered with, encrypted under another passphrase, or not a backup. */
export class BackupError extends SaltlineError {
    constructor(message) {
        super('BAD_BACKUP', message);
    }
}
/** Caller input outside the store's limits (sizes, ids, counts). */
export class StoreInputError extends SaltlineError {
    constructor(message) {
        super('STORE_INPUT', message);
    }
}
//# sourceMappingURL=errors.js.map