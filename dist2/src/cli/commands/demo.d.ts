/**
 * `saltline demo` (issue 7 §4, issue 5 "the main job"; what `npm start` runs): a working
 * encrypted chat in the browser with no configuration. In one process it runs
 *   - an embedded relay on 127.0.0.1 (TLS with its pinned key, data in the demo folder),
 *   - the user's demo profile, served by the web app (already unlocked; the URL is printed), and
 *   - a second profile, "Demo friend", a bot that answers every message (src/cli/demoFriend.ts),
 * introduced to each other by a real invitation on the first run and reused on later runs. The
 * demo folder is `$SALTLINE_HOME/demo` (default ~/.saltline/demo); its profiles share a generated
 * passphrase kept in demo.json there, which is fine for a demo and nothing else.
 *
 * `saltline demo --protocol` is the older terminal walk-through of the protocol (src/cli/demo.ts).
 */
import type { Command } from 'commander';
import { SaltlineError } from '../../crypto/errors.js';
export interface WebDemoOptions {
    readonly port?: number;
    readonly name?: string;
    readonly reset?: boolean;
}
export declare class DemoError extends SaltlineError {
    constructor(message: string);
}
export declare function demoDir(): string;
export declare function runWebDemo(options: WebDemoOptions): Promise<void>;
export declare function registerDemoCommand(program: Command): void;
