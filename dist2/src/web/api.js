import { z } from 'zod';
import { SaltlineError } from '../crypto/errors.js';
import { WebAppError, badRequest, locked, notFound } from './errors.js';
import { qrMatrix } from './qr.js';
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
};
export const SENT = Symbol('sent');
const text = (max) => z.string().min(1).max(max);
const schemas = {
    unlock: z.object({ passphrase: text(LIMITS.passphrase) }),
    name: z.object({ name: text(LIMITS.name).refine((s) => s.trim().length > 0, 'name is blank') }),
    passphrase: z.object({ oldPassphrase: text(LIMITS.passphrase), newPassphrase: text(LIMITS.passphrase) }),
    send: z.object({ text: text(LIMITS.text).refine((s) => s.trim().length > 0, 'message is blank') }),
    relay: z.object({ relay: text(LIMITS.relay) }),
    invite: z.object({ contact: text(LIMITS.id).optional() }),
    accept: z.object({ link: text(LIMITS.link), name: text(LIMITS.name), replaceIdentity: z.boolean().optional() }),
    backup: z.object({ passphrase: text(LIMITS.passphrase) }),
};
function parse(schema, body) {
    const result = schema.safeParse(body);
    if (!result.success)
        throw badRequest(result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    return result.data;
}
function intParam(url, name, min, max) {
    const raw = url.searchParams.get(name);
    if (raw === null || raw === '')
        return undefined;
    if (!/^\d{1,15}$/.test(raw))
        throw badRequest(`${name} must be a whole number`);
    const n = Number(raw);
    if (n < min || n > max)
        throw badRequest(`${name} must be between ${min} and ${max}`);
    return n;
}
export function createApi(deps) {
    const { session, backups } = deps;
    const client = () => {
        const current = session.client;
        if (current === undefined)
            throw locked();
        return current;
    };
    const routes = [
        ['GET', /^\/api\/state$/, () => Promise.resolve({ locked: session.client === undefined, profileDir: deps.profileDir, profile: session.client?.profile })],
        [
            'POST',
            /^\/api\/unlock$/,
            async (req) => {
                const { passphrase } = parse(schemas.unlock, req.body);
                try {
                    return { profile: await session.unlock(passphrase) };
                }
                catch (err) {
                    if (err instanceof WebAppError)
                        throw err;
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
                const { changed, ...pinned } = await client().safetyNumber(id);
                const withQr = (n) => ({ digits: n.digits, groups: n.groups, qrPayload: n.qrPayload, qr: qrMatrix(n.qrPayload) });
                return { ...withQr(pinned), ...(changed === undefined ? {} : { changed: withQr(changed) }) };
            },
        ],
        ['POST', /^\/api\/contacts\/([^/]+)\/verify$/, async (_req, [id]) => { await client().markVerified(id); return { ok: true }; }],
        ['GET', /^\/api\/conversations$/, () => client().conversations()],
        ['POST', /^\/api\/conversations\/([^/]+)\/read$/, async (_req, [id]) => { await client().markRead(id); return { ok: true }; }],
        ['GET', /^\/api\/conversations\/([^/]+)\/messages$/, (req, [id]) => history(client(), id, req.url)],
        [
            'POST',
            /^\/api\/conversations\/([^/]+)\/messages$/,
            (req, [id]) => client().send(id, parse(schemas.send, req.body).text),
        ],
        [
            'GET',
            /^\/api\/search$/,
            (req) => {
                const q = req.url.searchParams.get('q')?.trim() ?? '';
                if (q.length === 0 || q.length > LIMITS.query)
                    throw badRequest(`q must be 1 to ${LIMITS.query} characters`);
                return client().search(q, { limit: intParam(req.url, 'limit', 1, LIMITS.pageSize) ?? 50 });
            },
        ],
        [
            'POST',
            /^\/api\/invitations$/,
            async (req) => {
                const { contact } = parse(schemas.invite, req.body);
                const { link } = await client().createInvitation(contact === undefined ? {} : { contact });
                return { link, qr: qrMatrix(link, 'L') };
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
                return (await backups.create((file) => c.exportBackup(file, passphrase, deps.backupProgress)));
            },
        ],
        [
            'GET',
            /^\/api\/backups\/([A-Za-z0-9_-]{1,64})$/,
            (_req, [id], res) => {
                if (!backups.send(id, res))
                    throw notFound('no such backup (each one downloads once)');
                return Promise.resolve(SENT);
            },
        ],
    ];
    return async (req, res) => {
        let pathKnown = false;
        for (const [method, pattern, handler] of routes) {
            const match = pattern.exec(req.url.pathname);
            if (match === null)
                continue;
            pathKnown = true;
            if (method !== req.method)
                continue;
            const params = match.slice(1).map((p) => {
                try {
                    return decodeURIComponent(p);
                }
                catch {
                    throw badRequest('bad path');
                }
            });
            return handler(req, params, res);
        }
        throw pathKnown ? new WebAppError('METHOD_NOT_ALLOWED', 405, 'method not allowed here') : notFound();
    };
}
async function history(client, conversationId, url) {
    const around = intParam(url, 'around', 0, Number.MAX_SAFE_INTEGER);
    if (around === undefined) {
        const limit = intParam(url, 'limit', 1, LIMITS.pageSize) ?? 50;
        const before = intParam(url, 'before', 0, Number.MAX_SAFE_INTEGER);
        const messages = await client.history(conversationId, before === undefined ? { limit } : { before, limit });
        return { messages, hasMore: messages.length === limit };
    }
    // The SDK pages only backwards, so a jump to an older message loads from now back to it:
    // the view stays one unbroken stretch of history that the newest messages continue.
    let messages = [];
    let before;
    for (let page = 0; page < LIMITS.aroundPages; page++) {
        const limit = LIMITS.pageSize;
        const batch = await client.history(conversationId, before === undefined ? { limit } : { before, limit });
        messages = [...batch, ...messages];
        const first = batch[0];
        if (batch.length < limit || first === undefined)
            return { messages, hasMore: false };
        if (first.seq <= around)
            break;
        before = first.seq;
    }
    return { messages, hasMore: true };
}
//# sourceMappingURL=api.js.map