import { type Msg, type NatsConnection } from '@nats-io/transport-node';
export interface GotMessage {
    readonly seq: number;
    readonly subject: string;
    readonly data: Uint8Array;
}
/** A JetStream API error reply (`err_code` as in nats-server's errors.json) or a NATS status. */
export declare class JetStreamReplyError extends Error {
    readonly errCode: number | undefined;
    readonly status: number | undefined;
    constructor(message: string, errCode: number | undefined, status: number | undefined);
}
/** No reply in time, or no responder (a stream without a leader): worth retrying. */
export declare class JetStreamUnavailableError extends Error {
    constructor(message: string);
}
export declare class JetStreamRequests {
    #private;
    constructor(nc: NatsConnection);
    /** Sends a request and resolves with the reply message, or rejects on timeout / no responders. */
    request(subject: string, payload: Uint8Array | string, timeoutMs: number, headers?: Record<string, string>): Promise<Msg>;
    /** Publishes into a stream; resolves with the stream sequence once JetStream acknowledged it. */
    publish(subject: string, payload: Uint8Array, msgId: string, timeoutMs: number, expectLastSubjectSeq?: number): Promise<number>;
    /** Direct get (served by any replica): null when there is no such message. */
    directGet(stream: string, query: {
        seq: number;
        next_by_subj?: string;
    } | {
        last_by_subj: string;
    }, timeoutMs: number): Promise<GotMessage | null>;
    /** Get through the stream leader (consistent with every acknowledged publish): null when there is no such message. */
    leaderGet(stream: string, query: {
        seq: number;
        next_by_subj?: string;
    } | {
        last_by_subj: string;
    }, timeoutMs: number): Promise<GotMessage | null>;
    /** Removes every message on `subject` with a seq below `below` (one replicated operation). */
    purge(stream: string, subject: string, below: number, timeoutMs: number): Promise<number>;
    /** Deletes one message; false when it was not there (already deleted or expired). */
    delete(stream: string, seq: number, timeoutMs: number): Promise<boolean>;
    close(): void;
}
