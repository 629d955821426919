/**
 * The JetStream requests on the NATS store's hot path (issue #9 §Benchmark), sent over one
 * reply subscription: publish with message id, direct get, delete by sequence. The client
 * library's own request path builds an Error with a stack trace and a timer for every request
 * (about a tenth of a relay node's CPU under load); here replies are matched by token and
 * deadlines are swept by one timer.
 */
import { randomBytes } from 'node:crypto';
import { headers as natsHeaders } from '@nats-io/transport-node';
/** A JetStream API error reply (`err_code` as in nats-server's errors.json) or a NATS status. */
export class JetStreamReplyError extends Error {
    errCode;
    status;
    constructor(message, errCode, status) {
        super(message);
        this.name = 'JetStreamReplyError';
        this.errCode = errCode;
        this.status = status;
    }
}
/** No reply in time, or no responder (a stream without a leader): worth retrying. */
export class JetStreamUnavailableError extends Error {
    constructor(message) {
        super(message);
        this.name = 'JetStreamUnavailableError';
    }
}
const decoder = new TextDecoder();
export class JetStreamRequests {
    #nc;
    #inbox = `_INBOX.${randomBytes(12).toString('hex')}`;
    #pending = new Map();
    #sub;
    #sweeper;
    #next = 0;
    constructor(nc) {
        this.#nc = nc;
        this.#sub = nc.subscribe(`${this.#inbox}.*`, {
            callback: (_err, msg) => {
                const token = msg.subject.slice(this.#inbox.length + 1);
                const p = this.#pending.get(token);
                if (!p)
                    return;
                this.#pending.delete(token);
                p.resolve(msg);
            },
        });
        this.#sweeper = setInterval(() => this.#sweep(), 100);
        this.#sweeper.unref();
    }
    #sweep() {
        const now = Date.now();
        for (const [token, p] of this.#pending) {
            if (p.deadline > now)
                continue;
            this.#pending.delete(token);
            p.reject(new JetStreamUnavailableError('JetStream did not answer in time'));
        }
    }
    /** Sends a request and resolves with the reply message, or rejects on timeout / no responders. */
    request(subject, payload, timeoutMs, headers) {
        const token = (this.#next++).toString(36);
        return new Promise((resolve, reject) => {
            this.#pending.set(token, {
                deadline: Date.now() + timeoutMs,
                resolve: (msg) => {
                    // A status-only reply with code 503: nobody serves the subject (no stream leader yet).
                    if (msg.data.length === 0 && msg.headers?.code === 503)
                        reject(new JetStreamUnavailableError('no JetStream responder'));
                    else
                        resolve(msg);
                },
                reject,
            });
            let h;
            if (headers) {
                h = natsHeaders();
                for (const [k, v] of Object.entries(headers))
                    h.set(k, v);
            }
            try {
                this.#nc.publish(subject, payload, { reply: `${this.#inbox}.${token}`, ...(h ? { headers: h } : {}) });
            }
            catch (e) {
                this.#pending.delete(token);
                reject(e instanceof Error ? e : new Error(String(e)));
            }
        });
    }
    /** Publishes into a stream; resolves with the stream sequence once JetStream acknowledged it. */
    async publish(subject, payload, msgId, timeoutMs, expectLastSubjectSeq) {
        const headers = { 'Nats-Msg-Id': msgId };
        if (expectLastSubjectSeq !== undefined)
            headers['Nats-Expected-Last-Subject-Sequence'] = String(expectLastSubjectSeq);
        const reply = parseJson(await this.request(subject, payload, timeoutMs, headers));
        if (typeof reply.seq !== 'number')
            throw new JetStreamReplyError('JetStream did not acknowledge the publish', undefined, undefined);
        return reply.seq;
    }
    /** Direct get (served by any replica): null when there is no such message. */
    async directGet(stream, query, timeoutMs) {
        const msg = await this.request(`$JS.API.DIRECT.GET.${stream}`, JSON.stringify(query), timeoutMs);
        const h = msg.headers;
        if (h && h.code !== 0 && h.code !== 200) {
            if (h.code === 404)
                return null;
            throw new JetStreamReplyError(h.description || `direct get failed (${h.code})`, undefined, h.code);
        }
        const seq = Number(h?.get('Nats-Sequence'));
        const subject = h?.get('Nats-Subject') ?? '';
        if (!Number.isSafeInteger(seq) || subject === '')
            throw new JetStreamReplyError('malformed direct get reply', undefined, undefined);
        return { seq, subject, data: msg.data };
    }
    /** Get through the stream leader (consistent with every acknowledged publish): null when there is no such message. */
    async leaderGet(stream, query, timeoutMs) {
        let reply;
        try {
            reply = parseJson(await this.request(`$JS.API.STREAM.MSG.GET.${stream}`, JSON.stringify(query), timeoutMs));
        }
        catch (e) {
            if (e instanceof JetStreamReplyError && e.errCode === 10037)
                return null;
            throw e;
        }
        const m = reply.message;
        if (!m || typeof m.seq !== 'number' || typeof m.subject !== 'string')
            throw new JetStreamReplyError('malformed message get reply', undefined, undefined);
        return { seq: m.seq, subject: m.subject, data: typeof m.data === 'string' ? Buffer.from(m.data, 'base64') : new Uint8Array(0) };
    }
    /** Removes every message on `subject` with a seq below `below` (one replicated operation). */
    async purge(stream, subject, below, timeoutMs) {
        const reply = parseJson(await this.request(`$JS.API.STREAM.PURGE.${stream}`, JSON.stringify({ filter: subject, seq: below }), timeoutMs));
        return typeof reply.purged === 'number' ? reply.purged : 0;
    }
    /** Deletes one message; false when it was not there (already deleted or expired). */
    async delete(stream, seq, timeoutMs) {
        try {
            parseJson(await this.request(`$JS.API.STREAM.MSG.DELETE.${stream}`, JSON.stringify({ seq, no_erase: true }), timeoutMs));
            return true;
        }
        catch (e) {
            if (e instanceof JetStreamReplyError && e.errCode === 10057)
                return false;
            throw e;
        }
    }
    close() {
        clearInterval(this.#sweeper);
        this.#sub.unsubscribe();
        for (const p of this.#pending.values())
            p.reject(new JetStreamUnavailableError('closed'));
        this.#pending.clear();
    }
}
function parseJson(msg) {
    let reply;
    try {
        reply = JSON.parse(decoder.decode(msg.data));
    }
    catch {
        throw new JetStreamReplyError('malformed JetStream reply', undefined, undefined);
    }
    if (reply.error)
        throw new JetStreamReplyError(reply.error.description ?? 'JetStream error', reply.error.err_code, reply.error.code);
    return reply;
}
//# sourceMappingURL=natsRequests.js.map