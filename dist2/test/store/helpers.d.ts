import { createProfile, openProfile, type LanceStore } from '../../src/store/lanceStore.js';
import type { Conversation } from '../../src/store/types.js';
export declare const PASS = "correct horse battery staple";
export declare const FAST: {
    readonly pwhash: {
        readonly opslimit: number;
        readonly memlimit: number;
    };
};
export declare function tempDir(): Promise<{
    dir: string;
    cleanup: () => Promise<void>;
}>;
export declare function newProfile(dir: string, options?: Parameters<typeof createProfile>[2]): Promise<LanceStore>;
export declare function reopen(dir: string, options?: Parameters<typeof openProfile>[2]): Promise<LanceStore>;
export declare function conversation(id: string, title?: string): Conversation;
export declare function filesUnder(dir: string): Promise<string[]>;
/** Every file's bytes with its path, for the plaintext scans. */
export declare function snapshot(dir: string): Promise<Map<string, Buffer>>;
export declare function mtimes(dir: string): Promise<string>;
/** The obvious encodings of a secret someone would grep for. */
export declare function encodings(secret: string | Uint8Array): Buffer[];
export declare function findIn(files: Map<string, Buffer>, needles: readonly Buffer[]): string[];
export declare const text: (s: string) => Uint8Array;
export declare const str: (b: Uint8Array) => string;
