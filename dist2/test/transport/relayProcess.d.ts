/** Runs a relay as a real child process on 127.0.0.1 for transport tests (issue #4 §Tests). */
import { type ChildProcess } from 'node:child_process';
export interface RelayProcess {
    readonly address: string;
    readonly port: number;
    readonly child: ChildProcess;
    readonly stderr: string[];
    kill9(): Promise<void>;
    stop(): Promise<void>;
}
export declare function spawnRelay(dataDir: string, opts?: {
    port?: number;
    tls?: boolean;
}): Promise<RelayProcess>;
/** Restarts on the same port, retrying briefly while the old socket is released. */
export declare function respawnRelay(dataDir: string, port: number, tls: boolean): Promise<RelayProcess>;
