/**
 * Live events for the page (issue 7, item 1 "messages arriving live"): a WebSocket at
 * /api/events that forwards every SDK event and app event as one JSON text frame. The socket is
 * one-way: the page never sends anything that matters, so inbound frames are capped tiny and
 * ignored. The upgrade is accepted only after the same checks as any request (see accessGuard).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AppEvent } from './apiTypes.js';
export declare class EventSocket {
    #private;
    accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
    broadcast(event: AppEvent): void;
    close(): Promise<void>;
}
