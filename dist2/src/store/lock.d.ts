export declare const LOCK_FILE = "LOCK";
export interface ProfileLock {
    release(): Promise<void>;
}
export declare function acquireLock(dir: string): Promise<ProfileLock>;
