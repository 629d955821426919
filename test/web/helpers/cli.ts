/**
 * Runs the real `saltline` binary (bin/saltline.js) as a child process for the `app` and `demo`
 * command tests: its stdout and stderr are collected, and `line(re)` waits for a stdout line.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface CliRun {
  readonly child: ChildProcess;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** The first stdout line matching `re` (rejects if the process ends first or after `ms`). */
  line(re: RegExp, ms?: number): Promise<string>;
  /** Resolves with the exit code (or the signal's name) when the process has ended. */
  readonly exited: Promise<number | string>;
  /** Sends `signal` and waits for the exit; kills after `ms` so a test never hangs. */
  stop(signal?: NodeJS.Signals, ms?: number): Promise<number | string>;
}

/** The environment for a child: test-speed key derivation, no passphrase unless given. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, SALTLINE_INSECURE_TEST_KDF: '1', SALTLINE_CONNECT_TIMEOUT_MS: '3000', ...extra };
  if (extra.SALTLINE_PASSPHRASE === undefined) delete env.SALTLINE_PASSPHRASE;
  return env;
}

export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, ['bin/saltline.js', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    for (const w of waiters) w();
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    line: (re, ms = 30_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const found = out.split('\n').find((l) => re.test(l));
          if (found === undefined) return;
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
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
    stop: async (signal = 'SIGTERM', ms = 15_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export const URL_LINE = /^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/;
