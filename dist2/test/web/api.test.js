/**
 * The local web app's JSON API and event socket (issue 7, item 1) over the real SDK: a profile
 * folder served the way `saltline app` serves it, and in-memory clients for the people at the
 * other end, all talking through a relay on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '../../src/client/client.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { serveClient, serveProfile } from './helpers/app.js';
import { apiCall, nextEvent, openEvents, rawRequest, sessionCookie } from './helpers/http.js';
import { introduce, startWorld, waitForEvent } from './helpers/people.js';
let world;
before(async () => {
    world = await startWorld();
});
after(async () => {
    await world.close();
});
function caller(app) {
    const cookie = sessionCookie(app.port, app.token);
    return async (method, path, body) => {
        const res = await apiCall(app.port, cookie, method, path, body);
        return { status: res.status, json: res.json };
    };
}
const events = (app) => openEvents(app.port, { Cookie: sessionCookie(app.port, app.token), Origin: app.origin });
const seg = encodeURIComponent;
/** Maya (served by the app, in memory) and Jonas, introduced; `work` gets both and the API. */
async function withMayaAndJonas(work) {
    const maya = await world.person('Maya Lindqvist');
    const jonas = await world.person('Jonas Weber');
    const { onInviter } = await introduce(maya, jonas, 'Maya');
    const app = await serveClient(maya);
    try {
        await work({ maya, jonas, jonasId: onInviter.id, conv: seg(onInviter.conversationId), app, call: caller(app) });
    }
    finally {
        await app.close();
    }
}
test('a locked profile answers only state and unlock; the right passphrase opens it online, so new contacts show up live', async () => {
    const { dir, passphrase } = await world.createProfile('Maya Lindqvist');
    const app = await serveProfile(dir);
    const call = caller(app);
    try {
        const state = await call('GET', '/api/state');
        assert.deepEqual(state.json, { locked: true, profileDir: dir });
        assert.equal((await call('GET', '/api/conversations')).status, 423);
        const wrong = await call('POST', '/api/unlock', { passphrase: 'not it' });
        assert.equal(wrong.status, 401);
        assert.equal(wrong.json.error.code, 'UNLOCK_FAILED');
        assert.equal((await call('GET', '/api/state')).json.locked, true);
        assert.equal((await call('POST', '/api/unlock', {})).status, 400);
        const right = await call('POST', '/api/unlock', { passphrase });
        assert.equal(right.status, 200);
        assert.equal(right.json.profile.name, 'Maya Lindqvist');
        assert.equal(right.json.profile.relay, world.relay.address);
        assert.equal((await call('GET', '/api/state')).json.locked, false);
        assert.equal((await call('POST', '/api/unlock', { passphrase })).status, 409);
        // Unlocked means online: someone accepting an invitation appears without any sync.
        const ws = await events(app);
        try {
            const inv = await call('POST', '/api/invitations');
            const joined = nextEvent(ws, (e) => e.type === 'contact' && e.contact.name === 'Priya Raman');
            const priya = await world.person('Priya Raman');
            await priya.acceptInvitation(inv.json.link, 'Maya');
            await joined;
            const list = await call('GET', '/api/conversations');
            assert.deepEqual(list.json.map((c) => c.name), ['Priya Raman']);
        }
        finally {
            ws.close();
        }
    }
    finally {
        await app.close();
    }
});
test('lock frees the profile folder; passphrase change, relay setting and a backup that restores go through to the SDK', async () => {
    const { dir, passphrase } = await world.createProfile('Tomás Ortega');
    const app = await serveProfile(dir, { passphrase });
    const call = caller(app);
    const ws = await events(app);
    try {
        assert.equal((await call('GET', '/api/state')).json.locked, false, 'a passphrase given up front unlocks at start');
        const locked = nextEvent(ws, (e) => e.type === 'locked');
        assert.equal((await call('POST', '/api/lock')).status, 200);
        await locked;
        assert.equal((await call('GET', '/api/contacts')).status, 423);
        // The profile's lock is released: another process (here: this test) may open it.
        await (await Client.open(dir, passphrase)).close();
        assert.equal((await call('POST', '/api/unlock', { passphrase })).status, 200);
        const wrong = await call('POST', '/api/profile/passphrase', { oldPassphrase: 'nope', newPassphrase: 'new one' });
        assert.equal(wrong.status, 400);
        assert.equal(wrong.json.error.code, 'WRONG_PASSPHRASE');
        assert.equal((await call('POST', '/api/profile/passphrase', { oldPassphrase: passphrase, newPassphrase: 'sea salt and ink' })).status, 200);
        await call('POST', '/api/lock');
        assert.equal((await call('POST', '/api/unlock', { passphrase })).status, 401);
        assert.equal((await call('POST', '/api/unlock', { passphrase: 'sea salt and ink' })).status, 200);
        const bad = await call('POST', '/api/profile/relay', { relay: 'http://relay.example' });
        assert.equal(bad.status, 400);
        assert.equal(bad.json.error.code, 'BAD_RELAY_ADDRESS');
        const moved = await call('POST', '/api/profile/relay', { relay: 'ws://127.0.0.1:5299' });
        assert.equal(moved.status, 200);
        assert.match(moved.json.relay, /^ws:\/\/127\.0\.0\.1:5299\/?$/);
        assert.equal((await call('GET', '/api/state')).json.profile?.relay, moved.json.relay);
        assert.equal((await call('POST', '/api/profile/relay', { relay: world.relay.address })).json.relay, world.relay.address);
        const progress = nextEvent(ws, (e) => e.type === 'backupProgress' && e.done === e.total);
        const made = await call('POST', '/api/backups', { passphrase: 'backup pass' });
        assert.equal(made.status, 200);
        await progress;
        const path = `/api/backups/${made.json.downloadId}`;
        const cookie = sessionCookie(app.port, app.token);
        const first = await rawRequest(app.port, { path, headers: { Cookie: cookie } });
        assert.equal(first.status, 200);
        assert.match(String(first.headers['content-disposition']), /^attachment; filename="saltline-backup-/);
        assert.equal(first.bytes.length, made.json.size);
        assert.equal((await rawRequest(app.port, { path, headers: { Cookie: cookie } })).status, 404);
        // What was downloaded is a real backup of this profile.
        const file = join(world.dir, 'tomas.slbackup');
        await writeFile(file, first.bytes);
        const restoredDir = join(world.dir, 'tomas-restored');
        await Client.importBackup(file, 'backup pass', restoredDir, 'restored', { pwhash: PWHASH_LIMITS.min });
        const restored = await Client.open(restoredDir, 'restored');
        assert.equal(restored.profile.name, 'Tomás Ortega');
        await restored.close();
    }
    finally {
        ws.close();
        await app.close();
    }
});
test('conversations come with unread counts and last messages; history pages back by seq', async () => {
    await withMayaAndJonas(async ({ maya, jonas, conv, call }) => {
        const all = 30;
        let got = 0;
        const arrived = waitForEvent(maya, (e) => e.type === 'message' && ++got === all, `${all} messages`);
        for (let i = 1; i <= all; i++)
            await jonas.send('Maya', `message number ${i}`);
        await arrived;
        const list = await call('GET', '/api/conversations');
        assert.equal(list.status, 200);
        const [jonasConv] = list.json;
        assert.equal(jonasConv?.name, 'Jonas Weber');
        assert.equal(jonasConv.unread, all);
        assert.equal(jonasConv.lastMessage?.text, `message number ${all}`);
        const first = await call('GET', `/api/conversations/${conv}/messages?limit=10`);
        assert.deepEqual(first.json.messages.map((m) => m.text), Array.from({ length: 10 }, (_, i) => `message number ${all - 9 + i}`));
        assert.equal(first.json.hasMore, true);
        const before = first.json.messages[0].seq;
        const second = await call('GET', `/api/conversations/${conv}/messages?before=${before}&limit=10`);
        assert.equal(second.json.messages.length, 10);
        assert.ok(second.json.messages.every((m) => m.seq < before));
        assert.equal(second.json.messages.at(-1).text, `message number ${all - 10}`);
        // A jump to an old message loads from now back to it, in one unbroken run.
        const old = (await maya.search('number 3'))[0];
        const around = await call('GET', `/api/conversations/${conv}/messages?around=${old.seq}`);
        assert.ok(around.json.messages.some((m) => m.id === old.id));
        assert.equal(around.json.messages.at(-1).text, `message number ${all}`);
        const seqs = around.json.messages.map((m) => m.seq);
        assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
        for (const bad of ['limit=0', 'limit=1000', 'before=-1', 'before=abc', 'around=1e3']) {
            assert.equal((await call('GET', `/api/conversations/${conv}/messages?${bad}`)).status, 400, bad);
        }
        assert.equal((await call('POST', `/api/conversations/${conv}/read`)).status, 200);
        assert.equal((await call('GET', '/api/conversations')).json[0].unread, 0);
    });
});
test('a sent message comes back as sending; sent, delivered, read and incoming messages arrive live', async () => {
    await withMayaAndJonas(async ({ jonas, conv, app, call }) => {
        const ws = await events(app);
        try {
            const states = [];
            ws.on('message', (data) => {
                const e = JSON.parse(data.toString('utf8'));
                if (e.type === 'delivery')
                    states.push(e.state);
            });
            const delivered = nextEvent(ws, (e) => e.type === 'delivery' && e.state === 'delivered');
            const onJonas = waitForEvent(jonas, (e) => e.type === 'message', 'the message on Jonas’s side');
            const sent = await call('POST', `/api/conversations/${conv}/messages`, { text: 'See you at ten' });
            assert.equal(sent.status, 200);
            assert.equal(sent.json.state, 'sending');
            assert.equal(sent.json.outgoing, true);
            const event = await delivered;
            assert.equal(event.type === 'delivery' && event.messageId, sent.json.id);
            await onJonas;
            const read = nextEvent(ws, (e) => e.type === 'delivery' && e.state === 'read');
            await jonas.markRead('Maya');
            await read;
            assert.deepEqual(states, ['sent', 'delivered', 'read']);
            const history = await call('GET', `/api/conversations/${conv}/messages`);
            assert.equal(history.json.messages.find((m) => m.id === sent.json.id)?.state, 'read');
            const incoming = nextEvent(ws, (e) => e.type === 'message' && !e.message.outgoing);
            await jonas.send('Maya', 'Proposal is in your inbox');
            const got = await incoming;
            assert.ok(got.type === 'message' && got.message.text === 'Proposal is in your inbox' && got.message.senderName === 'Jonas Weber');
        }
        finally {
            ws.close();
        }
    });
});
test('bad message bodies are refused before they reach the SDK', async () => {
    await withMayaAndJonas(async ({ maya, app, conv, call }) => {
        const path = `/api/conversations/${conv}/messages`;
        const count = (await maya.history(decodeURIComponent(conv))).length;
        for (const body of [{}, { text: '' }, { text: '   ' }, { text: 42 }, { text: 'x'.repeat(60_001) }]) {
            assert.equal((await call('POST', path, body)).status, 400, JSON.stringify(body).slice(0, 40));
        }
        const cookie = sessionCookie(app.port, app.token);
        const headers = { Cookie: cookie, Origin: app.origin, 'Content-Type': 'application/json' };
        assert.equal((await rawRequest(app.port, { method: 'POST', path, headers, body: '{"text":' })).status, 400);
        assert.equal((await rawRequest(app.port, { method: 'POST', path, headers, body: JSON.stringify({ text: 'y'.repeat(300_000) }) })).status, 413);
        assert.equal((await call('GET', path.replace('messages', 'nothing'))).status, 404);
        assert.equal((await call('POST', '/api/conversations')).status, 405);
        const unknown = await call('POST', '/api/conversations/no-such-conversation/messages', { text: 'hello?' });
        assert.equal(unknown.status, 400);
        assert.equal(unknown.json.error.code, 'UNKNOWN_CONTACT');
        assert.equal((await maya.history(decodeURIComponent(conv))).length, count);
    });
});
test('#12 a contact whose identity changed cannot be sent to until the new safety number is accepted', async () => {
    await withMayaAndJonas(async ({ jonasId, conv, app, call }) => {
        const ws = await events(app);
        const impostor = await world.person('Jonas Weber');
        try {
            // Maya re-invites Jonas (say he lost his phone); someone with another key answers.
            const inv = await call('POST', '/api/invitations', { contact: jonasId });
            assert.equal(inv.status, 200);
            const before = await call('GET', `/api/contacts/${seg(jonasId)}/safety-number`);
            assert.equal(before.json.changed, undefined);
            const warned = nextEvent(ws, (e) => e.type === 'identityChanged');
            await impostor.acceptInvitation(inv.json.link, 'Maya');
            const w = await warned;
            assert.ok(w.type === 'identityChanged' && w.contactId === jonasId && w.name === 'Jonas Weber');
            const contacts = await call('GET', '/api/contacts');
            assert.equal(contacts.json.find((c) => c.id === jonasId)?.identityChanged, true);
            const blocked = await call('POST', `/api/conversations/${conv}/messages`, { text: 'hello?' });
            assert.equal(blocked.status, 400);
            assert.equal(blocked.json.error.code, 'IDENTITY_CHANGED');
            const safety = await call('GET', `/api/contacts/${seg(jonasId)}/safety-number`);
            assert.equal(safety.status, 200);
            assert.equal(safety.json.digits, before.json.digits, 'the pinned number stays until the new key is accepted');
            const changed = safety.json.changed;
            assert.ok(changed);
            assert.match(changed.digits, /^\d{60}$/);
            assert.notEqual(changed.digits, safety.json.digits);
            assert.equal(changed.groups.join(''), changed.digits);
            // The new number is the one the person holding the new key sees.
            assert.equal(changed.digits, (await impostor.safetyNumber('Maya')).digits);
            for (const qr of [safety.json.qr, changed.qr]) {
                assert.ok(qr.size >= 21);
                assert.equal(qr.rows.length, qr.size);
                assert.ok(qr.rows.every((r) => r.length === qr.size && /^[01]+$/.test(r)));
            }
            assert.equal((await call('POST', `/api/contacts/${seg(jonasId)}/verify`)).status, 200);
            const after = await call('GET', '/api/contacts');
            assert.deepEqual(after.json.filter((c) => c.id === jonasId).map((c) => [c.identityChanged, c.verified]), [[false, true]]);
            assert.equal((await call('GET', `/api/contacts/${seg(jonasId)}/safety-number`)).json.digits, changed.digits);
            const got = waitForEvent(impostor, (e) => e.type === 'message', 'the message to the new key');
            assert.equal((await call('POST', `/api/conversations/${conv}/messages`, { text: 'hello again' })).status, 200);
            await got;
        }
        finally {
            ws.close();
        }
    });
});
test('invitations: a link and its QR code; accepting adds the contact; a known name with another key is refused unless replaced', async () => {
    await withMayaAndJonas(async ({ jonasId, call }) => {
        const inv = await call('POST', '/api/invitations');
        assert.equal(inv.status, 200);
        assert.match(inv.json.link, /^saltline:[A-Za-z0-9_-]+$/);
        assert.equal(inv.json.qr.rows.length, inv.json.qr.size);
        const own = await call('POST', '/api/invitations/accept', { link: inv.json.link, name: 'Me' });
        assert.equal(own.json.error.code, 'OWN_INVITATION');
        const bad = await call('POST', '/api/invitations/accept', { link: 'https://example.com', name: 'Eve' });
        assert.equal(bad.status, 400);
        assert.equal(bad.json.error.code, 'INVALID_FRAME');
        assert.equal((await call('POST', '/api/invitations', { contact: '' })).status, 400);
        assert.equal((await call('POST', '/api/invitations', { contact: 'nobody' })).json.error.code, 'UNKNOWN_CONTACT');
        const lea = await world.person('Lea Novak');
        const leaInv = await lea.createInvitation();
        const joined = waitForEvent(lea, (e) => e.type === 'contact', 'Maya on Lea’s side');
        const good = await call('POST', '/api/invitations/accept', { link: leaInv.link, name: '  Lea  ' });
        assert.equal(good.status, 200);
        assert.equal(good.json.name, 'Lea');
        await joined;
        assert.deepEqual((await call('GET', '/api/conversations')).json.map((c) => c.name).sort(), ['Jonas Weber', 'Lea']);
        const stranger = await world.person('Not Jonas');
        const strangerInv = await stranger.createInvitation();
        const refused = await call('POST', '/api/invitations/accept', { link: strangerInv.link, name: 'Jonas Weber' });
        assert.equal(refused.status, 400);
        assert.equal(refused.json.error.code, 'IDENTITY_CHANGED');
        assert.equal((await call('GET', '/api/contacts')).json.length, 2);
        const replaced = await call('POST', '/api/invitations/accept', { link: strangerInv.link, name: 'Jonas Weber', replaceIdentity: true });
        assert.equal(replaced.status, 200);
        assert.equal(replaced.json.id, jonasId);
        assert.equal(replaced.json.verified, false);
        assert.equal((await call('POST', '/api/invitations/accept', { link: strangerInv.link, name: 'X', replaceIdentity: 'yes' })).status, 400);
    });
});
test('search and display name go through to the SDK', async () => {
    await withMayaAndJonas(async ({ maya, jonas, app, call }) => {
        const got = waitForEvent(maya, (e) => e.type === 'message', 'Jonas’s message');
        await jonas.send('Maya', 'Are we still on for the harbour walk tomorrow?');
        await got;
        const hits = await call('GET', `/api/search?q=${seg('harbour walk')}`);
        assert.equal(hits.status, 200);
        assert.deepEqual(hits.json.map((m) => m.text), ['Are we still on for the harbour walk tomorrow?']);
        assert.deepEqual((await call('GET', '/api/search?q=lighthouse')).json, []);
        assert.equal((await call('GET', '/api/search?q=')).status, 400);
        assert.equal((await call('GET', `/api/search?q=${'a'.repeat(201)}`)).status, 400);
        const ws = await events(app);
        try {
            const renamed = nextEvent(ws, (e) => e.type === 'profile');
            const named = await call('POST', '/api/profile/name', { name: '  Maya L.  ' });
            assert.equal(named.json.name, 'Maya L.');
            assert.equal(maya.profile.name, 'Maya L.');
            await renamed;
            assert.equal((await call('POST', '/api/profile/name', { name: '   ' })).status, 400);
        }
        finally {
            ws.close();
        }
    });
});
test('a client handed over at start serves at once and is left open for its owner on close', async () => {
    const maya = await world.person('Maya');
    const app = await serveClient(maya);
    try {
        assert.equal((await caller(app)('GET', '/api/state')).json.locked, false);
    }
    finally {
        await app.close();
    }
    assert.deepEqual(await maya.contacts(), []);
});
//# sourceMappingURL=api.test.js.map