/**
 * Runs the real `saltline` binary (bin/saltline.js) as a child process for the `app` and `demo`
 * command tests: its stdout and stderr are collected, and `line(re)` waits for a stdout line.
 */
import { type ChildProcess } from 'node:child_process';
export interface CliRun {
    readonly child: ChildProcess;
    readonly stdout: () => string;
    readonly stderr: () => string;
    /** The first stdout line matching `re` (rejects if the process ends first or after `ms`). */
    line(re: RegExp, ms?: number): Promise<string>;
    /** Resolves with the exit code (or the signal's name) when the process has ended. */
    readonly exited: Promise<number | string>;
    /** Sends `signal` and waits for the exit; kills after `ms` so a test never hangs. */
    stop(signal?: NodeJS.Signals, ms?: number): Promise<number | string>;
}
/** The environment for a child: test-speed key derivation, no passphrase unless given. */
export declare function cliEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
export declare function runCli(args: readonly string[], env: NodeJS.ProcessEnv): CliRun;
export declare const URL_LINE: RegExp;
