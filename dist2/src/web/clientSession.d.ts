/**
 * The web app's hold on the SDK (issue 7, item 1 "unlock screen"): either locked (no client,
 * keys not in memory) or unlocked with one SDK client. Unlocking opens the profile with the
 * passphrase through the caller's `openClient`; one attempt runs at a time, so a page cannot make
 * the process run many key derivations at once. Listeners hear every SDK event and every change
 * between locked and unlocked.
 */
import type { ProfileInfo } from '../client/types.js';
import type { AppEvent } from './apiTypes.js';
import type { WebClient } from './webClient.js';
export type SessionEvent = Exclude<AppEvent, {
    type: 'backupProgress';
}>;
export declare class ClientSession {
    #private;
    private readonly openClient;
    constructor(openClient: (passphrase: string) => Promise<WebClient>, initial: WebClient | undefined);
    get client(): WebClient | undefined;
    unlock(passphrase: string): Promise<ProfileInfo>;
    lock(): Promise<void>;
    /** Tells listeners the profile changed (after setName): the SDK has no event for it. */
    profileChanged(): void;
    on(listener: (event: SessionEvent) => void): () => void;
    /** Stops listening and closes the client if this session opened it. */
    close(): Promise<void>;
}
