/**
 * A minimal TCP load balancer for tests (issue #9 item 2): one loopback port standing for several
 * relay nodes. Each new connection goes to the first backend, in the given order, that accepts
 * it — so a client whose node died reconnects to the next one without knowing of it.
 */
import { connect, createServer } from 'node:net';
export async function startTcpFailover(backendPorts) {
    const sockets = new Set();
    const track = (s) => {
        sockets.add(s);
        s.once('close', () => sockets.delete(s));
    };
    const server = createServer((client) => {
        track(client);
        client.pause();
        const attempt = (i) => {
            const port = backendPorts[i];
            if (port === undefined) {
                client.destroy();
                return;
            }
            const upstream = connect(port, '127.0.0.1');
            let connected = false;
            upstream.once('error', () => {
                if (!connected)
                    attempt(i + 1);
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
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    return {
        port,
        close: async () => {
            for (const s of sockets)
                s.destroy();
            await new Promise((resolve) => server.close(() => resolve()));
        },
    };
}
//# sourceMappingURL=tcpFailover.js.map