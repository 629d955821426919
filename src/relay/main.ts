/**
 * `node dist/src/relay/main.js --port N --data DIR [--host H] [--no-tls] [--expiry-days D]`
 * (issue #4): runs a relay until SIGTERM/SIGINT. The first line of stdout is the relay address;
 * events go to stderr as JSON lines, never with queue ids or envelope bytes.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { RelayLogger } from './config.js';
import { startRelay } from './wsServer.js';

const log: RelayLogger = (event, fields) => {
  process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), event, ...fields })}\n`);
};

/** Runs a relay with command-line `args` (also `saltline relay …`) until SIGTERM/SIGINT. */
export async function runRelay(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: '5223' },
      data: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      'no-tls': { type: 'boolean', default: false },
      'expiry-days': { type: 'string' },
    },
    strict: true,
  });
  if (values.data === undefined) throw new Error('--data DIR is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
  const expiryDays = values['expiry-days'] === undefined ? undefined : Number(values['expiry-days']);
  if (expiryDays !== undefined && !(expiryDays > 0)) throw new Error('--expiry-days must be positive');
  const relay = await startRelay({
    dataDir: values.data,
    port,
    host: values.host,
    tls: !values['no-tls'],
    core: { log, ...(expiryDays === undefined ? {} : { expiryMs: expiryDays * 24 * 3600 * 1000 }) },
  });
  process.stdout.write(`${relay.address}\n`);
  const stop = (): void => {
    relay.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runRelay(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`saltline relay: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
