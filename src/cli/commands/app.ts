/**
 * `saltline app [--port P]` (issue 7): serves the local web app for the current profile on
 * 127.0.0.1 until SIGTERM/SIGINT. The URL with its secret is printed on a line of its own on
 * stdout; the page's unlock screen opens the profile (or SALTLINE_PASSPHRASE, when set, unlocks
 * it at start).
 */
import type { Command } from 'commander';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ProfileNotFoundError } from '../../store/index.js';
import { HEADER_FILE } from '../../store/header.js';
import { startProfileApp } from '../../web/profileApp.js';
import type { WebApp } from '../../web/server.js';
import { clientOptions, profileDir, UsageError, type GlobalOptions } from '../context.js';

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`);
  return port;
}

/** Resolves on the first SIGTERM or SIGINT. */
export function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}

/** Prints the URL (alone on its stdout line, for people and scripts) and serves until stopped. */
export async function serveUntilStopped(app: WebApp, lines: readonly string[] = []): Promise<void> {
  const stopped = untilStopped();
  for (const line of lines) process.stderr.write(`${line}\n`);
  process.stderr.write('Open this address in your browser (it holds the secret that lets you in):\n');
  process.stdout.write(`${app.url}\n`);
  process.stderr.write('Press Ctrl-C to stop.\n');
  await stopped;
  await app.close();
}

export function registerAppCommand(program: Command, globals: () => GlobalOptions): void {
  program
    .command('app')
    .description('serve the web app for this profile on 127.0.0.1 (prints its address)')
    .option('--port <port>', 'port to listen on (default: any free port)', parsePort)
    .action(async (o: { port?: number }) => {
      const dir = profileDir(globals());
      await access(join(dir, HEADER_FILE)).catch(() => {
        throw new ProfileNotFoundError();
      });
      const passphrase = process.env.SALTLINE_PASSPHRASE;
      const app = await startProfileApp({
        profileDir: dir,
        clientOptions: clientOptions(),
        ...(o.port === undefined ? {} : { port: o.port }),
        ...(passphrase === undefined || passphrase === '' ? {} : { passphrase }),
      });
      await serveUntilStopped(app, [`Saltline web app for the profile in ${dir}`]);
    });
}
