/**
 * Raw HTTP and WebSocket requests for the web app's security tests: node:http (not fetch) so a
 * test can send any Host, Origin or Cookie header a browser or an attacker could.
 */
import { request } from 'node:http';
import { WebSocket } from 'ws';
export function rawRequest(port, options = {}) {
    return new Promise((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: { Host: `127.0.0.1:${port}`, ...options.headers } }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
                const bytes = Buffer.concat(chunks);
                resolve({ status: res.statusCode ?? 0, headers: res.headers, body: bytes.toString('utf8'), bytes });
            });
            res.on('error', reject);
        });
        req.on('error', reject);
        req.end(options.body);
    });
}
/** A JSON API call with the session cookie, as the page makes it. */
export async function apiCall(port, cookie, method, path, body) {
    const res = await rawRequest(port, {
        method,
        path,
        headers: {
            Cookie: cookie,
            Origin: `http://127.0.0.1:${port}`,
            ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    return { status: res.status, json: res.body.length > 0 ? JSON.parse(res.body) : undefined };
}
/** Opens the event socket; resolves with the socket or rejects with the HTTP status that refused it. */
export function openEvents(port, headers) {
    return new Promise((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/events`, { headers: { Host: `127.0.0.1:${port}`, ...headers } });
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => {
            reject(Object.assign(new Error(`refused with ${res.statusCode ?? 0}`), { status: res.statusCode }));
            ws.terminate();
        });
        ws.once('error', reject);
    });
}
/** Collects events from an open socket until `until` accepts one of them. */
export function nextEvent(ws, until) {
    return new Promise((resolve) => {
        const onMessage = (data) => {
            const event = JSON.parse(data.toString('utf8'));
            if (!until(event))
                return;
            ws.off('message', onMessage);
            resolve(event);
        };
        ws.on('message', onMessage);
    });
}
/** The session cookie a first visit with the token sets. */
export const sessionCookie = (port, token) => `saltline_${port}=${token}`;
//# sourceMappingURL=http.js.map