/**
 * Live events for the page (issue 7, item 1 "messages arriving live"): a WebSocket at
 * /api/events that forwards every SDK event and app event as one JSON text frame. The socket is
 * one-way: the page never sends anything that matters, so inbound frames are capped tiny and
 * ignored. The upgrade is accepted only after the same checks as any request (see accessGuard).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AppEvent } from './apiTypes.js';

export class EventSocket {
  readonly #wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false });

  /** `greeting`: events sent to this page first (the state it could not have heard, e.g. the relay connection). */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer, greeting: readonly AppEvent[] = []): void {
    this.#wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      ws.on('error', () => ws.terminate());
      for (const event of greeting) ws.send(JSON.stringify(event));
    });
  }

  broadcast(event: AppEvent): void {
    const frame = JSON.stringify(event);
    for (const ws of this.#wss.clients) {
      if (ws.readyState === ws.OPEN) ws.send(frame);
    }
  }

  close(): Promise<void> {
    for (const ws of this.#wss.clients) ws.terminate();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }
}
