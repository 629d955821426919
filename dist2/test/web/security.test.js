/**
 * SECURITY-TESTS #24 (issue 7, item 2): the local web app refuses requests without its secret,
 * with a foreign Origin, or with a rebinding Host header — for pages, the API and the event
 * socket — and sends its cookie and CSP the strict way. Runs the real server on 127.0.0.1 over a
 * real SDK client that has a real contact (through a relay on loopback), so a forged request
 * that got through would really send a message.
 */
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DEFAULT_UI_DIR } from '../../src/web/uiFiles.js';
import { serveClient } from './helpers/app.js';
import { apiCall, openEvents, rawRequest, sessionCookie } from './helpers/http.js';
import { introduce, startWorld } from './helpers/people.js';
let world;
let maya;
let conversationId;
let app;
let cookie;
before(async () => {
    world = await startWorld();
    maya = await world.person('Maya Lindqvist');
    const jonas = await world.person('Jonas Weber');
    conversationId = (await introduce(maya, jonas, 'Maya')).onInviter.conversationId;
    app = await serveClient(maya);
    cookie = sessionCookie(app.port, app.token);
});
after(async () => {
    await app.close();
    await world.close();
});
const messageCount = async () => (await maya.history(conversationId)).length;
test('#24 the printed URL is on 127.0.0.1 and carries a long random secret', () => {
    const url = new URL(app.url);
    assert.equal(url.hostname, '127.0.0.1');
    assert.equal(url.pathname, '/');
    assert.match(app.token, /^[A-Za-z0-9_-]{43}$/);
});
test('#24 the server is not reachable on other addresses than 127.0.0.1', async () => {
    // ::1 is loopback too, but the app binds the IPv4 loopback address only.
    const reached = await new Promise((resolve) => {
        const socket = connect({ host: '::1', port: app.port });
        socket.once('connect', () => {
            socket.destroy();
            resolve(true);
        });
        socket.once('error', () => resolve(false));
    });
    assert.equal(reached, false);
});
test('#24 requests without the secret get 403 (pages, API, assets, event socket)', async () => {
    const before = await messageCount();
    const wrongToken = 'A'.repeat(43);
    const attempts = [
        { path: '/' },
        { path: '/index.html' },
        { path: '/api/state' },
        { path: '/api/conversations' },
        { path: `/?token=${wrongToken}` },
        { path: `/?token=${app.token.slice(0, -1)}` },
        { path: '/api/conversations', headers: { Cookie: sessionCookie(app.port, wrongToken) } },
        // The right secret under another port's cookie name is not this app's session.
        { path: '/api/conversations', headers: { Cookie: `saltline_${app.port + 1}=${app.token}` } },
        { path: '/api/conversations', headers: { Authorization: `Bearer ${wrongToken}` } },
        {
            method: 'POST',
            path: `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ text: 'forged' }),
        },
    ];
    for (const a of attempts) {
        const res = await rawRequest(app.port, a);
        assert.equal(res.status, 403, `${a.method ?? 'GET'} ${a.path} ${JSON.stringify(a.headers ?? {})}`);
        assert.equal(res.headers['set-cookie'], undefined);
        assert.doesNotMatch(res.body, /Jonas|Maya/);
    }
    await assert.rejects(openEvents(app.port, {}), { status: 403 });
    await assert.rejects(openEvents(app.port, { Cookie: sessionCookie(app.port, wrongToken) }), { status: 403 });
    assert.equal(await messageCount(), before);
});
test('#24 a foreign Origin gets 403 even with the secret, and changes nothing', async () => {
    const before = await messageCount();
    const foreign = ['http://evil.example', `http://127.0.0.1:${app.port + 1}`, `http://localhost:${app.port + 1}`, `https://127.0.0.1:${app.port}`, 'null'];
    for (const origin of foreign) {
        const res = await rawRequest(app.port, {
            method: 'POST',
            path: `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
            headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
            body: JSON.stringify({ text: 'cross-site forgery' }),
        });
        assert.equal(res.status, 403, origin);
        assert.equal((await rawRequest(app.port, { path: '/api/conversations', headers: { Cookie: cookie, Origin: origin } })).status, 403, origin);
        await assert.rejects(openEvents(app.port, { Cookie: cookie, Origin: origin }), { status: 403 }, origin);
    }
    // Browsers without Origin on a navigation still say where it came from.
    for (const site of ['cross-site', 'same-site']) {
        assert.equal((await rawRequest(app.port, { path: '/', headers: { Cookie: cookie, 'Sec-Fetch-Site': site } })).status, 403, site);
    }
    assert.equal(await messageCount(), before);
    // The same request from the app's own origin goes through, so the refusals above were about the origin.
    const own = await apiCall(app.port, cookie, 'POST', `/api/conversations/${encodeURIComponent(conversationId)}/messages`, { text: 'from my own page' });
    assert.equal(own.status, 200);
    assert.equal(await messageCount(), before + 1);
});
test('#24 a rebinding Host header gets 403 even with the secret', async () => {
    const hosts = ['evil.example', `evil.example:${app.port}`, `127.0.0.1:${app.port + 1}`, `127.0.0.1.evil.example:${app.port}`, `[::1]:${app.port}`, '127.0.0.1'];
    for (const host of hosts) {
        for (const path of ['/', '/api/state', `/?token=${app.token}`]) {
            const res = await rawRequest(app.port, { path, headers: { Host: host, Cookie: cookie } });
            assert.equal(res.status, 403, `${host} ${path}`);
        }
        await assert.rejects(openEvents(app.port, { Host: host, Cookie: cookie }), { status: 403 }, host);
    }
    // localhost:PORT is the app's own name too.
    assert.equal((await rawRequest(app.port, { path: '/api/state', headers: { Host: `localhost:${app.port}`, Cookie: cookie } })).status, 200);
});
test('#24 a request with no Host header at all gets 403', async () => {
    const reply = await new Promise((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port: app.port }, () => {
            socket.end(`GET /api/state HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`);
        });
        let data = '';
        socket.on('data', (c) => (data += c.toString('latin1')));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
    });
    assert.match(reply, /^HTTP\/1\.[01] 403 /);
});
test('#24 the first visit trades the secret for an HttpOnly, SameSite=Strict cookie and strips it from the URL', async () => {
    const first = await rawRequest(app.port, { path: `/?token=${app.token}` });
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, '/');
    const setCookie = first.headers['set-cookie'];
    assert.ok(Array.isArray(setCookie) && setCookie.length === 1);
    const parts = setCookie[0].split(';').map((p) => p.trim());
    assert.equal(parts[0], sessionCookie(app.port, app.token));
    assert.ok(parts.includes('HttpOnly'));
    assert.ok(parts.includes('SameSite=Strict'));
    assert.ok(parts.includes('Path=/'));
    assert.ok(!parts.some((p) => /^(Domain|Expires|Max-Age)=/i.test(p)), 'a session cookie for this host only');
    const page = await rawRequest(app.port, { path: '/', headers: { Cookie: cookie } });
    assert.equal(page.status, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    // The other query parameters survive the redirect.
    const deep = await rawRequest(app.port, { path: `/?view=search&token=${app.token}` });
    assert.equal(deep.headers.location, '/?view=search');
});
test('#24 the API also accepts the secret as a bearer token (for scripts)', async () => {
    const res = await rawRequest(app.port, { path: '/api/state', headers: { Authorization: `Bearer ${app.token}` } });
    assert.equal(res.status, 200);
    assert.equal(JSON.parse(res.body).locked, false);
});
test('#24 state-changing requests must be JSON (a cross-site form cannot send it without a preflight)', async () => {
    const before = await messageCount();
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
        const res = await rawRequest(app.port, {
            method: 'POST',
            path: `/api/conversations/${encodeURIComponent(conversationId)}/messages`,
            headers: { Cookie: cookie, 'Content-Type': type },
            body: '{"text":"form post"}',
        });
        assert.equal(res.status, 415, type);
    }
    assert.equal(await messageCount(), before);
});
test('#24 every response carries a strict CSP and the other security headers', async () => {
    const responses = [
        await rawRequest(app.port, { path: '/', headers: { Cookie: cookie } }),
        await rawRequest(app.port, { path: '/api/state', headers: { Cookie: cookie } }),
        await rawRequest(app.port, { path: '/nope', headers: { Cookie: cookie } }),
        await rawRequest(app.port, { path: '/' }),
        await rawRequest(app.port, { path: `/?token=${app.token}` }),
    ];
    for (const res of responses) {
        const csp = String(res.headers['content-security-policy']);
        const directives = new Map(csp.split(';').map((d) => { const [name, ...values] = d.trim().split(/\s+/); return [name, values.join(' ')]; }));
        assert.equal(directives.get('default-src'), "'self'");
        assert.equal(directives.get('script-src'), "'self'");
        assert.equal(directives.get('style-src'), "'self'");
        assert.equal(directives.get('frame-ancestors'), "'none'");
        assert.equal(directives.get('object-src'), "'none'");
        assert.doesNotMatch(csp, /unsafe-|https?:|\*|data:/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.equal(res.headers['referrer-policy'], 'no-referrer');
        assert.equal(res.headers['x-frame-options'], 'DENY');
        assert.equal(res.headers['cache-control'], 'no-store');
    }
});
test('#24 the built page has no inline script and loads nothing from another origin', async (t) => {
    let index;
    try {
        index = await readFile(join(DEFAULT_UI_DIR, 'index.html'), 'utf8');
    }
    catch {
        t.skip('the UI is not built (npm run build builds it)');
        return;
    }
    const scripts = [...index.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.ok(scripts.length > 0);
    for (const [, attrs, body] of scripts) {
        assert.match(attrs ?? '', /\bsrc="\/assets\//);
        assert.equal((body ?? '').trim(), '');
    }
    for (const [, url] of index.matchAll(/\b(?:src|href)="([^"]*)"/g))
        assert.match(url ?? '', /^\/assets\//);
    assert.doesNotMatch(index, /\sstyle=|\son[a-z]+=/i);
    const assets = await readdir(join(DEFAULT_UI_DIR, 'assets'));
    for (const name of assets.filter((n) => n.endsWith('.js') || n.endsWith('.css'))) {
        const text = await readFile(join(DEFAULT_UI_DIR, 'assets', name), 'utf8');
        // XML namespace names are identifiers, not fetched; anything else with a scheme would be a fetch.
        const urls = [...text.matchAll(/\b(?:https?|wss?):\/\/[^\s"'`)]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'));
        assert.deepEqual(urls, [], name);
    }
});
//# sourceMappingURL=security.test.js.map