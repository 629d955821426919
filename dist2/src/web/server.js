/**
 * The local web app's server (issue 7): serves the built UI, the JSON API (see api.ts) and the
 * live event socket, on 127.0.0.1 only, to whoever holds the secret printed in its URL (see
 * accessGuard.ts). Keys and plaintext stay in this process; the browser is a view.
 *
 *   const app = await startWebApp({ profileDir, openClient: (pass) => Client.open(dir, pass) });
 *
 * (`startProfileApp` in profileApp.ts does this for a profile folder, with the client put online.)
 *   console.log(app.url); // http://127.0.0.1:PORT/?token=…
 */
import { createServer } from 'node:http';
import { SaltlineError } from '../crypto/errors.js';
import { AccessGuard, newAccessToken } from './accessGuard.js';
import { createApi, SENT } from './api.js';
import { EVENTS_PATH } from './apiTypes.js';
import { BackupDownloads } from './backupDownloads.js';
import { ClientSession } from './clientSession.js';
import { WebAppError } from './errors.js';
import { EventSocket } from './eventSocket.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { DEFAULT_UI_DIR, UiFiles } from './uiFiles.js';
/** Request bodies are small JSON documents; anything bigger is refused before it is read. */
const MAX_BODY_BYTES = 256 * 1024;
export async function startWebApp(options) {
    const onError = options.onError ?? ((err) => process.stderr.write(`saltline web: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`));
    const ui = await UiFiles.load(options.uiDir ?? DEFAULT_UI_DIR);
    const session = new ClientSession(options.openClient, options.client);
    const backups = new BackupDownloads();
    const events = new EventSocket();
    session.on((event) => events.broadcast(event));
    const api = createApi({ profileDir: options.profileDir, session, backups, backupProgress: (done, total) => events.broadcast({ type: 'backupProgress', done, total }) });
    const server = createServer();
    try {
        await new Promise((resolve, reject) => {
            server.once('error', reject);
            server.listen(options.port ?? 0, '127.0.0.1', () => {
                server.off('error', reject);
                resolve();
            });
        });
    }
    catch (err) {
        // E.g. the port is taken: leave nothing running and no listener on the caller's client.
        await events.close();
        await session.close();
        throw err;
    }
    // The secret is bound to the port (cookie name, allowed Host and Origin), so it is made after
    // listening; handlers are attached in the same tick, before any connection is read.
    const { port } = server.address();
    const token = newAccessToken();
    const guard = new AccessGuard(token, port);
    server.on('request', (req, res) => {
        handle(req, res).catch((err) => {
            onError(err);
            res.destroy();
        });
    });
    async function handle(req, res) {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const verdict = guard.check(req, url);
        if (!verdict.ok)
            return forbidden(res);
        const method = req.method ?? 'GET';
        const isApi = url.pathname.startsWith('/api/');
        if (verdict.via === 'query' && !isApi && (method === 'GET' || method === 'HEAD')) {
            // First visit: keep the secret in a cookie and drop it from the address bar and history.
            url.searchParams.delete('token');
            setSecurityHeaders(res);
            res.writeHead(303, { 'Set-Cookie': guard.sessionCookie(), Location: url.pathname + url.search });
            return void res.end();
        }
        if (isApi) {
            try {
                const body = method === 'POST' ? await readJson(req) : undefined;
                const result = await api({ method, url, body }, res);
                if (result !== SENT)
                    sendJson(res, 200, result ?? { ok: true });
            }
            catch (err) {
                sendError(res, err, onError);
            }
            return;
        }
        if ((method === 'GET' || method === 'HEAD') && ui.serve(url.pathname, res, method === 'HEAD'))
            return;
        setSecurityHeaders(res);
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Not found');
    }
    server.on('upgrade', (req, socket, head) => {
        socket.on('error', () => socket.destroy());
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        if (url.pathname !== EVENTS_PATH || !guard.check(req, url).ok) {
            socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
            return;
        }
        events.accept(req, socket, head);
    });
    let closing;
    return {
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        close: () => (closing ??= (async () => {
            await events.close();
            await new Promise((resolve) => {
                server.close(() => resolve());
                server.closeAllConnections();
            });
            await session.close();
            await backups.close();
        })()),
    };
}
function forbidden(res) {
    setSecurityHeaders(res);
    res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Forbidden');
}
function sendJson(res, status, value) {
    const body = JSON.stringify(value);
    setSecurityHeaders(res);
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
}
function sendError(res, err, onError) {
    if (res.headersSent)
        return void res.destroy();
    if (err instanceof WebAppError)
        return sendJson(res, err.status, { error: { code: err.code, message: err.message } });
    // The SDK's typed errors are the user's business (identity changed, unknown contact, …);
    // their messages carry no secrets by the project's rule. Anything else stays in the process.
    if (err instanceof SaltlineError)
        return sendJson(res, 400, { error: { code: err.code, message: err.message } });
    onError(err);
    sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
}
async function readJson(req) {
    const type = req.headers['content-type'] ?? '';
    // A JSON content type cannot be sent cross-site without a CORS preflight we never answer.
    if (!/^application\/json\s*(;|$)/i.test(type))
        throw new WebAppError('UNSUPPORTED_MEDIA_TYPE', 415, 'send application/json');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES)
        throw new WebAppError('TOO_LARGE', 413, 'request body too large');
    const chunks = [];
    let size = 0;
    for await (const chunk of req) {
        size += chunk.length;
        if (size > MAX_BODY_BYTES)
            throw new WebAppError('TOO_LARGE', 413, 'request body too large');
        chunks.push(chunk);
    }
    if (size === 0)
        return {};
    try {
        return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    }
    catch {
        throw new WebAppError('BAD_REQUEST', 400, 'body is not valid JSON');
    }
}
//# sourceMappingURL=server.js.map