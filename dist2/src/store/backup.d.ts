import { type PwhashLimits } from '../crypto/pwhash.js';
import { type CreateOptions, type LanceStore } from './lanceStore.js';
export interface BackupProgress {
    readonly items: number;
    readonly bytes: number;
}
export interface ExportOptions {
    readonly pwhash?: PwhashLimits;
    readonly onProgress?: (progress: BackupProgress) => void;
}
/** Writes an encrypted backup of an open profile to `file` (atomically: a temporary file renamed at the end). */
export declare function exportProfile(store: LanceStore, file: string, passphrase: string, options?: ExportOptions): Promise<BackupProgress>;
export interface ImportOptions extends CreateOptions {
    readonly onProgress?: (progress: BackupProgress) => void;
}
/**
 * Restores a backup into a new profile at `dir` (which must be empty), protected by
 * `newPassphrase`. The whole backup is verified first; on any error nothing is created.
 */
export declare function importProfile(file: string, backupPassphrase: string, dir: string, newPassphrase: string, options?: ImportOptions): Promise<LanceStore>;
