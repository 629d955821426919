/** A bare relay client for tests: sends hand-made frames and collects decoded replies in order. */
import { WebSocket } from 'ws';
import { sign } from '../../src/crypto/sign.js';
import { decodeReply, encodeUnsignedCommand, signedBytes, withSignature } from '../../src/protocol/relayWire/frames.js';
export class RawClient {
    ws;
    replies = [];
    challenge = Buffer.alloc(0);
    corrId = 0;
    closed = false;
    #waiters = [];
    constructor(ws) {
        this.ws = ws;
        ws.on('message', (data) => {
            this.replies.push(decodeReply(data));
            for (const w of this.#waiters.splice(0))
                w();
        });
        ws.on('close', () => {
            this.closed = true;
            for (const w of this.#waiters.splice(0))
                w();
        });
    }
    static async connect(url) {
        const ws = new WebSocket(url, { rejectUnauthorized: false });
        const c = new RawClient(ws);
        await c.until((r) => r.kind === 'HELLO');
        const hello = c.replies.shift();
        if (hello?.kind !== 'HELLO')
            throw new Error('no HELLO');
        c.challenge = hello.challenge;
        return c;
    }
    /** Builds a command frame; signs it with `key` over this connection's challenge (or `challenge`). */
    frame(body, key, opts = {}) {
        const corrId = opts.corrId ?? ++this.corrId;
        const unsigned = encodeUnsignedCommand(corrId, body);
        return key ? withSignature(unsigned, sign(key, signedBytes(opts.challenge ?? this.challenge, unsigned))) : unsigned;
    }
    sendRaw(frame) {
        this.ws.send(frame);
    }
    /** Sends a command and waits for the reply with its corrId. */
    async call(body, key) {
        const f = this.frame(body, key);
        const corrId = this.corrId;
        this.ws.send(f);
        return this.reply(corrId);
    }
    async reply(corrId) {
        await this.until((r) => r.kind !== 'MSG' && r.kind !== 'END' && r.corrId === corrId);
        const i = this.replies.findIndex((r) => r.kind !== 'MSG' && r.kind !== 'END' && r.corrId === corrId);
        return this.replies.splice(i, 1)[0];
    }
    /** Waits until some collected reply matches (or the connection closes). */
    async until(pred, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        while (!this.replies.some(pred)) {
            if (this.closed)
                throw new Error('connection closed');
            if (Date.now() > deadline)
                throw new Error('timed out waiting for a reply');
            await new Promise((resolve) => {
                this.#waiters.push(resolve);
                setTimeout(resolve, 50);
            });
        }
    }
    takeMessages() {
        const out = [];
        for (let i = 0; i < this.replies.length;) {
            const r = this.replies[i];
            if (r.kind === 'MSG') {
                out.push(r);
                this.replies.splice(i, 1);
            }
            else
                i++;
        }
        return out;
    }
    close() {
        this.ws.terminate();
    }
}
//# sourceMappingURL=rawClient.js.map