export interface TcpFailover {
    readonly port: number;
    close(): Promise<void>;
}
export declare function startTcpFailover(backendPorts: readonly number[]): Promise<TcpFailover>;
