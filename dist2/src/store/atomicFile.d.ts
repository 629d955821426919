export declare function fsyncDir(dir: string): Promise<void>;
export declare function writeFileAtomic(path: string, data: Uint8Array): Promise<void>;
