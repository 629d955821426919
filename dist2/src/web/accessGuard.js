/**
 * Who may talk to the local web app (issue 7, item 2; SECURITY-TESTS #24). The Jupyter model: a
 * random secret made at start is printed in the URL; the first visit trades it for a cookie
 * (HttpOnly, SameSite=Strict) and every later request must carry that cookie (or the secret as a
 * bearer token, for scripts). On top of the secret, requests are refused when
 *   - the Host header is not this server's own loopback address (DNS rebinding: a foreign site
 *     whose name resolves to 127.0.0.1 would otherwise be "same origin" with us), or
 *   - the Origin (or Sec-Fetch-Site) says the request was made by another site, including another
 *     local server on a different port, which browsers count as the same *site* and so would send
 *     a SameSite=Strict cookie to.
 * Secrets are compared in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
/** 32 random bytes, base64url: what goes into the printed URL. */
export function newAccessToken() {
    return randomBytes(32).toString('base64url');
}
export class AccessGuard {
    token;
    port;
    #digest;
    #hosts;
    #origins;
    /** Cookies are not scoped by port, so two apps on one machine each need their own name. */
    cookieName;
    constructor(token, port) {
        this.token = token;
        this.port = port;
        this.#digest = digest(token);
        this.#hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
        this.#origins = new Set([...this.#hosts].map((h) => `http://${h}`));
        this.cookieName = `saltline_${port}`;
    }
    check(req, url) {
        const host = req.headers.host;
        if (host === undefined || !this.#hosts.has(host.toLowerCase()))
            return { ok: false, reason: 'host' };
        const origin = req.headers.origin;
        if (origin !== undefined && !this.#origins.has(origin.toLowerCase()))
            return { ok: false, reason: 'origin' };
        const site = req.headers['sec-fetch-site'];
        if (site !== undefined && site !== 'same-origin' && site !== 'none')
            return { ok: false, reason: 'origin' };
        if (this.#matches(readCookie(req.headers.cookie, this.cookieName)))
            return { ok: true, via: 'cookie' };
        const auth = req.headers.authorization;
        if (auth?.startsWith('Bearer ') && this.#matches(auth.slice('Bearer '.length)))
            return { ok: true, via: 'bearer' };
        if (this.#matches(url.searchParams.get('token') ?? undefined))
            return { ok: true, via: 'query' };
        return { ok: false, reason: 'secret' };
    }
    /** The Set-Cookie value that carries the secret from the first visit on. */
    sessionCookie() {
        return `${this.cookieName}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
    }
    #matches(candidate) {
        if (candidate === undefined || candidate.length === 0)
            return false;
        // Hashing first makes both sides the same length, so the comparison leaks neither length nor content.
        return timingSafeEqual(digest(candidate), this.#digest);
    }
}
function digest(value) {
    return createHash('sha256').update(value, 'utf8').digest();
}
function readCookie(header, name) {
    if (header === undefined)
        return undefined;
    for (const part of header.split(';')) {
        const eq = part.indexOf('=');
        if (eq > 0 && part.slice(0, eq).trim() === name)
            return part.slice(eq + 1).trim();
    }
    return undefined;
}
//# sourceMappingURL=accessGuard.js.map