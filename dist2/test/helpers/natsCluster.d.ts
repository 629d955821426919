/** The `nats-server` binary, or undefined when it is not installed. */
export declare function natsServerBinary(): string | undefined;
export declare const NATS_MISSING = "nats-server is not installed (apt-get install nats-server; .ci/run does this)";
export interface NatsNode {
    readonly name: string;
    readonly clientPort: number;
    readonly monitorPort: number;
    readonly url: string;
    readonly running: boolean;
    /** `kill -9`: no goodbye to the cluster, files left as they are. */
    kill9(): Promise<void>;
    /** SIGTERM and wait for the exit. */
    stop(): Promise<void>;
    /** Starts the server again on the same ports and store folder. */
    start(): Promise<void>;
}
export interface NatsCluster {
    readonly nodes: readonly NatsNode[];
    /** Comma-separated client URLs, as `--nats` takes them. */
    readonly urls: string;
    /** Resolves once a JetStream meta leader is known to every running server. */
    waitForMetaLeader(timeoutMs?: number): Promise<void>;
    stop(): Promise<void>;
}
/**
 * Starts `size` clustered JetStream servers on 127.0.0.1 and waits for a meta leader. A free
 * port can be taken by another process before the server binds it: then it tries once more.
 */
export declare function startNatsCluster(size?: number): Promise<NatsCluster>;
