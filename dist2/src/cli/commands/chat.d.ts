/**
 * `saltline chat NAME` (issue 5): an interactive conversation in the terminal. Incoming messages
 * appear as they arrive (and count as read), each sent message gets its delivery ticks as they
 * change (… sending, ✓ sent to the relay, ✓✓ delivered, ✓✓ read), and every typed line is sent.
 */
import type { Command } from 'commander';
import { type GlobalOptions } from '../context.js';
export declare function registerChatCommand(program: Command, globals: () => GlobalOptions): void;
