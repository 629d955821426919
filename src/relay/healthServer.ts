/**
 * A relay node's health endpoint (issue #9 item 5): `GET /healthz` on its own loopback port
 * answers 200 with a JSON summary when the node can serve, 503 when it cannot (for a load
 * balancer's health check). It tells counts only — never queue ids or envelope bytes.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningRelay } from './wsServer.js';

export type HealthProbe = () => Promise<{ ok: boolean } & Record<string, unknown>>;

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(relay: RunningRelay, port: number, host: string, probe?: HealthProbe): Promise<HealthServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/healthz') {
      res.writeHead(404).end();
      return;
    }
    void (async () => {
      const store = relay.core.store.stats();
      let detail: { ok: boolean } & Record<string, unknown> = { ok: true };
      try {
        if (probe) detail = await probe();
      } catch (e) {
        detail = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      const body = { ...detail, connections: relay.core.connectionCount, queues: store.queues, envelopes: store.envelopes };
      res.writeHead(detail.ok ? 200 : 503, { 'content-type': 'application/json' }).end(`${JSON.stringify(body)}\n`);
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
