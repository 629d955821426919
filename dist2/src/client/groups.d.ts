/**
 * Groups in the SDK (issue 6 item 6; docs/groups.md "What the client must do" and
 * "Introductions"): the client side of the pure group protocol in src/protocol/group.
 *
 * - A group is a conversation (id = the group id, base64url) whose session slot holds the group
 *   record (`GroupRecord`: the protocol's serialized group plus what the client waits on), so each
 *   change of group state commits atomically with the message row, the 1:1 ratchet steps and the
 *   envelopes it produced.
 * - Pairwise payloads travel inside 1:1 sessions as the `group` content kind; their sender is the
 *   session's authenticated peer, never a field of the payload.
 * - Addresses: the creator lists a fresh queue of its own; every other member is listed with the
 *   queue it made for the admin who added it. Envelopes are routed by their type byte (1/2 → 1:1
 *   session, 3 → group message, 4 → introduction), whatever queue they arrive on.
 * - Members without a 1:1 session are introduced (whoever first has something for the other
 *   invites, with an ordinary one-time invitation on a fresh queue; the lower identity key's wins
 *   if both do) and stored as hidden contacts; what waits for them goes out once the session exists.
 * - Scale (1,000 members): our sender key and passed-on changes are not worth an introduction on
 *   their own — they wait until we first send (`owesKey`), so members who only read set up no
 *   sessions with each other. Decoded groups are cached while the client is open, found by key id
 *   for each incoming group message; nothing on the message path walks all members or contacts.
 *
 * Every method runs under the client's lock.
 */
import { SaltlineError, type IdentityPublicKey, type Rng } from '../crypto/index.js';
import { type Identity, type Invitation } from '../protocol/index.js';
import { type Group } from '../protocol/group/index.js';
import type { Contact, Store, StoredMessage } from '../store/types.js';
import { type RecipientQueue } from '../transport/index.js';
import { type ContactRecord, type GroupRecord } from './records.js';
import type { ClientEvent, ConversationInfo, MessageInfo } from './types.js';
/** A contact with its decoded record. */
export interface ContactView {
    readonly contact: Contact;
    readonly record: ContactRecord;
}
export interface GroupInfo {
    readonly id: string;
    readonly name: string;
    readonly members: number;
    /** Our role; `left` once we left or were removed. */
    readonly role: 'admin' | 'member' | 'left';
}
export interface GroupMemberInfo {
    /** Base64url identity key. */
    readonly identityKey: string;
    /** The contact's name, or the name the member chose for itself, or a short key for someone we have not heard from. */
    readonly name: string;
    readonly role: 'admin' | 'member';
    readonly self: boolean;
    /** A contact the user added (not only a group member we were introduced to). */
    readonly contact: boolean;
}
/** What the client lends the group logic (its private parts, behind the lock). */
export interface GroupHost {
    readonly store: Store;
    readonly identity: Identity;
    readonly rng: Rng;
    now(): number;
    /** A queue of ours on our relay (a spare one if there is one). */
    takeQueue(): Promise<RecipientQueue>;
    registerGroupQueue(queue: RecipientQueue, conversationId: string): void;
    /** Makes a one-time invitation on a fresh queue that only `member` may answer. */
    introductionInvitation(member: IdentityPublicKey): Promise<{
        invitation: Invitation;
        id: string;
    }>;
    /** Accepts an introduction's invitation: a hidden contact, our profile sent as the first message. */
    acceptIntroduction(invitation: Invitation): Promise<ContactView>;
    contacts(): Promise<ContactView[]>;
    messageInfo(m: StoredMessage, names: ReadonlyMap<string, string>): MessageInfo;
    emit(event: ClientEvent): void;
    /** Wakes the outbox sender, if running. */
    kick(): Promise<void>;
}
interface LoadedGroup {
    readonly conversationId: string;
    readonly record: GroupRecord;
    readonly group: Group;
}
export declare class UnknownGroupError extends SaltlineError {
    constructor(target: string);
}
export declare class NotGroupMemberError extends SaltlineError {
    constructor(what: string);
}
export declare class Groups {
    #private;
    constructor(host: GroupHost);
    /** A group by conversation id or name (case-insensitive), or undefined. */
    find(target: string): Promise<LoadedGroup | undefined>;
    /** Queues made for groups (registered when the profile opens). */
    queues(): Promise<{
        queue: RecipientQueue;
        conversationId: string;
    }[]>;
    /** A 1:1 session with `c` now exists: send what waited for it in every group (and our key, if held back). */
    sessionReady(c: ContactView): Promise<void>;
    create(name: string, members: readonly string[]): Promise<GroupInfo>;
    add(target: string, member: string): Promise<GroupInfo>;
    remove(target: string, member: string): Promise<GroupInfo>;
    rename(target: string, name: string): Promise<GroupInfo>;
    /** Makes a member an admin (`admin`) or a plain member again (admins only). */
    setAdmin(target: string, member: string, admin: boolean): Promise<GroupInfo>;
    leave(target: string): Promise<GroupInfo>;
    list(): Promise<GroupInfo[]>;
    members(target: string): Promise<GroupMemberInfo[]>;
    conversations(names: ReadonlyMap<string, string>): Promise<ConversationInfo[]>;
    /** Encrypts once and queues the same envelope for every other member, with the row and the group record in one commit. */
    send(found: LoadedGroup, text: string): Promise<StoredMessage>;
    /** A group message (envelope type 3), on whichever of our queues it arrived. */
    receiveMessage(envelope: Buffer): Promise<void>;
    /** An introduction (envelope type 4): accept the invitation inside if it comes from a member of a group we hold. */
    receiveIntroduction(envelope: Buffer): Promise<void>;
    /**
     * A `group` content that arrived over the 1:1 session with `from`; `session` is that session's
     * new state, committed with whatever the payload changes (or alone, if the payload is refused).
     */
    receivePairwise(from: ContactView, session: Uint8Array, payload: Buffer): Promise<void>;
}
export {};
