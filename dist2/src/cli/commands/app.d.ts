/**
 * `saltline app [--port P]` (issue 7): serves the local web app for the current profile on
 * 127.0.0.1 until SIGTERM/SIGINT. The URL with its secret is printed on a line of its own on
 * stdout; the page's unlock screen opens the profile (or SALTLINE_PASSPHRASE, when set, unlocks
 * it at start).
 */
import type { Command } from 'commander';
import type { WebApp } from '../../web/server.js';
import { type GlobalOptions } from '../context.js';
export declare function parsePort(value: string): number;
/** Resolves on the first SIGTERM or SIGINT. */
export declare function untilStopped(): Promise<void>;
/** Prints the URL (alone on its stdout line, for people and scripts) and serves until stopped. */
export declare function serveUntilStopped(app: WebApp, lines?: readonly string[]): Promise<void>;
export declare function registerAppCommand(program: Command, globals: () => GlobalOptions): void;
