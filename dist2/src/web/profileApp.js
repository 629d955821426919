/**
 * The web app over one profile folder (issue 7): what `saltline app` and `saltline demo` run.
 * The profile opens with the passphrase typed on the unlock screen (or one given up front), and
 * every opened client is put online (`start()`), so messages arrive live and delivery states move
 * while the page is open. `close()` stops the server and closes whatever client is open.
 *
 *   const app = await startProfileApp({ profileDir: '/home/maya/.saltline/profile' });
 *   console.log(app.url);
 */
import { Client } from '../client/client.js';
import { startWebApp } from './server.js';
export async function startProfileApp(options) {
    const open = async (passphrase) => {
        const client = await Client.open(options.profileDir, passphrase, options.clientOptions);
        try {
            await client.start();
        }
        catch (err) {
            await client.close();
            throw err;
        }
        return client;
    };
    const first = options.client ?? (options.passphrase === undefined ? undefined : await open(options.passphrase));
    if (options.client !== undefined)
        await options.client.start();
    let app;
    try {
        app = await startWebApp({
            profileDir: options.profileDir,
            openClient: open,
            ...(first === undefined ? {} : { client: first }),
            ...(options.port === undefined ? {} : { port: options.port }),
            ...(options.uiDir === undefined ? {} : { uiDir: options.uiDir }),
            ...(options.onError === undefined ? {} : { onError: options.onError }),
        });
    }
    catch (err) {
        await first?.close();
        throw err;
    }
    return {
        url: app.url,
        port: app.port,
        close: async () => {
            await app.close();
            // The session closes clients opened on the unlock screen; the first one is ours (closing twice is harmless).
            await first?.close();
        },
    };
}
//# sourceMappingURL=profileApp.js.map