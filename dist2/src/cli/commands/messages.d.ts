/** `saltline send`, `sync`, `history`, `search` (issue 5): one-shot messaging for people and scripts. */
import type { Command } from 'commander';
import { type GlobalOptions } from '../context.js';
export declare function registerMessageCommands(program: Command, globals: () => GlobalOptions): void;
