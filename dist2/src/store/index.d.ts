/** The local store's public surface (issue 3): the `Store` interface and its two implementations. */
export * from './types.js';
export * from './errors.js';
export { createProfile, openProfile, LanceStore, type CreateOptions, type StoreOptions } from './lanceStore.js';
export { MemoryStore } from './memoryStore.js';
export { exportProfile, importProfile, type BackupProgress, type ExportOptions, type ImportOptions } from './backup.js';
export { DEFAULT_PWHASH_LIMITS, PROFILE_FORMAT_VERSION } from './header.js';
