/**
 * The local web app's JSON API and event socket (issue 7, item 1) against the real server, with
 * the stub SDK standing in for the real Client (test/web/helpers/stubClient.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ContactInfo, ConversationInfo, MessageInfo, ProfileInfo } from '../../src/client/types.js';
import type { AppEvent, AppState, BackupResponse, HistoryResponse, InvitationResponse, SafetyNumberResponse } from '../../src/web/apiTypes.js';
import { startAppForProfile, type TestApp } from './helpers/app.js';
import { demoProfile, type DemoProfile } from './helpers/demoData.js';
import { apiCall, nextEvent, openEvents, rawRequest, sessionCookie } from './helpers/http.js';

interface Fixture {
  readonly demo: DemoProfile;
  readonly app: TestApp;
  readonly call: <T>(method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; json: T }>;
  readonly conversationOf: (contactId: string) => string;
}

async function withApp(work: (f: Fixture) => Promise<void>, options: { unlocked?: boolean; autoDeliver?: boolean } = {}): Promise<void> {
  const demo = demoProfile({ autoDeliver: options.autoDeliver ?? false });
  const app = await startAppForProfile({ openClient: (p) => demo.profile.open(p) });
  const cookie = sessionCookie(app.port, app.token);
  const call = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> => {
    const res = await apiCall(app.port, cookie, method, path, body);
    return { status: res.status, json: res.json as T };
  };
  try {
    if (options.unlocked !== false) assert.equal((await call('POST', '/api/unlock', { passphrase: demo.profile.passphrase })).status, 200);
    await work({ demo, app, call, conversationOf: (id) => encodeURIComponent(demo.profile.contacts.get(id)!.conversationId) });
  } finally {
    await app.close();
  }
}

test('a locked app answers only state and unlock; a wrong passphrase keeps it locked', async () => {
  await withApp(
    async ({ demo, call }) => {
      const state = await call<AppState>('GET', '/api/state');
      assert.equal(state.json.locked, true);
      assert.equal(state.json.profile, undefined);
      assert.equal((await call('GET', '/api/conversations')).status, 423);

      const wrong = await call<{ error: { code: string } }>('POST', '/api/unlock', { passphrase: 'not it' });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.json.error.code, 'UNLOCK_FAILED');
      assert.equal((await call<AppState>('GET', '/api/state')).json.locked, true);
      assert.equal((await call('POST', '/api/unlock', {})).status, 400);

      const right = await call<{ profile: ProfileInfo }>('POST', '/api/unlock', { passphrase: demo.profile.passphrase });
      assert.equal(right.status, 200);
      assert.equal(right.json.profile.name, 'Maya Lindqvist');
      assert.equal((await call<AppState>('GET', '/api/state')).json.locked, false);
      assert.equal((await call('POST', '/api/unlock', { passphrase: demo.profile.passphrase })).status, 409);
      assert.equal(demo.profile.opened, 1);
    },
    { unlocked: false },
  );
});

test('conversations come with unread counts and last messages; history pages back by seq', async () => {
  await withApp(async ({ demo, call, conversationOf }) => {
    const list = await call<ConversationInfo[]>('GET', '/api/conversations');
    assert.equal(list.status, 200);
    const jonas = list.json.find((c) => c.name === 'Jonas Weber');
    assert.ok(jonas);
    assert.equal(jonas.unread, 2);
    assert.equal(jonas.lastMessage?.text, demo.profile.messages.get(jonas.id)!.at(-1)!.text);

    const conv = conversationOf(demo.contacts.jonas);
    const all = demo.profile.messages.get(jonas.id)!;
    const first = await call<HistoryResponse>('GET', `/api/conversations/${conv}/messages?limit=50`);
    assert.deepEqual(first.json.messages.map((m) => m.seq), all.slice(-50).map((m) => m.seq));
    assert.equal(first.json.hasMore, true);
    const before = first.json.messages[0]!.seq;
    const second = await call<HistoryResponse>('GET', `/api/conversations/${conv}/messages?before=${before}&limit=50`);
    assert.ok(second.json.messages.every((m) => m.seq < before));
    assert.equal(second.json.messages.at(-1)!.seq, before - 1);

    // A jump to an old message loads from now back to it, in one unbroken run.
    const old = all[3]!;
    const around = await call<HistoryResponse>('GET', `/api/conversations/${conv}/messages?around=${old.seq}`);
    assert.ok(around.json.messages.some((m) => m.id === old.id));
    assert.equal(around.json.messages.at(-1)!.id, all.at(-1)!.id);
    const seqs = around.json.messages.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));

    for (const bad of ['limit=0', 'limit=1000', 'before=-1', 'before=abc', 'around=1e3']) {
      assert.equal((await call('GET', `/api/conversations/${conv}/messages?${bad}`)).status, 400, bad);
    }
    assert.equal((await call('POST', `/api/conversations/${conv}/read`)).status, 200);
    assert.equal((await call<ConversationInfo[]>('GET', '/api/conversations')).json.find((c) => c.name === 'Jonas Weber')!.unread, 0);
  });
});

test('a sent message comes back as sending, and delivery updates and incoming messages arrive live', async () => {
  await withApp(
    async ({ app, demo, call, conversationOf }) => {
      const ws = await openEvents(app.port, { Cookie: sessionCookie(app.port, app.token), Origin: app.origin });
      try {
        const delivered = nextEvent<AppEvent>(ws, (e) => e.type === 'delivery' && e.state === 'delivered');
        const sent = await call<MessageInfo>('POST', `/api/conversations/${conversationOf(demo.contacts.jonas)}/messages`, { text: 'See you at ten' });
        assert.equal(sent.status, 200);
        assert.equal(sent.json.state, 'sending');
        assert.equal(sent.json.outgoing, true);
        const event = await delivered;
        assert.equal(event.type === 'delivery' && event.messageId, sent.json.id);

        const incoming = nextEvent<AppEvent>(ws, (e) => e.type === 'message' && !e.message.outgoing);
        demo.profile.receive(demo.contacts.priya, 'Proposal is in your inbox');
        const got = await incoming;
        assert.equal(got.type === 'message' && got.message.text, 'Proposal is in your inbox');
      } finally {
        ws.close();
      }
    },
    { autoDeliver: true },
  );
});

test('bad message bodies are refused before they reach the SDK', async () => {
  await withApp(async ({ app, demo, call, conversationOf }) => {
    const path = `/api/conversations/${conversationOf(demo.contacts.jonas)}/messages`;
    const count = demo.profile.messages.get(demo.profile.contacts.get(demo.contacts.jonas)!.conversationId)!.length;
    for (const body of [{}, { text: '' }, { text: '   ' }, { text: 42 }, { text: 'x'.repeat(60_001) }]) {
      assert.equal((await call('POST', path, body)).status, 400, JSON.stringify(body).slice(0, 40));
    }
    const cookie = sessionCookie(app.port, app.token);
    const headers = { Cookie: cookie, Origin: app.origin, 'Content-Type': 'application/json' };
    assert.equal((await rawRequest(app.port, { method: 'POST', path, headers, body: '{"text":' })).status, 400);
    assert.equal((await rawRequest(app.port, { method: 'POST', path, headers, body: JSON.stringify({ text: 'y'.repeat(300_000) }) })).status, 413);
    assert.equal((await call('GET', path.replace('messages', 'nothing'))).status, 404);
    assert.equal((await call('POST', '/api/conversations')).status, 405);
    assert.equal(demo.profile.messages.get(demo.profile.contacts.get(demo.contacts.jonas)!.conversationId)!.length, count);
  });
});

test('#12 a contact whose identity changed cannot be sent to until verified again; the safety number has digits and a QR code', async () => {
  await withApp(async ({ demo, call, conversationOf }) => {
    const contacts = await call<ContactInfo[]>('GET', '/api/contacts');
    assert.equal(contacts.json.find((c) => c.id === demo.contacts.tomas)?.identityChanged, true);
    const path = `/api/conversations/${conversationOf(demo.contacts.tomas)}/messages`;
    const blocked = await call<{ error: { code: string } }>('POST', path, { text: 'hello?' });
    assert.equal(blocked.status, 400);
    assert.equal(blocked.json.error.code, 'IDENTITY_CHANGED');

    const safety = await call<SafetyNumberResponse>('GET', `/api/contacts/${encodeURIComponent(demo.contacts.tomas)}/safety-number`);
    assert.equal(safety.status, 200);
    assert.match(safety.json.digits, /^\d{60}$/);
    assert.equal(safety.json.groups.join(''), safety.json.digits);
    assert.ok(safety.json.qr.size >= 21);
    assert.equal(safety.json.qr.rows.length, safety.json.qr.size);
    assert.ok(safety.json.qr.rows.every((r) => r.length === safety.json.qr.size && /^[01]+$/.test(r)));

    assert.equal((await call('POST', `/api/contacts/${encodeURIComponent(demo.contacts.tomas)}/verify`)).status, 200);
    assert.equal((await call('POST', path, { text: 'hello again' })).status, 200);
  });
});

test('invitations: create gives a link and its QR code; accept adds the contact; a bad link gets a typed error', async () => {
  await withApp(async ({ call }) => {
    const inv = await call<InvitationResponse>('POST', '/api/invitations');
    assert.equal(inv.status, 200);
    assert.match(inv.json.link, /^saltline:invite\//);
    assert.equal(inv.json.qr.rows.length, inv.json.qr.size);

    const bad = await call<{ error: { code: string } }>('POST', '/api/invitations/accept', { link: 'https://example.com', name: 'Eve' });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'BAD_INVITATION');
    const good = await call<ContactInfo>('POST', '/api/invitations/accept', { link: inv.json.link, name: 'Lea' });
    assert.equal(good.status, 200);
    assert.equal(good.json.name, 'Lea');
    assert.ok((await call<ConversationInfo[]>('GET', '/api/conversations')).json.some((c) => c.name === 'Lea'));
  });
});

test('search, display name and passphrase change go through to the SDK', async () => {
  await withApp(async ({ demo, call }) => {
    const hits = await call<MessageInfo[]>('GET', `/api/search?q=${encodeURIComponent('harbour walk')}`);
    assert.equal(hits.status, 200);
    assert.deepEqual(hits.json.map((m) => m.text), ['Are we still on for the harbour walk tomorrow?']);
    assert.equal((await call('GET', '/api/search?q=')).status, 400);
    assert.equal((await call('GET', `/api/search?q=${'a'.repeat(201)}`)).status, 400);

    const named = await call<ProfileInfo>('POST', '/api/profile/name', { name: '  Maya L.  ' });
    assert.equal(named.json.name, 'Maya L.');
    assert.equal((await call('POST', '/api/profile/name', { name: '   ' })).status, 400);

    const wrong = await call<{ error: { code: string } }>('POST', '/api/profile/passphrase', { oldPassphrase: 'nope', newPassphrase: 'new one' });
    assert.equal(wrong.json.error.code, 'WRONG_PASSPHRASE');
    assert.equal((await call('POST', '/api/profile/passphrase', { oldPassphrase: demo.profile.passphrase, newPassphrase: 'sea salt and ink' })).status, 200);
    assert.equal(demo.profile.passphrase, 'sea salt and ink');
  });
});

test('a backup downloads exactly once, with progress on the event socket', async () => {
  await withApp(async ({ app, call }) => {
    const ws = await openEvents(app.port, { Cookie: sessionCookie(app.port, app.token), Origin: app.origin });
    try {
      const progress = nextEvent<AppEvent>(ws, (e) => e.type === 'backupProgress' && e.done === e.total);
      const made = await call<BackupResponse>('POST', '/api/backups', { passphrase: 'backup pass' });
      assert.equal(made.status, 200);
      await progress;
      const path = `/api/backups/${made.json.downloadId}`;
      const cookie = sessionCookie(app.port, app.token);
      const first = await rawRequest(app.port, { path, headers: { Cookie: cookie } });
      assert.equal(first.status, 200);
      assert.match(String(first.headers['content-disposition']), /^attachment; filename="saltline-backup-/);
      assert.equal(Buffer.byteLength(first.body), made.json.size);
      assert.equal((await rawRequest(app.port, { path, headers: { Cookie: cookie } })).status, 404);
    } finally {
      ws.close();
    }
  });
});

test('lock closes the client, tells the page, and a new unlock opens the profile again', async () => {
  await withApp(async ({ app, demo, call }) => {
    const ws = await openEvents(app.port, { Cookie: sessionCookie(app.port, app.token), Origin: app.origin });
    try {
      const [client] = [...demo.profile.openClients];
      const locked = nextEvent<AppEvent>(ws, (e) => e.type === 'locked');
      assert.equal((await call('POST', '/api/lock')).status, 200);
      await locked;
      assert.equal(client?.closed, true);
      assert.equal((await call('GET', '/api/contacts')).status, 423);
      assert.equal((await call('POST', '/api/unlock', { passphrase: demo.profile.passphrase })).status, 200);
      assert.equal(demo.profile.opened, 2);
      assert.equal((await call('GET', '/api/contacts')).status, 200);
    } finally {
      ws.close();
    }
  });
});

test('a client handed over at start serves at once and is left open for its owner on close', async () => {
  const demo = demoProfile();
  const client = await demo.profile.open(demo.profile.passphrase);
  const app = await startAppForProfile({ openClient: () => Promise.reject(new Error('not expected')), client });
  try {
    const res = await apiCall(app.port, sessionCookie(app.port, app.token), 'GET', '/api/state');
    assert.equal((res.json as AppState).locked, false);
  } finally {
    await app.close();
  }
  assert.equal(client.closed, false);
  await client.close();
});
