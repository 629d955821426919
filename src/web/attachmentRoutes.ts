/**
 * The local web app's attachment routes (issue 8 item 1), beside the JSON API and behind the same
 * access guard (secret cookie, Host and Origin checks) and security headers:
 *
 *   POST /api/conversations/:id/attachments   body: u32 thumbnail length ‖ JPEG thumbnail ‖ file bytes
 *        headers X-Saltline-File-Name (URI-encoded), X-Saltline-File-Type, X-Saltline-Upload-Id;
 *        Content-Type application/octet-stream (a type no cross-site form can send without a
 *        preflight we never answer). Answers the MessageInfo once the relay holds the whole file;
 *        progress goes out as `attachmentProgress` events.
 *   GET  /api/attachments/:messageId/thumbnail   the sender's inline JPEG preview
 *   GET  /api/attachments/:messageId/image       an image attachment (≤ 10 MB), downloaded if needed
 *   GET  /api/attachments/:messageId/file        the decrypted file, as a download
 *
 * Files are served with `nosniff`, a sandboxing CSP and, except images of known types, as
 * `Content-Disposition: attachment` octet streams: a received file never runs as part of the app.
 */
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MessageInfo } from '../client/types.js';
import type { AppEvent } from './apiTypes.js';
import { WebAppError, badRequest, locked } from './errors.js';
import { setSecurityHeaders } from './securityHeaders.js';
import type { WebClient } from './webClient.js';

/** The largest file the web app accepts for sending. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
/** Images up to this size are shown inline. */
export const MAX_INLINE_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_THUMBNAIL_BYTES = 24 * 1024;
const INLINE_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** What the web app needs from the SDK for attachments (the real `Client` has all of it). */
export interface AttachmentClient {
  sendFile(target: string, path: string, options: { name?: string; mime?: string; thumbnail?: Uint8Array; onProgress?: (done: number, total: number) => void }): Promise<MessageInfo>;
  saveAttachment(messageId: string, outPath: string): Promise<void>;
  attachmentThumbnail(messageId: string): Promise<Buffer | undefined>;
  attachmentBytes(messageId: string, maxBytes: number): Promise<{ bytes: Buffer; mime: string; name: string }>;
  attachmentInfo(messageId: string): Promise<{ name: string }>;
}

function attachmentsOf(client: WebClient | undefined): AttachmentClient {
  if (client === undefined) throw locked();
  const c = client as Partial<AttachmentClient>;
  if (typeof c.sendFile !== 'function' || typeof c.saveAttachment !== 'function') throw new WebAppError('NOT_SUPPORTED', 501, 'this client has no attachments');
  return client as unknown as AttachmentClient;
}

function fileHeaders(res: ServerResponse, type: string, length: number, disposition?: string): void {
  setSecurityHeaders(res);
  // The file is data, never a document of this app: nothing in it may run or be framed.
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': length, ...(disposition ? { 'Content-Disposition': disposition } : {}) });
}

function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Streams the framed upload body to `file`; returns the thumbnail. Refuses oversized bodies as they arrive. */
async function receiveUpload(req: IncomingMessage, file: string): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (!Number.isSafeInteger(declared) || declared < 4) throw new WebAppError('LENGTH_REQUIRED', 411, 'send the body with a Content-Length');
  if (declared > MAX_UPLOAD_BYTES + 4 + MAX_THUMBNAIL_BYTES) throw new WebAppError('TOO_LARGE', 413, `files up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB can be sent from here`);
  const out = await open(file, 'w');
  let head = Buffer.alloc(0);
  let thumbLength = -1;
  let thumbnail = Buffer.alloc(0);
  let received = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > declared) throw new WebAppError('TOO_LARGE', 413, 'body longer than its Content-Length');
      let data = chunk;
      if (thumbLength < 0 || thumbnail.length < thumbLength) {
        head = Buffer.concat([head, data]);
        if (thumbLength < 0 && head.length >= 4) {
          thumbLength = head.readUInt32BE(0);
          if (thumbLength > MAX_THUMBNAIL_BYTES) throw badRequest('thumbnail too large');
          head = head.subarray(4);
        }
        if (thumbLength < 0) continue;
        const take = Math.min(thumbLength, head.length);
        thumbnail = head.subarray(0, take);
        data = head.subarray(take);
        if (thumbnail.length < thumbLength) continue;
      }
      if (data.length > 0) await out.write(data);
    }
  } finally {
    await out.close();
  }
  if (received !== declared || thumbLength < 0 || thumbnail.length !== thumbLength) throw badRequest('truncated upload');
  return Buffer.from(thumbnail);
}

function headerText(req: IncomingMessage, name: string, max: number): string | undefined {
  const raw = req.headers[name];
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > max * 3) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw badRequest(`${name} is not URI-encoded`);
  }
}

/**
 * Handles the request if it is an attachment route (true), after the access guard passed.
 * Errors are thrown as for the JSON API.
 */
export async function handleAttachmentRoute(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  client: WebClient | undefined,
  broadcast: (event: AppEvent) => void,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const upload = /^\/api\/conversations\/([^/]+)\/attachments$/.exec(url.pathname);
  if (upload !== null && method === 'POST') {
    const target = decodeURIComponent(upload[1]!);
    const c = attachmentsOf(client);
    if (!/^application\/octet-stream\s*(;|$)/i.test(req.headers['content-type'] ?? '')) throw new WebAppError('UNSUPPORTED_MEDIA_TYPE', 415, 'send application/octet-stream');
    const name = headerText(req, 'x-saltline-file-name', 255);
    if (name === undefined) throw badRequest('X-Saltline-File-Name is required');
    const mime = headerText(req, 'x-saltline-file-type', 127);
    const uploadId = headerText(req, 'x-saltline-upload-id', 64) ?? '';
    if (!/^[A-Za-z0-9_-]{0,64}$/.test(uploadId)) throw badRequest('bad upload id');
    const dir = await mkdtemp(join(tmpdir(), 'saltline-web-upload-'));
    try {
      const file = join(dir, 'file');
      const thumbnail = await receiveUpload(req, file);
      const message = await c.sendFile(target, file, {
        name,
        ...(mime !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(mime) ? { mime } : {}),
        ...(thumbnail.length > 0 ? { thumbnail } : {}),
        onProgress: (done, total) => broadcast({ type: 'attachmentProgress', uploadId, done, total }),
      });
      const body = JSON.stringify(message);
      setSecurityHeaders(res);
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    return true;
  }
  const get = /^\/api\/attachments\/([A-Za-z0-9_-]{1,64})\/(thumbnail|image|file)$/.exec(url.pathname);
  if (get === null) return false;
  if (method !== 'GET') throw new WebAppError('METHOD_NOT_ALLOWED', 405, 'method not allowed here');
  const c = attachmentsOf(client);
  const messageId = get[1]!;
  switch (get[2]) {
    case 'thumbnail': {
      const thumb = await c.attachmentThumbnail(messageId);
      if (thumb === undefined) throw new WebAppError('NOT_FOUND', 404, 'no thumbnail');
      fileHeaders(res, 'image/jpeg', thumb.length);
      res.end(thumb);
      return true;
    }
    case 'image': {
      const { bytes, mime } = await c.attachmentBytes(messageId, MAX_INLINE_IMAGE_BYTES);
      if (!INLINE_IMAGE_TYPES.has(mime)) throw new WebAppError('NOT_FOUND', 404, 'not an image');
      fileHeaders(res, mime, bytes.length);
      res.end(bytes);
      return true;
    }
    default: {
      const dir = await mkdtemp(join(tmpdir(), 'saltline-web-download-'));
      try {
        const file = join(dir, 'file');
        const { name } = await c.attachmentInfo(messageId);
        await c.saveAttachment(messageId, file);
        fileHeaders(res, 'application/octet-stream', (await stat(file)).size, contentDisposition(name));
        await pipeline(createReadStream(file), res);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
      return true;
    }
  }
}
