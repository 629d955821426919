import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '../../client/client.js';
import { SaltlineError } from '../../crypto/errors.js';
import { startRelay } from '../../relay/wsServer.js';
import { startProfileApp } from '../../web/profileApp.js';
import { clientOptions, pwhashForNewProfiles, saltlineHome } from '../context.js';
import { runDemo as runProtocolDemo } from '../demo.js';
import { DEMO_FRIEND_NAME, DEMO_WELCOME, startDemoFriend } from '../demoFriend.js';
import { parsePort, serveUntilStopped } from './app.js';
/** The relay port a first run tries (next to the relay's own default, 5223); any free port if taken. */
const DEMO_RELAY_PORT = 5224;
const SETUP_TIMEOUT_MS = 20_000;
export class DemoError extends SaltlineError {
    constructor(message) {
        super('DEMO', message);
    }
}
export function demoDir() {
    return join(saltlineHome(), 'demo');
}
async function readState(dir) {
    try {
        const parsed = JSON.parse(await readFile(join(dir, 'demo.json'), 'utf8'));
        if (parsed.v === 1 && typeof parsed.passphrase === 'string' && parsed.passphrase !== '' && Number.isInteger(parsed.relayPort))
            return parsed;
    }
    catch {
        // Missing or damaged: the demo starts over.
    }
    return undefined;
}
function waitFor(client, match, what) {
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            off();
            reject(new DemoError(`the demo could not set itself up: ${what} did not happen within ${SETUP_TIMEOUT_MS / 1000} s`));
        }, SETUP_TIMEOUT_MS);
        const off = client.on((e) => {
            if (!match(e))
                return;
            clearTimeout(timer);
            off();
            resolve(e);
        });
    });
}
async function startDemoRelay(dir, port) {
    const dataDir = join(dir, 'relay');
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    try {
        return await startRelay({ dataDir, port: port ?? DEMO_RELAY_PORT });
    }
    catch (e) {
        if (e.code !== 'EADDRINUSE')
            throw e;
        if (port !== undefined) {
            throw new DemoError(`the demo relay's port ${port} is in use: is another \`saltline demo\` running? (\`saltline demo --reset\` starts over)`);
        }
        return startRelay({ dataDir, port: 0 });
    }
}
/**
 * First run: both profiles, and the invitation between them done the way two people would do it
 * (the friend invites, the user accepts); the friend's welcome is saved on the user's side.
 */
async function createProfiles(dir, passphrase, relay, name, closers) {
    const pwhash = pwhashForNewProfiles();
    const common = { relay, ...(pwhash ? { pwhash } : {}), ...clientOptions() };
    const me = await Client.create(join(dir, 'me'), passphrase, { name, ...common });
    closers.push(() => me.close());
    const friend = await Client.create(join(dir, 'friend'), passphrase, { name: DEMO_FRIEND_NAME, ...common });
    closers.push(() => friend.close());
    await me.start();
    await friend.start();
    const { link } = await friend.createInvitation();
    const joined = waitFor(friend, (e) => e.type === 'contact', 'the invitation');
    await me.acceptInvitation(link, DEMO_FRIEND_NAME);
    const { contact } = await joined;
    const welcomed = waitFor(me, (e) => e.type === 'message', 'the welcome message');
    await friend.send(contact.id, DEMO_WELCOME);
    await welcomed;
    return { me, friend };
}
export async function runWebDemo(options) {
    const dir = demoDir();
    if (options.reset === true)
        await rm(dir, { recursive: true, force: true });
    const saved = await readState(dir);
    if (saved === undefined) {
        // Leftovers of an interrupted first run are not worth keeping.
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir, { recursive: true, mode: 0o700 });
    }
    const passphrase = saved?.passphrase ?? `demo-${randomBytes(12).toString('base64url')}`;
    // Closed in reverse order on the way out, whatever happened.
    const closers = [];
    try {
        const relay = await startDemoRelay(dir, saved?.relayPort);
        closers.push(() => relay.close());
        let me;
        let friend;
        if (saved === undefined) {
            process.stderr.write('Setting up the demo (first run): a relay, your profile, and a contact to talk to…\n');
            ({ me, friend } = await createProfiles(dir, passphrase, relay.address, options.name ?? 'You', closers));
            const state = { v: 1, passphrase, relayPort: relay.port };
            await writeFile(join(dir, 'demo.json'), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
        }
        else {
            friend = await Client.open(join(dir, 'friend'), passphrase, clientOptions());
            closers.push(() => friend.close());
            me = await Client.open(join(dir, 'me'), passphrase, clientOptions());
            closers.push(() => me.close());
            await friend.start();
        }
        const stopFriend = startDemoFriend(friend);
        closers.push(stopFriend);
        const app = await startProfileApp({ profileDir: join(dir, 'me'), client: me, clientOptions: clientOptions(), ...(options.port === undefined ? {} : { port: options.port }) });
        closers.push(() => app.close());
        await serveUntilStopped(app, [
            '',
            'Saltline demo — everything runs on this computer:',
            `  relay:      ${relay.address}  (data in ${join(dir, 'relay')})`,
            `  you:        "${me.profile.name}", profile in ${join(dir, 'me')}`,
            `  contact:    "${DEMO_FRIEND_NAME}", a second profile in this process that answers your messages`,
            `  passphrase: ${passphrase}  (both demo profiles; for the unlock screen after "Lock now")`,
            '',
        ]);
    }
    finally {
        for (const close of closers.reverse())
            await close().catch(() => undefined);
    }
}
export function registerDemoCommand(program) {
    program
        .command('demo')
        .description('chat in the browser right away: a local relay, your demo profile and a demo contact (what `npm start` runs)')
        .option('--port <port>', 'web app port (default: any free port)', parsePort)
        .option('--name <name>', 'your name in the demo (first run only)')
        .option('--reset', 'start the demo over (deletes its profiles and relay data)')
        .option('--protocol', 'instead: walk through the protocol step by step in this terminal (no network, nothing saved)')
        .action(async (o) => {
        if (o.protocol === true)
            return runProtocolDemo();
        await runWebDemo(o);
    });
}
//# sourceMappingURL=demo.js.map