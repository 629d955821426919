/**
 * Starts the local web app for a test and tears it down (issue 7 tests): either over a profile
 * folder exactly as `saltline app` serves it (`startProfileApp`), or over a client the test holds.
 * An unexpected server error fails the test when the app closes.
 */
import type { Client } from '../../../src/client/client.js';
import { type WebApp } from '../../../src/web/server.js';
export interface TestApp extends WebApp {
    /** The secret from the printed URL. */
    readonly token: string;
    /** http://127.0.0.1:PORT */
    readonly origin: string;
}
/** A profile folder served as `saltline app` serves it: locked unless `passphrase` is given. */
export declare function serveProfile(profileDir: string, options?: {
    passphrase?: string;
}): Promise<TestApp>;
/** A client the test keeps (and closes), served unlocked; there is nothing to unlock it with again. */
export declare function serveClient(client: Client, profileDir?: string): Promise<TestApp>;
