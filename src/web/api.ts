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
 *   /api/groups…                                 see groupRoutes.ts
 */
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import type { MessageInfo, SafetyNumberInfo } from '../client/types.js';
import type { AppState, BackupResponse, HistoryResponse, InvitationResponse, SafetyNumberResponse } from './apiTypes.js';
import type { BackupDownloads } from './backupDownloads.js';
import type { ClientSession } from './clientSession.js';
import { SaltlineError } from '../crypto/errors.js';
import { WebAppError, badRequest, locked, notFound } from './errors.js';
import { groupRoutes } from './groupRoutes.js';
import { qrMatrix } from './qr.js';
import type { WebClient } from './webClient.js';

export const LIMITS = {
  text: 60_000,
  name: 100,
  passphrase: 1024,
  link: 8192,
  relay: 2048,
  id: 200,
  query: 200,
  pageSize: 200,
  /** A jump to an old search result loads at most this many pages of `pageSize`. */
  aroundPages: 25,
} as const;

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

/** A JSON value to send, or `sent` when the handler wrote the response itself. */
export type Handler = (req: ApiRequest, params: readonly string[], res: ServerResponse) => Promise<unknown>;
export const SENT = Symbol('sent');

const text = (max: number) => z.string().min(1).max(max);
const schemas = {
  unlock: z.object({ passphrase: text(LIMITS.passphrase) }),
  name: z.object({ name: text(LIMITS.name).refine((s) => s.trim().length > 0, 'name is blank') }),
  passphrase: z.object({ oldPassphrase: text(LIMITS.passphrase), newPassphrase: text(LIMITS.passphrase) }),
  send: z.object({ text: text(LIMITS.text).refine((s) => s.trim().length > 0, 'message is blank') }),
  relay: z.object({ relay: text(LIMITS.relay) }),
  invite: z.object({ contact: text(LIMITS.id).optional() }),
  accept: z.object({ link: text(LIMITS.link), name: text(LIMITS.name), replaceIdentity: z.boolean().optional() }),
  backup: z.object({ passphrase: text(LIMITS.passphrase) }),
  // Issue 8:
  reply: z.object({ replyTo: text(LIMITS.id).optional() }),
  edit: z.object({ text: text(LIMITS.text).refine((s) => s.trim().length > 0, 'message is blank') }),
  react: z.object({ emoji: z.string().min(1).max(64).nullable() }),
  disappearing: z.object({ seconds: z.number().int().nonnegative() }),
  settings: z.object({ readReceipts: z.boolean().optional(), typing: z.boolean().optional() }),
  typing: z.object({ typing: z.boolean() }),
};

export function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw badRequest(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
  return result.data;
}

function intParam(url: URL, name: string, min: number, max: number): number | undefined {
  const raw = url.searchParams.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw badRequest(`${name} must be a whole number`);
  const n = Number(raw);
  if (n < min || n > max) throw badRequest(`${name} must be between ${min} and ${max}`);
  return n;
}

export function createApi(deps: ApiDeps): (req: ApiRequest, res: ServerResponse) => Promise<unknown> {
  const { session, backups } = deps;
  const client = (): WebClient => {
    const current = session.client;
    if (current === undefined) throw locked();
    return current;
  };

  const routes: [method: string, pattern: RegExp, handler: Handler][] = [
    ['GET', /^\/api\/state$/, () => Promise.resolve<AppState>({ locked: session.client === undefined, profileDir: deps.profileDir, profile: session.client?.profile })],
    [
      'POST',
      /^\/api\/unlock$/,
      async (req) => {
        const { passphrase } = parse(schemas.unlock, req.body);
        try {
          return { profile: await session.unlock(passphrase) };
        } catch (err) {
          if (err instanceof WebAppError) throw err;
          // Whatever the SDK says about a failed open is shown to the user, but only typed errors' words.
          throw new WebAppError('UNLOCK_FAILED', 401, err instanceof SaltlineError ? err.message : 'could not open the profile');
        }
      },
    ],
    ['POST', /^\/api\/lock$/, async () => { await session.lock(); return { ok: true }; }],
    [
      'POST',
      /^\/api\/profile\/name$/,
      async (req) => {
        const { name } = parse(schemas.name, req.body);
        await client().setName(name.trim());
        session.profileChanged();
        return client().profile;
      },
    ],
    [
      'POST',
      /^\/api\/profile\/relay$/,
      async (req) => {
        const { relay } = parse(schemas.relay, req.body);
        await client().setRelay(relay.trim());
        session.profileChanged();
        return client().profile;
      },
    ],
    [
      'POST',
      /^\/api\/profile\/passphrase$/,
      async (req) => {
        const { oldPassphrase, newPassphrase } = parse(schemas.passphrase, req.body);
        await client().changePassphrase(oldPassphrase, newPassphrase);
        return { ok: true };
      },
    ],
    ['GET', /^\/api\/contacts$/, () => client().contacts()],
    [
      'GET',
      /^\/api\/contacts\/([^/]+)\/safety-number$/,
      async (_req, [id]) => {
        const { changed, ...pinned } = await client().safetyNumber(id!);
        const withQr = (n: SafetyNumberInfo) => ({ digits: n.digits, groups: n.groups, qrPayload: n.qrPayload, qr: qrMatrix(n.qrPayload) });
        return { ...withQr(pinned), ...(changed === undefined ? {} : { changed: withQr(changed) }) } satisfies SafetyNumberResponse;
      },
    ],
    ['POST', /^\/api\/contacts\/([^/]+)\/verify$/, async (_req, [id]) => { await client().markVerified(id!); return { ok: true }; }],
    ['GET', /^\/api\/conversations$/, () => client().conversations()],
    ['POST', /^\/api\/conversations\/([^/]+)\/read$/, async (_req, [id]) => { await client().markRead(id!); return { ok: true }; }],
    ['GET', /^\/api\/conversations\/([^/]+)\/messages$/, (req, [id]) => history(client(), id!, req.url)],
    [
      'POST',
      /^\/api\/conversations\/([^/]+)\/messages$/,
      (req, [id]) => {
        const { replyTo } = parse(schemas.reply, req.body);
        return client().send(id!, parse(schemas.send, req.body).text, replyTo === undefined ? {} : { replyTo });
      },
    ],
    // Issue 8: edits, deletion for everyone, reactions, the disappearing timer, settings, typing.
    ['POST', /^\/api\/messages\/([^/]+)\/edit$/, (req, [id]) => client().edit(id!, parse(schemas.edit, req.body).text)],
    ['POST', /^\/api\/messages\/([^/]+)\/delete$/, (_req, [id]) => client().deleteForEveryone(id!)],
    ['POST', /^\/api\/messages\/([^/]+)\/react$/, (req, [id]) => client().react(id!, parse(schemas.react, req.body).emoji)],
    ['GET', /^\/api\/conversations\/([^/]+)\/disappearing$/, async (_req, [id]) => ({ seconds: await client().disappearing(id!) })],
    ['POST', /^\/api\/conversations\/([^/]+)\/disappearing$/, (req, [id]) => client().setDisappearing(id!, parse(schemas.disappearing, req.body).seconds)],
    ['POST', /^\/api\/conversations\/([^/]+)\/typing$/, async (req, [id]) => { await client().typing(id!, parse(schemas.typing, req.body).typing); return { ok: true }; }],
    ['GET', /^\/api\/settings$/, () => Promise.resolve(client().settings)],
    [
      'POST',
      /^\/api\/settings$/,
      async (req) => {
        const { readReceipts, typing } = parse(schemas.settings, req.body);
        if (readReceipts !== undefined) await client().setReadReceipts(readReceipts);
        if (typing !== undefined) await client().setTypingIndicators(typing);
        return client().settings;
      },
    ],
    [
      'GET',
      /^\/api\/search$/,
      (req) => {
        const q = req.url.searchParams.get('q')?.trim() ?? '';
        if (q.length === 0 || q.length > LIMITS.query) throw badRequest(`q must be 1 to ${LIMITS.query} characters`);
        return client().search(q, { limit: intParam(req.url, 'limit', 1, LIMITS.pageSize) ?? 50 });
      },
    ],
    [
      'POST',
      /^\/api\/invitations$/,
      async (req) => {
        const { contact } = parse(schemas.invite, req.body);
        const { link } = await client().createInvitation(contact === undefined ? {} : { contact });
        return { link, qr: qrMatrix(link, 'L') } satisfies InvitationResponse;
      },
    ],
    [
      'POST',
      /^\/api\/invitations\/accept$/,
      (req) => {
        const { link, name, replaceIdentity } = parse(schemas.accept, req.body);
        return client().acceptInvitation(link.trim(), name.trim(), replaceIdentity === true ? { replaceIdentity } : {});
      },
    ],
    ['POST', /^\/api\/sync$/, () => client().sync()],
    [
      'POST',
      /^\/api\/backups$/,
      async (req) => {
        const { passphrase } = parse(schemas.backup, req.body);
        const c = client();
        return (await backups.create((file) => c.exportBackup(file, passphrase, deps.backupProgress))) satisfies BackupResponse;
      },
    ],
    [
      'GET',
      /^\/api\/backups\/([A-Za-z0-9_-]{1,64})$/,
      (_req, [id], res) => {
        if (!backups.send(id!, res)) throw notFound('no such backup (each one downloads once)');
        return Promise.resolve(SENT);
      },
    ],
    ...groupRoutes(client),
  ];

  return async (req, res) => {
    let pathKnown = false;
    for (const [method, pattern, handler] of routes) {
      const match = pattern.exec(req.url.pathname);
      if (match === null) continue;
      pathKnown = true;
      if (method !== req.method) continue;
      const params = match.slice(1).map((p) => {
        try {
          return decodeURIComponent(p);
        } catch {
          throw badRequest('bad path');
        }
      });
      return handler(req, params, res);
    }
    throw pathKnown ? new WebAppError('METHOD_NOT_ALLOWED', 405, 'method not allowed here') : notFound();
  };
}

async function history(client: WebClient, conversationId: string, url: URL): Promise<HistoryResponse> {
  const around = intParam(url, 'around', 0, Number.MAX_SAFE_INTEGER);
  if (around === undefined) {
    const limit = intParam(url, 'limit', 1, LIMITS.pageSize) ?? 50;
    const before = intParam(url, 'before', 0, Number.MAX_SAFE_INTEGER);
    const messages = await client.history(conversationId, before === undefined ? { limit } : { before, limit });
    return { messages, hasMore: messages.length === limit };
  }
  // The SDK pages only backwards, so a jump to an older message loads from now back to it:
  // the view stays one unbroken stretch of history that the newest messages continue.
  let messages: MessageInfo[] = [];
  let before: number | undefined;
  for (let page = 0; page < LIMITS.aroundPages; page++) {
    const limit = LIMITS.pageSize;
    const batch = await client.history(conversationId, before === undefined ? { limit } : { before, limit });
    messages = [...batch, ...messages];
    const first = batch[0];
    if (batch.length < limit || first === undefined) return { messages, hasMore: false };
    if (first.seq <= around) break;
    before = first.seq;
  }
  return { messages, hasMore: true };
}
