/**
 * "Demo friend" (issue 7 §4, issue 5 "the main job"): the contact `saltline demo` gives a
 * newcomer to talk to. It is a real Saltline client with its own profile and keys, running in the
 * demo's process; it reads what arrives (so the sender sees "read") and answers each message with
 * a short echo and a tip. Everything it receives went through the relay encrypted, like any message.
 */
import type { Client } from '../client/client.js';
export declare const DEMO_FRIEND_NAME = "Demo friend";
export declare const DEMO_WELCOME: string;
export declare function demoReply(text: string, count: number): string;
/**
 * Starts answering incoming messages on `client` (already open). Returns a function that stops
 * answering and resolves once the replies under way are saved.
 */
export declare function startDemoFriend(client: Client): () => Promise<void>;
