/**
 * A minimal TCP load balancer for tests (issue #9 item 2): one loopback port standing for several
 * relay nodes. Each new connection goes to the first backend, in the given order, that accepts
 * it — so a client whose node died reconnects to the next one without knowing of it.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface TcpFailover {
  readonly port: number;
  close(): Promise<void>;
}

export async function startTcpFailover(backendPorts: readonly number[]): Promise<TcpFailover> {
  const sockets = new Set<Socket>();
  const track = (s: Socket): void => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  };
  const server: Server = createServer((client) => {
    track(client);
    client.pause();
    const attempt = (i: number): void => {
      const port = backendPorts[i];
      if (port === undefined) {
        client.destroy();
        return;
      }
      const upstream = connect(port, '127.0.0.1');
      let connected = false;
      upstream.once('error', () => {
        if (!connected) attempt(i + 1);
      });
      upstream.once('connect', () => {
        connected = true;
        track(upstream);
        upstream.on('error', () => client.destroy());
        client.on('error', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.once('close', () => upstream.destroy());
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    attempt(0);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
