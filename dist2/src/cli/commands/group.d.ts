/**
 * `saltline group create|add|remove|rename|admin|leave|list|members` (issue 6 item 6): groups from the command
 * line. Messages go through `send`, `history` and `chat` with the group's name.
 */
import type { Command } from 'commander';
import { type GlobalOptions } from '../context.js';
export declare function registerGroupCommands(program: Command, globals: () => GlobalOptions): void;
