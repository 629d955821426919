/** Runs a relay with command-line `args` (also `saltline relay …`) until SIGTERM/SIGINT. */
export declare function runRelay(args: string[]): Promise<void>;
