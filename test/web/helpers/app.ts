/**
 * Starts the local web app for a test and tears it down (issue 7 tests). Works with any
 * `openClient`: today the stub profile (stubClient.ts), later the real `Client.open(dir, pass)`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChatClient } from '../../../src/client/types.js';
import { startWebApp, type WebApp } from '../../../src/web/server.js';

export interface TestApp extends WebApp {
  /** The secret from the printed URL. */
  readonly token: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly profileDir: string;
}

export interface StartAppOptions {
  readonly openClient: (passphrase: string) => Promise<ChatClient>;
  readonly client?: ChatClient;
  /** A profile folder to serve; default: a fresh temporary folder, removed on close. */
  readonly profileDir?: string;
  readonly uiDir?: string;
}

export async function startAppForProfile(options: StartAppOptions): Promise<TestApp> {
  const ownDir = options.profileDir === undefined;
  const profileDir = options.profileDir ?? (await mkdtemp(join(tmpdir(), 'saltline-web-test-')));
  const errors: unknown[] = [];
  const app = await startWebApp({
    profileDir,
    openClient: options.openClient,
    ...(options.client === undefined ? {} : { client: options.client }),
    ...(options.uiDir === undefined ? {} : { uiDir: options.uiDir }),
    onError: (err) => errors.push(err),
  });
  const url = new URL(app.url);
  return {
    url: app.url,
    port: app.port,
    token: url.searchParams.get('token') ?? '',
    origin: url.origin,
    profileDir,
    close: async () => {
      await app.close();
      if (ownDir) await rm(profileDir, { recursive: true, force: true });
      // An unexpected server error is a test failure even when the page coped with it.
      if (errors.length > 0) throw new AggregateError(errors, 'the web app reported unexpected errors');
    },
  };
}
