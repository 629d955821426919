/**
 * A relay node's health endpoint (issue #9 item 5): `GET /healthz` on its own loopback port
 * answers 200 with a JSON summary when the node can serve, 503 when it cannot (for a load
 * balancer's health check). It tells counts only — never queue ids or envelope bytes.
 */
import { createServer } from 'node:http';
export async function startHealthServer(relay, port, host, probe) {
    const server = createServer((req, res) => {
        if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/healthz') {
            res.writeHead(404).end();
            return;
        }
        void (async () => {
            const store = relay.core.store.stats();
            let detail = { ok: true };
            try {
                if (probe)
                    detail = await probe();
            }
            catch (e) {
                detail = { ok: false, error: e instanceof Error ? e.message : String(e) };
            }
            const body = { ...detail, connections: relay.core.connectionCount, queues: store.queues, envelopes: store.envelopes };
            res.writeHead(detail.ok ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
        })();
    });
    await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            resolve();
        });
    });
    return {
        port: server.address().port,
        close: () => new Promise((resolve) => server.close(() => resolve())),
    };
}
//# sourceMappingURL=healthServer.js.map