/**
 * Starts the local web app for a test and tears it down (issue 7 tests): either over a profile
 * folder exactly as `saltline app` serves it (`startProfileApp`), or over a client the test holds.
 * An unexpected server error fails the test when the app closes.
 */
import type { Client } from '../../../src/client/client.js';
import { startProfileApp } from '../../../src/web/profileApp.js';
import { startWebApp, type WebApp } from '../../../src/web/server.js';
import { FAST } from './people.js';

export interface TestApp extends WebApp {
  /** The secret from the printed URL. */
  readonly token: string;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
}

function wrap(app: WebApp, errors: unknown[]): TestApp {
  const url = new URL(app.url);
  return {
    url: app.url,
    port: app.port,
    token: url.searchParams.get('token') ?? '',
    origin: url.origin,
    close: async () => {
      await app.close();
      // An unexpected server error is a test failure even when the page coped with it.
      if (errors.length > 0) throw new AggregateError(errors, 'the web app reported unexpected errors');
    },
  };
}

/** A profile folder served as `saltline app` serves it: locked unless `passphrase` is given. */
export async function serveProfile(profileDir: string, options: { passphrase?: string } = {}): Promise<TestApp> {
  const errors: unknown[] = [];
  const app = await startProfileApp({ profileDir, clientOptions: FAST, ...options, onError: (err) => errors.push(err) });
  return wrap(app, errors);
}

/** A client the test keeps (and closes), served unlocked; there is nothing to unlock it with again. */
export async function serveClient(client: Client, profileDir = '/home/maya/.saltline/profile'): Promise<TestApp> {
  const errors: unknown[] = [];
  const app = await startWebApp({
    profileDir,
    client,
    openClient: () => Promise.reject(new Error('this test app cannot be unlocked again')),
    onError: (err) => errors.push(err),
  });
  return wrap(app, errors);
}
