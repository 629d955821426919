/** `saltline invite`, `accept`, `contacts`, `verify` (issue 5): making and checking contacts. */
import type { Command } from 'commander';
import { type GlobalOptions } from '../context.js';
export declare function registerContactCommands(program: Command, globals: () => GlobalOptions): void;
