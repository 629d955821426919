import type { IdentitySecretKey } from '../crypto/keys.js';
import { type CommandBody, type Reply } from '../protocol/relayWire/frames.js';
import { type RelayAddress } from '../protocol/relayWire/relayAddress.js';
import { type BackoffOptions } from './backoff.js';
export interface RelayConnectionOptions {
    readonly backoff?: BackoffOptions;
    /** A relay that has not said HELLO by then is dropped. */
    readonly connectTimeoutMs?: number;
    /** A relay that has not answered a command by then is presumed dead and the connection is dropped. */
    readonly commandTimeoutMs?: number;
}
/** Authorizes a command with a queue key; `bind` names the (role, queue) a signature binds. */
export interface CommandAuth {
    readonly key: IdentitySecretKey;
    readonly bind: string;
}
export type PushReply = Extract<Reply, {
    kind: 'MSG' | 'END';
}>;
/**
 * The WebSocket masking key of every client frame: all zeros, so `ws` neither copies nor XORs
 * each frame, and the relay skips unmasking. Masking (RFC 6455 §5.3, §10.3) keeps script in a
 * browser from making its client emit bytes that a cleartext intermediary misreads; this client
 * runs in Node, sends only protocol bytes and envelopes it sealed itself, and off loopback speaks
 * only TLS, where an intermediary sees nothing it could misread.
 */
export declare const UNMASKED: (mask: Buffer) => void;
export declare class RelayConnection {
    #private;
    readonly address: RelayAddress;
    /** Counts connections made; a push or reply belongs to the generation it arrived in. */
    generation: number;
    /** The last reason a connection attempt failed (e.g. PIN_MISMATCH), for diagnostics and tests. */
    lastError: Error | undefined;
    constructor(address: RelayAddress, options?: RelayConnectionOptions);
    get ready(): boolean;
    onPush(listener: (push: PushReply) => void): () => void;
    /** Called after every (re)connection once the relay's HELLO has arrived. */
    onReady(listener: () => void): () => void;
    /** Resolves once connected and greeted; rejects only when the connection is closed for good. */
    waitReady(): Promise<void>;
    /**
     * Sends one command on the current connection (waiting for one if needed) and returns its
     * reply. Rejects with `RelayCommandError` for an error reply, `TransportError('DISCONNECTED')`
     * if the connection drops first (the command may or may not have been executed). `onReply`
     * runs synchronously on arrival, before any frame that follows the reply is handled.
     */
    command(body: CommandBody, auth?: CommandAuth, onReply?: (reply: Reply) => void): Promise<Reply>;
    /**
     * Sends a command whose answer nobody waits on (e.g. an ACK: losing one only causes a
     * redelivery). Its answer still counts for the command timeout.
     */
    post(body: CommandBody, auth?: CommandAuth): void;
    /** Drops the current connection and reconnects (a fresh challenge), e.g. after an AUTH refusal. */
    reset(): void;
    close(): void;
}
