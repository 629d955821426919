/** `saltline export FILE` / `saltline import FILE` (issue 5, issue 3 §8): the encrypted backup, with a progress bar. */
import type { Command } from 'commander';
import { type GlobalOptions } from '../context.js';
export declare function registerBackupCommands(program: Command, globals: () => GlobalOptions): void;
