import type { RecipientQueue } from './recipientQueue.js';
export declare function serializeRecipientQueue(queue: RecipientQueue): Buffer;
export declare function deserializeRecipientQueue(bytes: Uint8Array): RecipientQueue;
