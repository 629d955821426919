export declare function run(opts?: {
    sizes?: number[];
}): Promise<Record<string, unknown>>;
