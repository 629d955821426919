/**
 * For the tests' man-in-the-middle relay proxies: a client's WebSocket and the proxy's own
 * connection to the real relay live and die together (either one closing or failing ends both).
 */
import type { WebSocket } from 'ws';

export function closeTogether(client: WebSocket, upstream: WebSocket, onClose?: () => void): void {
  const closeBoth = (): void => {
    onClose?.();
    client.terminate();
    upstream.terminate();
  };
  for (const s of [client, upstream]) {
    s.on('close', closeBoth);
    s.on('error', closeBoth);
  }
}
