import type { PwhashLimits } from '../crypto/pwhash.js';
import { type Rng } from '../crypto/random.js';
import { type MasterKey } from './header.js';
import { type KeyringData } from './keyring.js';
import { type ProfileTables } from './lanceTables.js';
import { type ProfileLock } from './lock.js';
import { type Contact, type Conversation, type DeliveryState, type HistoryOptions, type NewMessage, type OutboxEntry, type SearchOptions, type Store, type StoreBatch, type StoredMessage } from './types.js';
export interface StoreOptions {
    readonly rng?: Rng;
    /** Rows kept in the journal before they are flushed to LanceDB in one batch. */
    readonly flushRows?: number;
    /** Idle flush period for fewer rows. */
    readonly flushIntervalMs?: number;
    /** Compact, reindex and prune LanceDB after this many flushes… */
    readonly optimizeEveryFlushes?: number;
    /** …or once this many flushed rows wait for LanceDB's indexes (they are served from memory meanwhile). */
    readonly optimizeRows?: number;
}
export interface CreateOptions extends StoreOptions {
    /** Argon2id limits; MODERATE unless given (tests pass PWHASH_LIMITS.min). */
    readonly pwhash?: PwhashLimits;
}
/** Creates a new profile in an empty (or missing) folder and returns it open. */
export declare function createProfile(dir: string, passphrase: string, options?: CreateOptions): Promise<LanceStore>;
/**
 * Opens a profile. A wrong passphrase throws before anything in the folder is touched; a profile
 * of an older format is migrated first (migrate.ts), a newer one is refused.
 */
export declare function openProfile(dir: string, passphrase: string, options?: StoreOptions): Promise<LanceStore>;
export declare class LanceStore implements Store {
    #private;
    readonly dir: string;
    /** @internal use createProfile/openProfile */
    constructor(dir: string, master: MasterKey, tables: ProfileTables, lock: ProfileLock, options: StoreOptions);
    /** @internal */
    init(keyring: KeyringData, fresh: boolean): Promise<void>;
    close(): Promise<void>;
    /** Re-wraps the master key under a new passphrase; nothing else changes. */
    changePassphrase(oldPassphrase: string, newPassphrase: string, pwhash?: PwhashLimits): Promise<void>;
    /** Flushes the journal into LanceDB now (normally done in the background). */
    flush(): Promise<void>;
    /** Flushes, then compacts, reindexes and prunes every older LanceDB version. */
    compact(): Promise<void>;
    getIdentity(): Promise<Uint8Array | undefined>;
    putIdentity(blob: Uint8Array): Promise<void>;
    putContact(contact: Contact): Promise<void>;
    getContact(id: string): Promise<Contact | undefined>;
    listContacts(): Promise<Contact[]>;
    deleteContact(id: string): Promise<void>;
    putConversation(conversation: Conversation): Promise<void>;
    getConversation(id: string): Promise<Conversation | undefined>;
    listConversations(): Promise<Conversation[]>;
    getSession(conversationId: string): Promise<Uint8Array | undefined>;
    putSession(conversationId: string, state: Uint8Array): Promise<void>;
    putOutbox(entry: OutboxEntry): Promise<void>;
    listOutbox(): Promise<OutboxEntry[]>;
    deleteOutbox(id: string): Promise<void>;
    getSetting(key: string): Promise<Uint8Array | undefined>;
    putSetting(key: string, value: Uint8Array): Promise<void>;
    deleteSetting(key: string): Promise<void>;
    /** All settings (for export). */
    listSettings(): {
        key: string;
        value: Uint8Array;
    }[];
    putInvitation(id: string, secret: Uint8Array): Promise<void>;
    getInvitation(id: string): Promise<Uint8Array | undefined>;
    takeInvitation(id: string): Promise<Uint8Array | undefined>;
    deleteInvitation(id: string): Promise<void>;
    /** Invitation ids and secrets (for export). */
    listInvitations(): {
        id: string;
        secret: Uint8Array;
    }[];
    saveMessage(message: NewMessage): Promise<StoredMessage>;
    commit(batch: StoreBatch): Promise<StoredMessage | undefined>;
    /**
     * Saves many messages as one transaction — one journal record, one sync — and resolves once all
     * are durable. Checks every message before saving any.
     */
    appendMessages(messages: readonly NewMessage[]): Promise<StoredMessage[]>;
    saveIncoming(conversationId: string, sessionState: Uint8Array, message: NewMessage): Promise<StoredMessage>;
    getMessage(conversationId: string, id: string): Promise<StoredMessage | undefined>;
    setDelivery(conversationId: string, id: string, state: DeliveryState): Promise<void>;
    history(conversationId: string, options?: HistoryOptions): Promise<StoredMessage[]>;
    search(query: string, options?: SearchOptions): Promise<StoredMessage[]>;
    /**
     * Deletes one message. Cryptographically: its epoch gets a new key generation, the epoch's other
     * rows are re-encrypted under it and the old key leaves the keyring; the blind-index batch that
     * lists it is rewritten without it under a new key and the old batch key is destroyed. Then the
     * rows are deleted from LanceDB (by opaque numbers only) and compaction + pruning follows within
     * seconds (and at close). Every old copy is unreadable as soon as this resolves.
     */
    deleteMessage(conversationId: string, id: string): Promise<void>;
    /** Deletes several messages of a conversation (e.g. expired ones) at the cost of about one. */
    deleteMessages(conversationId: string, ids: readonly string[]): Promise<void>;
    /** Removes the conversation, its session and all its messages, and destroys its keys. */
    deleteConversation(conversationId: string): Promise<void>;
    /** Every message of a conversation, oldest first, a page at a time (for export). */
    allMessages(conversationId: string): AsyncGenerator<StoredMessage>;
}
