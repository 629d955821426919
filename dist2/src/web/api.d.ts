/**
 * The local web app's JSON API (issue 7, item 1): a thin, validated layer over the SDK
 * (`WebClient`, which the real `Client` implements). Every body is checked (zod, hard size limits) before anything reaches the SDK.
 * The routes:
 *   GET  /api/state                              locked or not, and the profile
 *   POST /api/unlock {passphrase}                open the profile       POST /api/lock
 *   POST /api/profile/name {name}                POST /api/profile/relay {relay}
 *   POST /api/profile/passphrase {oldPassphrase, newPassphrase}
 *   GET  /api/contacts                           GET  /api/contacts/:id/safety-number   POST /api/contacts/:id/verify
 *   GET  /api/conversations                      POST /api/conversations/:id/read
 *   GET  /api/conversations/:id/messages?before=&limit=   or ?around=SEQ (everything from SEQ to now)
 *   POST /api/conversations/:id/messages {text}
 *   GET  /api/search?q=&limit=
 *   POST /api/invitations {contact?}             POST /api/invitations/accept {link, name, replaceIdentity?}
 *   POST /api/sync
 *   POST /api/backups {passphrase}               GET  /api/backups/:id (one download)
 */
import type { ServerResponse } from 'node:http';
import type { BackupDownloads } from './backupDownloads.js';
import type { ClientSession } from './clientSession.js';
export declare const LIMITS: {
    readonly text: 60000;
    readonly name: 100;
    readonly passphrase: 1024;
    readonly link: 8192;
    readonly relay: 2048;
    readonly id: 200;
    readonly query: 200;
    readonly pageSize: 200;
    /** A jump to an old search result loads at most this many pages of `pageSize`. */
    readonly aroundPages: 25;
};
export interface ApiRequest {
    readonly method: string;
    readonly url: URL;
    /** The parsed JSON body (POST only), not yet validated. */
    readonly body: unknown;
}
export interface ApiDeps {
    readonly profileDir: string;
    readonly session: ClientSession;
    readonly backups: BackupDownloads;
    readonly backupProgress: (done: number, total: number) => void;
}
export declare const SENT: unique symbol;
export declare function createApi(deps: ApiDeps): (req: ApiRequest, res: ServerResponse) => Promise<unknown>;
