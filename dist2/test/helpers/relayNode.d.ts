/**
 * Relay nodes as child processes (`node dist/src/relay/main.js …`), for tests and benchmarks that
 * need real processes to kill (issue #9): start with arguments, read the address (and health
 * URL) it prints, stop with SIGTERM or `kill -9`. Its stderr is kept for failure messages.
 */
import { type ChildProcess } from 'node:child_process';
export interface RelayNode {
    readonly child: ChildProcess;
    readonly address: string;
    /** The health URL when started with --health-port. */
    readonly health: string | undefined;
    readonly port: number;
    stderr(): string;
    kill9(): Promise<void>;
    stop(): Promise<void>;
}
export declare function startRelayNode(args: readonly string[], withHealth?: boolean): Promise<RelayNode>;
/** A data folder holding a copy of `from`'s TLS key (if any) and NATS operator key: another node of the same relay. */
export declare function cloneNodeKeys(from: string): Promise<string>;
