/**
 * What every `saltline` command shares (issue 5): where the profile is (`--profile`, else
 * `SALTLINE_PROFILE`, else ~/.saltline/profile), how the passphrase is read (`SALTLINE_PASSPHRASE`
 * or a hidden prompt, never an argument: arguments show in `ps`), opening the client, and
 * printing (one JSON document with `--json`, plain lines otherwise).
 */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { Client } from '../client/index.js';
import { SaltlineError } from '../crypto/errors.js';
import { PWHASH_LIMITS } from '../crypto/pwhash.js';
export class UsageError extends SaltlineError {
    constructor(message) {
        super('USAGE', message);
    }
}
export function saltlineHome() {
    return process.env.SALTLINE_HOME ?? join(homedir(), '.saltline');
}
export function profileDir(options) {
    return resolve(options.profile ?? process.env.SALTLINE_PROFILE ?? join(saltlineHome(), 'profile'));
}
/** Reads a line from the terminal without echoing it. */
export async function promptHidden(question) {
    if (!process.stdin.isTTY)
        throw new UsageError('no passphrase: set SALTLINE_PASSPHRASE or run in a terminal');
    let muted = false;
    const output = new Writable({
        write(chunk, _encoding, done) {
            if (!muted)
                process.stderr.write(chunk);
            done();
        },
    });
    const rl = createInterface({ input: process.stdin, output, terminal: true });
    try {
        const answer = new Promise((res) => rl.question(question, res));
        muted = true;
        const line = await answer;
        process.stderr.write('\n');
        return line;
    }
    finally {
        rl.close();
    }
}
export async function readPassphrase(options = {}) {
    const fromEnv = process.env[options.env ?? 'SALTLINE_PASSPHRASE'];
    if (fromEnv !== undefined && fromEnv !== '')
        return fromEnv;
    const what = options.what ?? 'Passphrase';
    const first = await promptHidden(`${what}: `);
    if (first === '')
        throw new UsageError('the passphrase is empty');
    if (options.confirm && (await promptHidden(`${what} again: `)) !== first)
        throw new UsageError('the passphrases differ');
    return first;
}
/**
 * Argon2id limits for new profiles. `SALTLINE_INSECURE_TEST_KDF=1` selects the minimum, only so
 * that test suites creating dozens of profiles stay fast; never use it for a real profile.
 */
export function pwhashForNewProfiles() {
    return process.env.SALTLINE_INSECURE_TEST_KDF === '1' ? PWHASH_LIMITS.min : undefined;
}
export function clientOptions() {
    const ms = Number(process.env.SALTLINE_CONNECT_TIMEOUT_MS);
    return Number.isFinite(ms) && ms > 0 ? { connectTimeoutMs: ms } : {};
}
export async function openClient(options) {
    const dir = profileDir(options);
    return Client.open(dir, await readPassphrase(), clientOptions());
}
/** Opens the profile, runs `work`, and always closes it. */
export async function withClient(options, work) {
    const client = await openClient(options);
    try {
        return await work(client);
    }
    finally {
        await client.close();
    }
}
export function printJson(value) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
export function print(line = '') {
    process.stdout.write(`${line}\n`);
}
export function formatTime(ms) {
    const d = new Date(ms);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
//# sourceMappingURL=context.js.map