import { Client, type ClientOptions } from '../client/index.js';
import { SaltlineError } from '../crypto/errors.js';
import { type PwhashLimits } from '../crypto/pwhash.js';
export interface GlobalOptions {
    readonly profile?: string;
}
export declare class UsageError extends SaltlineError {
    constructor(message: string);
}
export declare function saltlineHome(): string;
export declare function profileDir(options: GlobalOptions): string;
/** Reads a line from the terminal without echoing it. */
export declare function promptHidden(question: string): Promise<string>;
export declare function readPassphrase(options?: {
    confirm?: boolean;
    env?: string;
    what?: string;
}): Promise<string>;
/**
 * Argon2id limits for new profiles. `SALTLINE_INSECURE_TEST_KDF=1` selects the minimum, only so
 * that test suites creating dozens of profiles stay fast; never use it for a real profile.
 */
export declare function pwhashForNewProfiles(): PwhashLimits | undefined;
export declare function clientOptions(): ClientOptions;
export declare function openClient(options: GlobalOptions): Promise<Client>;
/** Opens the profile, runs `work`, and always closes it. */
export declare function withClient<T>(options: GlobalOptions, work: (client: Client) => Promise<T>): Promise<T>;
export declare function printJson(value: unknown): void;
export declare function print(line?: string): void;
export declare function formatTime(ms: number): string;
