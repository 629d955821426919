/**
 * `node dist/src/relay/main.js --port N --data DIR [--host H] [--no-tls] [--expiry-days D]
 *  [--store embedded|memory|nats] [--nats URL,URL,…] [--nats-prefix P] [--health-port N]`
 * (issues #4, #9): runs a relay until SIGTERM/SIGINT. The first line of stdout is the relay
 * address; with --health-port the second is the health URL. Events go to stderr as JSON lines,
 * never with queue ids or envelope bytes.
 *
 * With `--store nats` the node keeps its queues in a NATS JetStream cluster and is stateless:
 * DIR then holds only the TLS key and the NATS operator key, which every node of one relay shares.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { startHealthServer } from './healthServer.js';
import { parseNatsServers } from './natsConfig.js';
import { loadOrCreateNatsKey } from './natsNaming.js';
import { NatsQueueStore } from './natsQueueStore.js';
import { startRelay } from './wsServer.js';
const log = (event, fields) => {
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), event, ...fields })}\n`);
};
/** Runs a relay with command-line `args` (also `saltline relay …`) until SIGTERM/SIGINT. */
export async function runRelay(args) {
    const { values } = parseArgs({
        args,
        options: {
            port: { type: 'string', default: '5223' },
            data: { type: 'string' },
            host: { type: 'string', default: '127.0.0.1' },
            'no-tls': { type: 'boolean', default: false },
            'expiry-days': { type: 'string' },
            store: { type: 'string', default: 'embedded' },
            nats: { type: 'string' },
            'nats-prefix': { type: 'string', default: 'saltline' },
            'health-port': { type: 'string' },
        },
        strict: true,
    });
    if (values.data === undefined)
        throw new Error('--data DIR is required');
    const port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error('--port must be 0..65535');
    const expiryDays = values['expiry-days'] === undefined ? undefined : Number(values['expiry-days']);
    if (expiryDays !== undefined && !(expiryDays > 0))
        throw new Error('--expiry-days must be positive');
    const healthPort = values['health-port'] === undefined ? undefined : Number(values['health-port']);
    if (healthPort !== undefined && (!Number.isInteger(healthPort) || healthPort < 0 || healthPort > 65535))
        throw new Error('--health-port must be 0..65535');
    if (!['embedded', 'memory', 'nats'].includes(values.store))
        throw new Error('--store must be embedded, memory or nats');
    if ((values.store === 'nats') !== (values.nats !== undefined))
        throw new Error('--nats URLS goes with --store nats');
    let probe;
    let store = values.store === 'memory' ? 'memory' : 'embedded';
    if (values.store === 'nats') {
        const key = await loadOrCreateNatsKey(values.data);
        const nats = await NatsQueueStore.open(key, { servers: parseNatsServers(values.nats), log, connectionName: `saltline-relay:${port}` }, values['nats-prefix']);
        key.wipe();
        store = nats;
        probe = async () => ({ store: 'nats', ...(await nats.health()) });
    }
    const relay = await startRelay({
        dataDir: values.data,
        port,
        host: values.host,
        tls: !values['no-tls'],
        store,
        core: { log, ...(expiryDays === undefined ? {} : { expiryMs: expiryDays * 24 * 3600 * 1000 }) },
    });
    process.stdout.write(`${relay.address}\n`);
    const health = healthPort === undefined ? undefined : await startHealthServer(relay, healthPort, values.host, probe);
    if (health)
        process.stdout.write(`http://${values.host}:${health.port}/healthz\n`);
    const stop = () => {
        // Everything acknowledged is already durable: if closing stalls (a client that never lets
        // go), exiting anyway loses nothing.
        setTimeout(() => process.exit(1), 5_000).unref();
        Promise.all([relay.close(), health?.close()]).then(() => process.exit(0), () => process.exit(1));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
}
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
    runRelay(process.argv.slice(2)).catch((e) => {
        process.stderr.write(`saltline relay: ${e instanceof Error ? e.message : String(e)}\n`);
        process.exit(1);
    });
}
//# sourceMappingURL=main.js.map