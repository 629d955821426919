/**
 * The web app over one profile folder (issue 7): what `saltline app` and `saltline demo` run.
 * The profile opens with the passphrase typed on the unlock screen (or one given up front), and
 * every opened client is put online (`start()`), so messages arrive live and delivery states move
 * while the page is open. `close()` stops the server and closes whatever client is open.
 *
 *   const app = await startProfileApp({ profileDir: '/home/maya/.saltline/profile' });
 *   console.log(app.url);
 */
import { Client, type ClientOptions } from '../client/client.js';
import { type WebApp } from './server.js';
export interface ProfileAppOptions {
    readonly profileDir: string;
    /** 0 or absent: a free port. */
    readonly port?: number;
    /** Unlock at start with this passphrase (e.g. from SALTLINE_PASSPHRASE). */
    readonly passphrase?: string;
    /** Or serve this client, already open on `profileDir`; closed with the app. */
    readonly client?: Client;
    readonly clientOptions?: ClientOptions;
    readonly uiDir?: string;
    readonly onError?: (err: unknown) => void;
}
export declare function startProfileApp(options: ProfileAppOptions): Promise<WebApp>;
