import type { IncomingMessage } from 'node:http';
export type Verdict = {
    readonly ok: true;
    readonly via: 'cookie' | 'bearer' | 'query';
} | {
    readonly ok: false;
    readonly reason: 'host' | 'origin' | 'secret';
};
/** 32 random bytes, base64url: what goes into the printed URL. */
export declare function newAccessToken(): string;
export declare class AccessGuard {
    #private;
    readonly token: string;
    readonly port: number;
    /** Cookies are not scoped by port, so two apps on one machine each need their own name. */
    readonly cookieName: string;
    constructor(token: string, port: number);
    check(req: IncomingMessage, url: URL): Verdict;
    /** The Set-Cookie value that carries the secret from the first visit on. */
    sessionCookie(): string;
}
