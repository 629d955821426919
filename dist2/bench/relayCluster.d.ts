export declare function run(): Promise<Record<string, unknown>>;
