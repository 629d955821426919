/**
 * Headers sent with every response of the local web app (issue 7, item 2): a strict
 * Content-Security-Policy (only this server's own scripts, styles, images and sockets; no inline
 * code, no third-party anything, no framing), no MIME sniffing, no Referer (the URL may hold the
 * secret on the first visit), and no caching of anything but the content-hashed UI assets.
 */
import type { ServerResponse } from 'node:http';
export declare const CONTENT_SECURITY_POLICY: string;
export declare function setSecurityHeaders(res: ServerResponse, cacheable?: boolean): void;
