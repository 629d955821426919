/** `saltline relay` (issue 4/5): runs a relay in this process; options as in src/relay/main.ts. */
import type { Command } from 'commander';
export declare function registerRelayCommand(program: Command): void;
