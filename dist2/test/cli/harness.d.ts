/**
 * Runs the real `saltline` executable as separate processes (issue 5 §Tests): one-shot commands,
 * a relay child process, and interactive sessions in tmux. Profiles use the minimum Argon2id
 * limits (SALTLINE_INSECURE_TEST_KDF) so that dozens of unlocks stay fast.
 */
import { type ChildProcess } from 'node:child_process';
export declare const BIN: string;
export interface Run {
    readonly code: number;
    readonly stdout: string;
    readonly stderr: string;
}
export declare class Sandbox {
    readonly root: string;
    readonly env: NodeJS.ProcessEnv;
    private constructor();
    static create(): Promise<Sandbox>;
    profile(name: string): string;
    /** Runs `saltline --profile <root>/<profile> ...args`. */
    run(profile: string | undefined, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<Run>;
    /** Like `run`, but fails the test unless the command succeeded; returns parsed JSON for `--json`. */
    ok(profile: string | undefined, args: readonly string[]): Promise<Run>;
    json<T = Record<string, unknown>>(profile: string | undefined, args: readonly string[]): Promise<T>;
    startRelay(port?: number): Promise<RelayChild>;
    cleanup(): Promise<void>;
}
export declare class RelayChild {
    readonly child: ChildProcess;
    readonly address: string;
    readonly exited: Promise<void>;
    readonly port: number;
    constructor(child: ChildProcess, address: string, exited: Promise<void>);
    kill9(): Promise<void>;
    stop(): Promise<void>;
}
/** Polls `check` until it returns true (bounded). */
export declare function eventually(check: () => Promise<boolean>, what: string, ms?: number): Promise<void>;
/** Registers hooks that give the file's tests a fresh sandbox and a relay process, removed afterwards. */
export declare function sandboxWithRelay(): {
    box: Sandbox;
    relay: RelayChild;
};
