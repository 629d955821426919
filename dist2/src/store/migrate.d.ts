import type * as lancedb from '@lancedb/lancedb';
import type { Rng } from '../crypto/random.js';
import { type MasterKey, type ProfileHeader } from './header.js';
/** Upgrades the profile at `dir` to the current format; the caller holds its lock. */
export declare function migrateProfile(dir: string, db: lancedb.Connection, header: ProfileHeader, master: MasterKey, rng: Rng): Promise<void>;
/** Removes what format 1 left once the header says 2 (also after a crash right behind the commit point). */
export declare function removeOldFormatLeftovers(dir: string, db: lancedb.Connection): Promise<void>;
