import type { RunningRelay } from './wsServer.js';
export type HealthProbe = () => Promise<{
    ok: boolean;
} & Record<string, unknown>>;
export interface HealthServer {
    readonly port: number;
    close(): Promise<void>;
}
export declare function startHealthServer(relay: RunningRelay, port: number, host: string, probe?: HealthProbe): Promise<HealthServer>;
