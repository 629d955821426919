import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { ProfileNotFoundError } from '../../store/index.js';
import { HEADER_FILE } from '../../store/header.js';
import { startProfileApp } from '../../web/profileApp.js';
import { clientOptions, profileDir, UsageError } from '../context.js';
export function parsePort(value) {
    const port = Number(value);
    if (!/^\d{1,5}$/.test(value) || port > 65535)
        throw new UsageError(`--port must be a number from 0 to 65535, not "${value}"`);
    return port;
}
/** Resolves on the first SIGTERM or SIGINT. */
export function untilStopped() {
    return new Promise((resolve) => {
        const stop = () => {
            process.off('SIGTERM', stop);
            process.off('SIGINT', stop);
            resolve();
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
    });
}
/** Prints the URL (alone on its stdout line, for people and scripts) and serves until stopped. */
export async function serveUntilStopped(app, lines = []) {
    const stopped = untilStopped();
    for (const line of lines)
        process.stderr.write(`${line}\n`);
    process.stderr.write('Open this address in your browser (it holds the secret that lets you in):\n');
    process.stdout.write(`${app.url}\n`);
    process.stderr.write('Press Ctrl-C to stop.\n');
    await stopped;
    await app.close();
}
export function registerAppCommand(program, globals) {
    program
        .command('app')
        .description('serve the web app for this profile on 127.0.0.1 (prints its address)')
        .option('--port <port>', 'port to listen on (default: any free port)', parsePort)
        .action(async (o) => {
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
//# sourceMappingURL=app.js.map