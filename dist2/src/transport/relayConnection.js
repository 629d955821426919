import { WebSocket } from 'ws';
import { bytesEqual } from '../crypto/bytes.js';
import { sign } from '../crypto/sign.js';
import { encodeUnsignedCommand, MAX_FRAME_BYTES, decodeReply, signedBytes, withSignature, } from '../protocol/relayWire/frames.js';
import { spkiFingerprint } from '../protocol/relayWire/relayAddress.js';
import { Backoff, DEFAULT_BACKOFF } from './backoff.js';
import { RelayCommandError, TransportError } from './errors.js';
/**
 * The WebSocket masking key of every client frame: all zeros, so `ws` neither copies nor XORs
 * each frame, and the relay skips unmasking. Masking (RFC 6455 §5.3, §10.3) keeps script in a
 * browser from making its client emit bytes that a cleartext intermediary misreads; this client
 * runs in Node, sends only protocol bytes and envelopes it sealed itself, and off loopback speaks
 * only TLS, where an intermediary sees nothing it could misread.
 */
export const UNMASKED = (mask) => {
    mask.fill(0);
};
/** The outcome of a command nobody waits on (see `post`). */
const IGNORED = { onReply: undefined, resolve: () => undefined, reject: () => undefined };
export class RelayConnection {
    address;
    #backoff;
    #connectTimeoutMs;
    #commandTimeoutMs;
    #pushListeners = new Set();
    #readyListeners = new Set();
    /** Commands awaiting their reply, oldest first (a Map iterates in insertion order). */
    #pending = new Map();
    /** One timer watches the oldest pending command instead of one timer per command. */
    #timeoutTimer;
    #bound = new Set();
    #ws;
    #socket;
    #corked = false;
    #challenge;
    #nextCorrId = 1;
    #readyWaiters = [];
    #reconnectTimer;
    #closed = false;
    /** Counts connections made; a push or reply belongs to the generation it arrived in. */
    generation = 0;
    /** The last reason a connection attempt failed (e.g. PIN_MISMATCH), for diagnostics and tests. */
    lastError;
    constructor(address, options = {}) {
        this.address = address;
        this.#backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF);
        this.#connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
        this.#commandTimeoutMs = options.commandTimeoutMs ?? 15_000;
        this.#open();
    }
    get ready() {
        return this.#challenge !== undefined;
    }
    onPush(listener) {
        this.#pushListeners.add(listener);
        return () => this.#pushListeners.delete(listener);
    }
    /** Called after every (re)connection once the relay's HELLO has arrived. */
    onReady(listener) {
        this.#readyListeners.add(listener);
        return () => this.#readyListeners.delete(listener);
    }
    #open() {
        if (this.#closed)
            return;
        const ws = new WebSocket(this.address.url, {
            rejectUnauthorized: false,
            perMessageDeflate: false,
            maxPayload: MAX_FRAME_BYTES + 1024,
            handshakeTimeout: this.#connectTimeoutMs,
            generateMask: UNMASKED,
        });
        this.#ws = ws;
        this.#socket = undefined;
        const helloTimer = setTimeout(() => ws.terminate(), this.#connectTimeoutMs);
        const expected = this.address.fingerprint;
        ws.once('upgrade', (res) => {
            if (expected) {
                const cert = res.socket.getPeerX509Certificate?.();
                if (!cert || !bytesEqual(spkiFingerprint(cert), expected)) {
                    this.lastError = new TransportError('PIN_MISMATCH', 'relay TLS key does not match the address fingerprint');
                    ws.terminate();
                    return;
                }
            }
            if (ws === this.#ws)
                this.#socket = res.socket;
        });
        ws.on('message', (data, isBinary) => {
            if (ws !== this.#ws)
                return;
            let reply;
            try {
                if (!isBinary)
                    throw new TransportError('UNEXPECTED_REPLY', 'text frame');
                reply = decodeReply(data);
            }
            catch {
                // A relay sending garbage is broken or hostile: start over on a fresh connection.
                this.lastError = new TransportError('UNEXPECTED_REPLY', 'relay sent an invalid frame');
                ws.terminate();
                return;
            }
            if (this.#challenge === undefined) {
                if (reply.kind !== 'HELLO') {
                    ws.terminate();
                    return;
                }
                clearTimeout(helloTimer);
                this.#challenge = reply.challenge;
                this.#nextCorrId = 1;
                this.#bound.clear();
                this.generation++;
                this.#backoff.reset();
                this.lastError = undefined;
                for (const w of this.#readyWaiters.splice(0))
                    w.resolve();
                for (const l of this.#readyListeners)
                    l();
                return;
            }
            this.#onReply(ws, reply);
        });
        ws.on('error', (e) => {
            this.lastError ??= e;
        });
        ws.on('close', () => {
            clearTimeout(helloTimer);
            if (ws !== this.#ws)
                return;
            this.#ws = undefined;
            this.#socket = undefined;
            this.#challenge = undefined;
            const err = new TransportError('DISCONNECTED', 'connection to the relay was lost');
            for (const [, p] of this.#pending)
                p.reject(err);
            this.#pending.clear();
            clearTimeout(this.#timeoutTimer);
            this.#timeoutTimer = undefined;
            if (this.#closed)
                return;
            // Waiting callers learn of an impostor at once; reconnecting continues (it may be a passing attack).
            if (this.lastError instanceof TransportError && this.lastError.reason === 'PIN_MISMATCH') {
                for (const w of this.#readyWaiters.splice(0))
                    w.reject(this.lastError);
            }
            this.#reconnectTimer = setTimeout(() => this.#open(), this.#backoff.next());
        });
    }
    #onReply(ws, reply) {
        switch (reply.kind) {
            case 'HELLO':
                ws.terminate();
                return;
            case 'MSG':
            case 'END':
                for (const l of this.#pushListeners)
                    l(reply);
                return;
            default: {
                const p = this.#pending.get(reply.corrId);
                if (!p)
                    return; // a duplicated or stale reply: nothing waits for it
                this.#pending.delete(reply.corrId);
                p.settle(reply);
            }
        }
    }
    /** Resolves once connected and greeted; rejects only when the connection is closed for good. */
    waitReady() {
        if (this.#closed)
            return Promise.reject(new TransportError('CLOSED', 'connection closed'));
        if (this.#challenge !== undefined)
            return Promise.resolve();
        return new Promise((resolve, reject) => this.#readyWaiters.push({ resolve, reject }));
    }
    /**
     * Sends one command on the current connection (waiting for one if needed) and returns its
     * reply. Rejects with `RelayCommandError` for an error reply, `TransportError('DISCONNECTED')`
     * if the connection drops first (the command may or may not have been executed). `onReply`
     * runs synchronously on arrival, before any frame that follows the reply is handled.
     */
    command(body, auth, onReply) {
        return new Promise((resolve, reject) => this.#submit(body, auth, false, { onReply, resolve, reject }));
    }
    /**
     * Sends a command whose answer nobody waits on (e.g. an ACK: losing one only causes a
     * redelivery). Its answer still counts for the command timeout.
     */
    post(body, auth) {
        try {
            this.#submit(body, auth, false, IGNORED);
        }
        catch {
            // Nothing waits on it.
        }
    }
    #submit(body, auth, forceSign, outcome) {
        if (this.#closed || this.#challenge === undefined) {
            this.waitReady().then(() => {
                if (this.#challenge === undefined)
                    throw new TransportError('DISCONNECTED', 'connection to the relay was lost');
                this.#submit(body, auth, forceSign, outcome);
            }, outcome.reject).catch(outcome.reject);
            return;
        }
        const ws = this.#ws;
        const challenge = this.#challenge;
        const corrId = this.#nextCorrId++;
        const unsigned = encodeUnsignedCommand(corrId, body);
        const signIt = auth !== undefined && (forceSign || !this.#bound.has(auth.bind));
        // Binding at send time is sound: the relay runs commands in order, so it sees this signature
        // before any later unsigned command for the same queue.
        if (signIt)
            this.#bound.add(auth.bind);
        const frame = signIt ? withSignature(unsigned, sign(auth.key, signedBytes(challenge, unsigned))) : unsigned;
        this.#pending.set(corrId, {
            settle: (reply) => {
                // An unsigned command refused for AUTH means the binding was lost (e.g. the signed
                // command before it was rate-limited): sign it this time.
                if (reply.kind === 'ERR' && reply.code === 'AUTH' && auth && !signIt) {
                    this.#bound.delete(auth.bind);
                    try {
                        this.#submit(body, auth, true, outcome);
                    }
                    catch (e) {
                        outcome.reject(e);
                    }
                    return;
                }
                outcome.onReply?.(reply);
                if (reply.kind === 'ERR')
                    outcome.reject(new RelayCommandError(reply.code));
                else
                    outcome.resolve(reply);
            },
            reject: outcome.reject,
            sentAt: performance.now(),
        });
        this.#write(ws, frame);
        this.#timeoutTimer ??= setTimeout(() => this.#checkTimeout(), this.#commandTimeoutMs);
    }
    /** Drops the connection if its oldest command has gone unanswered for the command timeout. */
    #checkTimeout() {
        this.#timeoutTimer = undefined;
        const oldest = this.#pending.values().next().value;
        if (!oldest)
            return;
        const left = oldest.sentAt + this.#commandTimeoutMs - performance.now();
        if (left > 0) {
            this.#timeoutTimer = setTimeout(() => this.#checkTimeout(), left);
            return;
        }
        this.lastError = new TransportError('TIMEOUT', 'relay did not answer in time');
        this.#ws?.terminate();
    }
    /** Sends `frame`, holding the socket's writes until the current event's work is done. */
    #write(ws, frame) {
        const socket = this.#socket;
        if (socket && !this.#corked) {
            this.#corked = true;
            socket.cork();
            process.nextTick(() => {
                this.#corked = false;
                socket.uncork();
            });
        }
        ws.send(frame);
    }
    /** Drops the current connection and reconnects (a fresh challenge), e.g. after an AUTH refusal. */
    reset() {
        this.#ws?.terminate();
    }
    close() {
        if (this.#closed)
            return;
        this.#closed = true;
        clearTimeout(this.#reconnectTimer);
        const err = new TransportError('CLOSED', 'connection closed');
        for (const w of this.#readyWaiters.splice(0))
            w.reject(err);
        this.#ws?.terminate();
    }
}
//# sourceMappingURL=relayConnection.js.map