/** A bare relay client for tests: sends hand-made frames and collects decoded replies in order. */
import { WebSocket } from 'ws';
import type { IdentitySecretKey } from '../../src/crypto/keys.js';
import { type CommandBody, type Reply } from '../../src/protocol/relayWire/frames.js';
export declare class RawClient {
    #private;
    readonly ws: WebSocket;
    readonly replies: Reply[];
    challenge: Buffer;
    corrId: number;
    closed: boolean;
    private constructor();
    static connect(url: string): Promise<RawClient>;
    /** Builds a command frame; signs it with `key` over this connection's challenge (or `challenge`). */
    frame(body: CommandBody, key?: IdentitySecretKey, opts?: {
        corrId?: number;
        challenge?: Buffer;
    }): Buffer;
    sendRaw(frame: Buffer): void;
    /** Sends a command and waits for the reply with its corrId. */
    call(body: CommandBody, key?: IdentitySecretKey): Promise<Reply>;
    reply(corrId: number): Promise<Reply>;
    /** Waits until some collected reply matches (or the connection closes). */
    until(pred: (r: Reply) => boolean, timeoutMs?: number): Promise<void>;
    takeMessages(): Extract<Reply, {
        kind: 'MSG';
    }>[];
    close(): void;
}
