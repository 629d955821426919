/**
 * `saltline app` (issue 7) as a real process: it prints the URL with its secret on a stdout line
 * of its own, serves the profile locked until the unlock screen (or SALTLINE_PASSPHRASE) opens
 * it, is online once unlocked, and stops cleanly on SIGTERM/SIGINT, leaving the profile free.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Client } from '../../src/client/client.js';
import { cliEnv, runCli, URL_LINE } from './helpers/cli.js';
import { rawRequest } from './helpers/http.js';
import { startWorld, waitForEvent } from './helpers/people.js';
let world;
before(async () => {
    world = await startWorld();
});
after(async () => {
    await world.close();
});
/** A JSON call with the secret as a bearer token, the way a script would. */
async function call(url, method, path, body) {
    const { port, searchParams } = new URL(url);
    const res = await rawRequest(Number(port), {
        method,
        path,
        headers: { Authorization: `Bearer ${searchParams.get('token') ?? ''}`, ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}) },
        ...(method === 'POST' ? { body: JSON.stringify(body ?? {}) } : {}),
    });
    return { status: res.status, json: (res.body === '' ? undefined : JSON.parse(res.body)) };
}
function freePort() {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const { port } = server.address();
            server.close(() => resolve(port));
        });
    });
}
test('a missing profile or a bad port is one clear line on stderr and a non-zero exit', async () => {
    const missing = runCli(['--profile', join(world.dir, 'nobody'), 'app'], cliEnv());
    assert.equal(await missing.exited, 1);
    assert.equal(missing.stdout(), '');
    assert.match(missing.stderr(), /^saltline: no profile in .*nobody: create one with `saltline init/);
    assert.equal(missing.stderr().trim().split('\n').length, 1);
    const { dir } = await world.createProfile('Port Test');
    const badPort = runCli(['--profile', dir, 'app', '--port', 'eighty'], cliEnv());
    assert.notEqual(await badPort.exited, 0);
    assert.match(badPort.stderr(), /--port must be a number from 0 to 65535/);
});
test('locked at start: the unlock screen’s API opens the profile, which is then online; SIGTERM stops it cleanly', { timeout: 45_000 }, async () => {
    const { dir, passphrase } = await world.createProfile('Maya Lindqvist');
    const app = runCli(['--profile', dir, 'app'], cliEnv());
    try {
        const url = await app.line(URL_LINE);
        assert.equal(app.stdout(), `${url}\n`, 'the URL is alone on stdout');
        assert.equal((await call(url, 'GET', '/api/state')).json.locked, true);
        assert.equal((await call(url, 'POST', '/api/unlock', { passphrase: 'wrong' })).status, 401);
        assert.equal((await call(url, 'POST', '/api/unlock', { passphrase })).status, 200);
        // Online without any sync: Jonas accepts an invitation and then writes; both show up.
        const inv = await call(url, 'POST', '/api/invitations');
        const jonas = await world.person('Jonas Weber');
        const established = waitForEvent(jonas, (e) => e.type === 'contact' && e.contact.established, 'Maya’s answer');
        await jonas.acceptInvitation(inv.json.link, 'Maya');
        await established;
        await jonas.send('Maya', 'Hello from the other side');
        let last;
        for (let i = 0; i < 100 && last !== 'Hello from the other side'; i++) {
            last = (await call(url, 'GET', '/api/conversations')).json[0]?.lastMessage?.text;
            if (last !== 'Hello from the other side')
                await new Promise((r) => setTimeout(r, 100));
        }
        assert.equal(last, 'Hello from the other side');
    }
    finally {
        assert.equal(await app.stop('SIGTERM'), 0, app.stderr());
    }
    // The profile is closed and its lock released.
    const reopened = await Client.open(dir, passphrase);
    assert.deepEqual((await reopened.history('Jonas Weber')).map((m) => m.text), ['Hello from the other side']);
    await reopened.close();
});
test('SALTLINE_PASSPHRASE unlocks at start; --port chooses the port; SIGINT stops it', { timeout: 30_000 }, async () => {
    const { dir, passphrase } = await world.createProfile('Priya Raman');
    const port = await freePort();
    const app = runCli(['--profile', dir, 'app', '--port', String(port)], cliEnv({ SALTLINE_PASSPHRASE: passphrase }));
    try {
        const url = await app.line(URL_LINE);
        assert.equal(new URL(url).port, String(port));
        const state = await call(url, 'GET', '/api/state');
        assert.equal(state.json.locked, false);
        assert.equal(state.json.profile?.name, 'Priya Raman');
        assert.equal(state.json.profileDir, dir);
    }
    finally {
        assert.equal(await app.stop('SIGINT'), 0);
    }
});
//# sourceMappingURL=appCommand.test.js.map