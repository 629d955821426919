import { type Rng } from '../crypto/index.js';
import type { PwhashLimits } from '../crypto/pwhash.js';
import { type BackoffOptions } from '../transport/index.js';
import { type GroupInfo, type GroupMemberInfo } from './groups.js';
import { type ChatClient, type ClientEvent, type ContactInfo, type ConversationInfo, type HistoryOptions, type MessageInfo, type ProfileInfo, type SafetyNumberInfo } from './types.js';
export interface ClientOptions {
    readonly rng?: Rng;
    readonly now?: () => number;
    /** How long to wait for a relay before calling it unreachable (default 5 s). */
    readonly connectTimeoutMs?: number;
    /** Reconnect and resend backoff (default 200 ms doubling to 30 s). */
    readonly backoff?: BackoffOptions;
}
export interface CreateClientOptions extends ClientOptions {
    /** The name contacts see for us (sent inside the encrypted handshake only). */
    readonly name: string;
    /** The relay we receive on, as printed by `saltline relay`. */
    readonly relay?: string;
    /** Argon2id limits for the passphrase (default MODERATE; tests use the minimum). */
    readonly pwhash?: PwhashLimits;
}
export interface SyncResult {
    readonly received: number;
    readonly sent: number;
    /** Envelopes still waiting in the outbox (the recipient's relay is unreachable). */
    readonly pending: number;
    /** Envelopes dropped as undecryptable, replayed or from a contact whose identity changed. */
    readonly refused: number;
}
export declare class Client implements ChatClient {
    #private;
    private constructor();
    /**
     * Creates a profile in `dir` (empty or missing). With a relay, also makes a first receive queue
     * there, so a wrong or unreachable relay is reported now; then nothing is left behind.
     */
    static create(dir: string, passphrase: string, options: CreateClientOptions): Promise<Client>;
    static open(dir: string, passphrase: string, options?: ClientOptions): Promise<Client>;
    /** A client over an in-memory store (nothing is saved): for tests and embedding experiments. */
    static inMemory(options: CreateClientOptions): Promise<Client>;
    /** Restores an encrypted backup (made by `exportBackup`) into a new profile folder. */
    static importBackup(file: string, backupPassphrase: string, dir: string, newPassphrase: string, options?: {
        pwhash?: PwhashLimits;
        onProgress?: (done: number) => void;
    }): Promise<void>;
    get profile(): ProfileInfo;
    on(listener: (event: ClientEvent) => void): () => void;
    /** The same events as an async iterator; ends when `signal` aborts or the client closes. */
    events(signal?: AbortSignal): AsyncGenerator<ClientEvent>;
    /** Connects: receives on every queue and sends whatever waits in the outbox, until `close()`. */
    start(): Promise<void>;
    /** Sends what waits in the outbox; resolves when it is empty or after `timeoutMs`. */
    flush(options?: {
        timeoutMs?: number;
    }): Promise<{
        pending: number;
    }>;
    /**
     * Fetches and processes everything waiting on our queues and flushes the outbox, then resolves.
     * Throws `RelayUnreachableError` when none of our queues could be reached.
     */
    sync(options?: {
        timeoutMs?: number;
    }): Promise<SyncResult>;
    /** The contacts the user added (group members we were only introduced to are not listed). */
    contacts(): Promise<ContactInfo[]>;
    /** Invitations made and not yet accepted. */
    pendingInvitations(): Promise<{
        id: string;
        createdAt: number;
    }[]>;
    /**
     * Makes a one-time invitation link (show it as a QR code or send it over a channel you trust).
     * With `contact`, the invitation re-establishes the session with that existing contact (e.g. it
     * lost its device); an identity other than the pinned one is then refused.
     */
    createInvitation(options?: {
        contact?: string;
    }): Promise<{
        link: string;
        id: string;
    }>;
    /**
     * Accepts someone's invitation and names them. Sends them our name (encrypted) right away, so
     * their side learns who accepted. Refuses a name already used by a contact with another
     * identity key (`ContactIdentityChangedError`) unless `replaceIdentity` is set.
     */
    acceptInvitation(link: string, name: string, options?: {
        replaceIdentity?: boolean;
    }): Promise<ContactInfo>;
    safetyNumber(target: string): Promise<SafetyNumberInfo & {
        readonly changed?: SafetyNumberInfo;
    }>;
    /**
     * Marks a contact verified after the safety numbers were compared. For a contact whose identity
     * changed, this accepts the new identity (the safety number shown as `changed`).
     */
    markVerified(target: string): Promise<void>;
    /**
     * Saves and queues a text message; it goes out at once when the client is online (`start`,
     * `sync`, `flush`), else stays in the outbox. Delivery changes arrive as `delivery` events.
     */
    send(target: string, message: string): Promise<MessageInfo>;
    /** A page of a conversation, oldest first; page back with `before: page[0].seq`. */
    history(target: string, options?: HistoryOptions): Promise<MessageInfo[]>;
    /** Every query word must prefix a word of the message; newest first. */
    search(query: string, options?: {
        limit?: number;
    }): Promise<MessageInfo[]>;
    conversations(): Promise<ConversationInfo[]>;
    /** Marks what the contact sent as read, and tells them so if read receipts are on. */
    markRead(target: string): Promise<void>;
    /** Creates a group with us as its admin and `members` (contact names or ids) as members. */
    createGroup(name: string, members: readonly string[]): Promise<GroupInfo>;
    /** Adds a contact to a group (admins only); the other members are introduced to it. */
    addToGroup(group: string, member: string): Promise<GroupInfo>;
    /** Removes a member (admins only); everyone left makes a new sender key the removed one never gets. */
    removeFromGroup(group: string, member: string): Promise<GroupInfo>;
    /** Renames a group (admins only). */
    renameGroup(group: string, name: string): Promise<GroupInfo>;
    /** Makes a member an admin or a plain member again (admins only). */
    setGroupAdmin(group: string, member: string, admin: boolean): Promise<GroupInfo>;
    leaveGroup(group: string): Promise<GroupInfo>;
    groups(): Promise<GroupInfo[]>;
    groupMembers(group: string): Promise<GroupMemberInfo[]>;
    setName(name: string): Promise<void>;
    /** Changes the relay future invitations use (existing contacts keep their queues). */
    setRelay(relay: string): Promise<void>;
    changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>;
    /** Writes an encrypted backup of the whole profile; `onProgress` gets items done of about `total`. */
    exportBackup(file: string, passphrase: string, onProgress?: (done: number, total: number) => void): Promise<void>;
    close(): Promise<void>;
}
