/** How messages, contacts and safety numbers look in the terminal (issue 5). */
import type { ContactInfo, DeliveryState, MessageInfo } from '../client/index.js';
export declare function ticks(state: DeliveryState): string;
/** Control characters from a contact could move the cursor or rewrite the screen: show them inert. */
export declare function inert(text: string): string;
export declare function messageLine(m: MessageInfo): string;
export declare function messageJson(m: MessageInfo): Record<string, unknown>;
export declare function contactLine(c: ContactInfo): string;
export declare function contactJson(c: ContactInfo): Record<string, unknown>;
