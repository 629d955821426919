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
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { SaltlineError } from '../crypto/errors.js';
import { AccessGuard, newAccessToken } from './accessGuard.js';
import { createApi, SENT } from './api.js';
import { handleAttachmentRoute } from './attachmentRoutes.js';
import { EVENTS_PATH } from './apiTypes.js';
import { BackupDownloads } from './backupDownloads.js';
import { ClientSession } from './clientSession.js';
import { WebAppError } from './errors.js';
import { EventSocket } from './eventSocket.js';
import { setSecurityHeaders } from './securityHeaders.js';
import { DEFAULT_UI_DIR, UiFiles } from './uiFiles.js';
import type { WebClient } from './webClient.js';

/** Request bodies are small JSON documents; anything bigger is refused before it is read. */
const MAX_BODY_BYTES = 256 * 1024;

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

export async function startWebApp(options: WebAppOptions): Promise<WebApp> {
  const onError = options.onError ?? ((err: unknown) => process.stderr.write(`saltline web: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`));
  const ui = await UiFiles.load(options.uiDir ?? DEFAULT_UI_DIR);
  const session = new ClientSession(options.openClient, options.client);
  const backups = new BackupDownloads();
  const events = new EventSocket();
  session.on((event) => events.broadcast(event));
  const api = createApi({ profileDir: options.profileDir, session, backups, backupProgress: (done, total) => events.broadcast({ type: 'backupProgress', done, total }) });

  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    // E.g. the port is taken: leave nothing running and no listener on the caller's client.
    await events.close();
    await session.close();
    throw err;
  }
  // The secret is bound to the port (cookie name, allowed Host and Origin), so it is made after
  // listening; handlers are attached in the same tick, before any connection is read.
  const { port } = server.address() as AddressInfo;
  const token = newAccessToken();
  const guard = new AccessGuard(token, port);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      onError(err);
      res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const verdict = guard.check(req, url);
    if (!verdict.ok) return forbidden(res);
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
        if (await handleAttachmentRoute(req, res, url, session.client, (event) => events.broadcast(event))) return;
        const body = method === 'POST' ? await readJson(req) : undefined;
        const result = await api({ method, url, body }, res);
        if (result !== SENT) sendJson(res, 200, result ?? { ok: true });
      } catch (err) {
        sendError(res, err, onError);
      }
      return;
    }
    if ((method === 'GET' || method === 'HEAD') && ui.serve(url.pathname, res, method === 'HEAD')) return;
    setSecurityHeaders(res);
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== EVENTS_PATH || !guard.check(req, url).ok) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const online = session.client?.relayConnected;
    events.accept(req, socket, head, online === undefined ? [] : [{ type: 'connection', online }]);
  });

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    close: () =>
      (closing ??= (async () => {
        await events.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await session.close();
        await backups.close();
      })()),
  };
}

function forbidden(res: ServerResponse): void {
  setSecurityHeaders(res);
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Forbidden');
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  setSecurityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendError(res: ServerResponse, err: unknown, onError: (err: unknown) => void): void {
  if (res.headersSent) return void res.destroy();
  if (err instanceof WebAppError) return sendJson(res, err.status, { error: { code: err.code, message: err.message } });
  // The SDK's typed errors are the user's business (identity changed, unknown contact, …);
  // their messages carry no secrets by the project's rule. Anything else stays in the process.
  if (err instanceof SaltlineError) return sendJson(res, 400, { error: { code: err.code, message: err.message } });
  onError(err);
  sendJson(res, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const type = req.headers['content-type'] ?? '';
  // A JSON content type cannot be sent cross-site without a CORS preflight we never answer.
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new WebAppError('UNSUPPORTED_MEDIA_TYPE', 415, 'send application/json');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new WebAppError('TOO_LARGE', 413, 'request body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new WebAppError('TOO_LARGE', 413, 'request body too large');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new WebAppError('BAD_REQUEST', 400, 'body is not valid JSON');
  }
}
