import type { WebClient } from './webClient.js';
export interface WebAppOptions {
    /** 0 or absent: a free port chosen by the system. */
    readonly port?: number;
    /** The profile folder this app serves (shown in settings; opening it is `openClient`'s job). */
    readonly profileDir: string;
    /** Opens the profile with the passphrase typed on the unlock screen. */
    readonly openClient: (passphrase: string) => Promise<WebClient>;
    /** An already unlocked client: the app starts unlocked. The caller keeps closing it. */
    readonly client?: WebClient;
    /** The built UI (default: dist/web-ui next to this module's build). */
    readonly uiDir?: string;
    /** Unexpected errors (programming errors, I/O): never sent to the page. Default: stderr. */
    readonly onError?: (err: unknown) => void;
}
export interface WebApp {
    /** http://127.0.0.1:PORT/?token=SECRET — print it on a line of its own. */
    readonly url: string;
    readonly port: number;
    close(): Promise<void>;
}
export declare function startWebApp(options: WebAppOptions): Promise<WebApp>;
