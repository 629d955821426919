/**
 * The web app's group API (src/web/groupRoutes.ts, issue 7 item 1 "groups") and the event
 * socket's greeting with the relay state, over the real SDK: Maya's client served by the app,
 * Jonas and Priya SDK clients on a relay on 127.0.0.1 (Jonas with an app of his own too).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Client } from '../../src/client/client.js';
import type { ConversationInfo, MessageInfo } from '../../src/client/types.js';
import type { AppEvent, GroupMemberView, GroupView } from '../../src/web/apiTypes.js';
import { serveClient, type TestApp } from './helpers/app.js';
import { WebSocket } from 'ws';
import { apiCall, rawRequest, sessionCookie } from './helpers/http.js';
import { eventually, introduce, startWorld, waitForEvent, type TestWorld } from './helpers/people.js';

type ApiError = { error: { code: string; message: string } };

let world: TestWorld;
let maya: Client;
let jonas: Client;
let priya: Client;
let jonasId: string;
let priyaId: string;
let mayaApp: TestApp;
let jonasApp: TestApp;

before(async () => {
  world = await startWorld();
  maya = await world.person('Maya Lindqvist');
  jonas = await world.person('Jonas Weber');
  priya = await world.person('Priya Raman');
  jonasId = (await introduce(maya, jonas, 'Maya')).onInviter.id;
  priyaId = (await introduce(maya, priya, 'Maya')).onInviter.id;
  await maya.markVerified(jonasId);
  mayaApp = await serveClient(maya);
  jonasApp = await serveClient(jonas);
});

after(async () => {
  await mayaApp.close();
  await jonasApp.close();
  await world.close();
});

function call<T>(app: TestApp, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
  return apiCall(app.port, sessionCookie(app.port, app.token), method, path, body) as Promise<{ status: number; json: T }>;
}

const seg = encodeURIComponent;


test('#24 group requests without the secret, from a foreign Origin or with a rebinding Host get 403 and change nothing', { timeout: 30_000 }, async () => {
  const cookie = sessionCookie(mayaApp.port, mayaApp.token);
  const body = JSON.stringify({ name: 'Forged', members: [jonasId] });
  const json = { 'Content-Type': 'application/json' };
  const attempts: Record<string, string>[] = [
    { ...json, Origin: mayaApp.origin },
    { ...json, Cookie: `saltline_${mayaApp.port}=${'A'.repeat(43)}`, Origin: mayaApp.origin },
    { ...json, Cookie: cookie, Origin: 'http://evil.example' },
    { ...json, Cookie: cookie, Origin: 'http://evil.example', Host: `evil.example:${mayaApp.port}` },
  ];
  for (const headers of attempts) {
    const res = await rawRequest(mayaApp.port, { method: 'POST', path: '/api/groups', headers, body });
    assert.equal(res.status, 403, JSON.stringify(headers));
    assert.equal((await rawRequest(mayaApp.port, { path: '/api/groups', headers })).status, 403);
  }
  assert.deepEqual(await maya.groups(), []);
});

test('bad group requests are refused before they reach the SDK, and change nothing', { timeout: 30_000 }, async () => {
  const bad: [string, unknown][] = [
    ['/api/groups', { name: '   ', members: [] }],
    ['/api/groups', { name: 'Crew' }],
    ['/api/groups', { name: 'Crew', members: 'Jonas Weber' }],
    ['/api/groups', { name: 'x'.repeat(101), members: [] }],
    ['/api/groups', { name: 'Crew', members: Array.from({ length: 101 }, (_, i) => `c${i}`) }],
    ['/api/groups', { name: 'Crew', members: [''] }],
  ];
  for (const [path, body] of bad) {
    const res = await call<ApiError>(mayaApp, 'POST', path, body);
    assert.equal(res.status, 400, JSON.stringify(body).slice(0, 80));
    assert.equal(res.json.error.code, 'BAD_REQUEST');
  }
  const unknown = await call<ApiError>(mayaApp, 'POST', '/api/groups', { name: 'Crew', members: ['no such contact'] });
  assert.equal(unknown.status, 400);
  assert.equal(unknown.json.error.code, 'UNKNOWN_CONTACT');
  const noGroup = await call<ApiError>(mayaApp, 'GET', '/api/groups/nope/members');
  assert.equal(noGroup.status, 400);
  assert.equal(noGroup.json.error.code, 'UNKNOWN_GROUP');
  assert.deepEqual((await call<GroupView[]>(mayaApp, 'GET', '/api/groups')).json, []);
  assert.deepEqual(await maya.groups(), []);
});

test('create, members with roles and verification, add, send, remove and leave go through to the SDK', { timeout: 45_000 }, async () => {
  const created = await call<GroupView>(mayaApp, 'POST', '/api/groups', { name: ' Harbour walk ', members: [jonasId, jonasId] });
  assert.equal(created.status, 200);
  assert.deepEqual({ ...created.json, id: '' }, { id: '', name: 'Harbour walk', members: 2, role: 'admin' });
  const id = seg(created.json.id);
  const listed = (await call<ConversationInfo[]>(mayaApp, 'GET', '/api/conversations')).json;
  assert.equal(listed.find((c) => c.id === created.json.id)?.kind, 'group');

  const added = await call<GroupView>(mayaApp, 'POST', `/api/groups/${id}/members`, { member: priyaId });
  assert.equal(added.json.members, 3);
  const members = (await call<GroupMemberView[]>(mayaApp, 'GET', `/api/groups/${id}/members`)).json;
  const summary = members.map((m) => [m.name, m.role, m.self, m.verified, m.contactId !== undefined]);
  assert.deepEqual(summary, [
    ['you', 'admin', true, false, false],
    ['Jonas Weber', 'member', false, true, true],
    ['Priya Raman', 'member', false, false, true],
  ]);
  assert.equal(members.find((m) => m.name === 'Jonas Weber')?.contactId, jonasId);

  // Members meet when one of them first writes to the group (lazy keys, docs/groups.md): Priya says hello.
  await eventually('Priya joins', async () => (await priya.groups()).length === 1);
  await priya.send('Harbour walk', 'Hello from Priya');
  // Jonas's app: the group appears once the welcome arrived, and Priya's name once she introduced herself.
  let jonasView: GroupMemberView[] = [];
  await eventually('Jonas joins and meets Priya', async () => {
    const res = await call<GroupMemberView[] | ApiError>(jonasApp, 'GET', `/api/groups/${id}/members`);
    if (res.status !== 200) return false;
    jonasView = res.json as GroupMemberView[];
    return jonasView.some((m) => m.name === 'Priya Raman');
  });
  assert.deepEqual(
    jonasView.map((m) => [m.name, m.role, m.contactId !== undefined]),
    [
      ['you', 'member', false],
      ['Maya', 'admin', true],
      ['Priya Raman', 'member', false],
    ],
  );
  const refused = await call<ApiError>(jonasApp, 'POST', `/api/groups/${id}/remove`, { member: members.find((m) => m.name === 'Priya Raman')!.identityKey });
  assert.equal(refused.status, 400);
  assert.equal((await maya.groupMembers(created.json.id)).length, 3);

  const got = waitForEvent(jonas, (e) => e.type === 'message' && e.message.text === 'Thermos?', 'the group message');
  const sent = await call<MessageInfo>(mayaApp, 'POST', `/api/conversations/${id}/messages`, { text: 'Thermos?' });
  assert.equal(sent.status, 200);
  await got;

  const priyaKey = members.find((m) => m.name === 'Priya Raman')!.identityKey;
  const removed = await call<GroupView>(mayaApp, 'POST', `/api/groups/${id}/remove`, { member: priyaKey });
  assert.equal(removed.json.members, 2);
  const again = await call<ApiError>(mayaApp, 'POST', `/api/groups/${id}/remove`, { member: priyaKey });
  assert.equal(again.json.error.code, 'NOT_A_MEMBER');

  const left = await call<GroupView>(jonasApp, 'POST', `/api/groups/${id}/leave`);
  assert.equal(left.json.role, 'left');
  const afterLeaving = await call<ApiError>(jonasApp, 'POST', `/api/conversations/${id}/messages`, { text: 'still here?' });
  assert.equal(afterLeaving.status, 400);
  assert.equal(afterLeaving.json.error.code, 'NOT_A_MEMBER');
  await eventually('Maya hears that Jonas left', async () => (await call<GroupMemberView[]>(mayaApp, 'GET', `/api/groups/${id}/members`)).json.length === 1);
});

test('a page that opens the event socket is told at once whether the relay is reachable', { timeout: 15_000 }, async () => {
  // Listening from the start: the greeting may arrive in the same packet as the upgrade's answer.
  const ws = new WebSocket(`ws://127.0.0.1:${mayaApp.port}/api/events`, {
    headers: { Host: `127.0.0.1:${mayaApp.port}`, Cookie: sessionCookie(mayaApp.port, mayaApp.token), Origin: mayaApp.origin },
  });
  try {
    const first = await new Promise<AppEvent>((resolve, reject) => {
      ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')) as AppEvent));
      ws.once('error', reject);
    });
    assert.deepEqual(first, { type: 'connection', online: true });
  } finally {
    ws.close();
  }
});
