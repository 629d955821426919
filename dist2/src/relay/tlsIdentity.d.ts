export declare const TLS_KEY_FILE = "relay-tls-key.pem";
export declare const TLS_CERT_FILE = "relay-tls-cert.pem";
export interface TlsIdentity {
    readonly key: string;
    readonly cert: string;
    readonly fingerprint: Buffer;
}
export declare function loadOrCreateTlsIdentity(dataDir: string): Promise<TlsIdentity>;
