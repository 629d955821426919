import { WebSocket } from 'ws';
export interface RawResponse {
    readonly status: number;
    readonly headers: Readonly<Record<string, string | string[] | undefined>>;
    readonly body: string;
    readonly bytes: Buffer;
}
export declare function rawRequest(port: number, options?: {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
}): Promise<RawResponse>;
/** A JSON API call with the session cookie, as the page makes it. */
export declare function apiCall(port: number, cookie: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{
    status: number;
    json: unknown;
}>;
/** Opens the event socket; resolves with the socket or rejects with the HTTP status that refused it. */
export declare function openEvents(port: number, headers: Record<string, string>): Promise<WebSocket>;
/** Collects events from an open socket until `until` accepts one of them. */
export declare function nextEvent<T>(ws: WebSocket, until: (event: T) => boolean): Promise<T>;
/** The session cookie a first visit with the token sets. */
export declare const sessionCookie: (port: number, token: string) => string;
