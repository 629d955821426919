import type { Secret } from './secret.js';
export declare const SECRETSTREAM_HEADER_BYTES: number;
export declare const SECRETSTREAM_ABYTES: number;
export declare class SecretStreamWriter {
    #private;
    readonly header: Buffer;
    constructor(key: Secret<string>);
    /** Encrypts one chunk; `final` marks the end of the stream (nothing may follow). */
    push(chunk: Uint8Array, final?: boolean, ad?: Uint8Array | null): Buffer;
}
export declare class SecretStreamReader {
    #private;
    constructor(key: Secret<string>, header: Uint8Array);
    get finished(): boolean;
    /** Decrypts and authenticates one chunk; throws `DecryptError` on tampering or on data after FINAL. */
    pull(ciphertext: Uint8Array, ad?: Uint8Array | null): {
        chunk: Buffer;
        final: boolean;
    };
}
