/**
 * Runs the real `saltline` binary (bin/saltline.js) as a child process for the `app` and `demo`
 * command tests: its stdout and stderr are collected, and `line(re)` waits for a stdout line.
 */
import { spawn } from 'node:child_process';
/** The environment for a child: test-speed key derivation, no passphrase unless given. */
export function cliEnv(extra = {}) {
    const env = { ...process.env, SALTLINE_INSECURE_TEST_KDF: '1', SALTLINE_CONNECT_TIMEOUT_MS: '3000', ...extra };
    if (extra.SALTLINE_PASSPHRASE === undefined)
        delete env.SALTLINE_PASSPHRASE;
    return env;
}
export function runCli(args, env) {
    const child = spawn(process.execPath, ['bin/saltline.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const waiters = new Set();
    child.stdout.on('data', (c) => {
        out += c.toString('utf8');
        for (const w of waiters)
            w();
    });
    child.stderr.on('data', (c) => (err += c.toString('utf8')));
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
    return {
        child,
        stdout: () => out,
        stderr: () => err,
        exited,
        line: (re, ms = 30_000) => new Promise((resolve, reject) => {
            const check = () => {
                const found = out.split('\n').find((l) => re.test(l));
                if (found === undefined)
                    return;
                done();
                resolve(found);
            };
            const timer = setTimeout(() => {
                done();
                reject(new Error(`no stdout line matching ${re} within ${ms} ms; stderr: ${err}`));
            }, ms);
            void exited.then(() => {
                check();
                done();
                reject(new Error(`saltline ended without a stdout line matching ${re}; stderr: ${err}`));
            });
            const done = () => {
                clearTimeout(timer);
                waiters.delete(check);
            };
            waiters.add(check);
            check();
        }),
        stop: async (signal = 'SIGTERM', ms = 15_000) => {
            if (child.exitCode === null && child.signalCode === null)
                child.kill(signal);
            const timer = setTimeout(() => child.kill('SIGKILL'), ms);
            try {
                return await exited;
            }
            finally {
                clearTimeout(timer);
            }
        },
    };
}
export const URL_LINE = /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/;
//# sourceMappingURL=cli.js.map