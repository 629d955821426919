/** `saltline init`, `saltline set-relay`, `saltline info` (issue 5): create and describe a profile. */
import type { Command } from 'commander';
import { type GlobalOptions } from '../context.js';
export declare function registerProfileCommands(program: Command, globals: () => GlobalOptions): void;
