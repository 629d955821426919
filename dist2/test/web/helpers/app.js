import { startProfileApp } from '../../../src/web/profileApp.js';
import { startWebApp } from '../../../src/web/server.js';
import { FAST } from './people.js';
function wrap(app, errors) {
    const url = new URL(app.url);
    return {
        url: app.url,
        port: app.port,
        token: url.searchParams.get('token') ?? '',
        origin: url.origin,
        close: async () => {
            await app.close();
            // An unexpected server error is a test failure even when the page coped with it.
            if (errors.length > 0)
                throw new AggregateError(errors, 'the web app reported unexpected errors');
        },
    };
}
/** A profile folder served as `saltline app` serves it: locked unless `passphrase` is given. */
export async function serveProfile(profileDir, options = {}) {
    const errors = [];
    const app = await startProfileApp({ profileDir, clientOptions: FAST, ...options, onError: (err) => errors.push(err) });
    return wrap(app, errors);
}
/** A client the test keeps (and closes), served unlocked; there is nothing to unlock it with again. */
export async function serveClient(client, profileDir = '/home/maya/.saltline/profile') {
    const errors = [];
    const app = await startWebApp({
        profileDir,
        client,
        openClient: () => Promise.reject(new Error('this test app cannot be unlocked again')),
        onError: (err) => errors.push(err),
    });
    return wrap(app, errors);
}
//# sourceMappingURL=app.js.map