import { WebSocketServer } from 'ws';
export class EventSocket {
    #wss = new WebSocketServer({ noServer: true, maxPayload: 1024, perMessageDeflate: false });
    accept(req, socket, head) {
        this.#wss.handleUpgrade(req, socket, head, (ws) => {
            ws.on('error', () => ws.terminate());
        });
    }
    broadcast(event) {
        const frame = JSON.stringify(event);
        for (const ws of this.#wss.clients) {
            if (ws.readyState === ws.OPEN)
                ws.send(frame);
        }
    }
    close() {
        for (const ws of this.#wss.clients)
            ws.terminate();
        return new Promise((resolve) => this.#wss.close(() => resolve()));
    }
}
//# sourceMappingURL=eventSocket.js.map