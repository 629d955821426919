/**
 * What the client keeps in the store's opaque blobs (issue 5): the contact record, the profile
 * settings and the list of open invitations, as versioned JSON validated on every read (the store
 * authenticates the bytes, the schema makes a bug or an old format a clear error, not a crash).
 * Binary fields are base64url. All of it is encrypted at rest by the store.
 */
import { z } from 'zod';
import { SaltlineError } from '../crypto/errors.js';
export declare class RecordFormatError extends SaltlineError {
    constructor(what: string);
}
declare const ContactRecord: z.ZodObject<{
    v: z.ZodLiteral<1>;
    identity: z.ZodString;
    queue: z.ZodString;
    conversationId: z.ZodString;
    peerAddress: z.ZodString;
    selfName: z.ZodOptional<z.ZodString>;
    identityChanged: z.ZodBoolean;
    pending: z.ZodOptional<z.ZodObject<{
        identity: z.ZodString;
        session: z.ZodString;
        address: z.ZodString;
        queue: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
    hidden: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strip>;
export type ContactRecord = z.infer<typeof ContactRecord>;
declare const ProfileSettings: z.ZodObject<{
    v: z.ZodLiteral<1>;
    name: z.ZodString;
    relay: z.ZodString;
    readReceipts: z.ZodBoolean;
}, z.core.$strip>;
export type ProfileSettings = z.infer<typeof ProfileSettings>;
declare const OpenInvitation: z.ZodObject<{
    id: z.ZodString;
    queue: z.ZodString;
    createdAt: z.ZodNumber;
    contactId: z.ZodOptional<z.ZodString>;
    member: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type OpenInvitation = z.infer<typeof OpenInvitation>;
/** Marks a conversation as a group's (in `Conversation.meta`). */
declare const GroupConversation: z.ZodObject<{
    v: z.ZodLiteral<1>;
    kind: z.ZodLiteral<"group">;
    groupId: z.ZodString;
}, z.core.$strip>;
export type GroupConversation = z.infer<typeof GroupConversation>;
/**
 * A group's record, kept in its conversation's session slot so it commits atomically with the
 * messages and envelopes it produced (issue 6): the protocol's group record and what the client
 * holds for it. Keys of the maps are member identity keys (hex).
 */
declare const GroupRecord: z.ZodObject<{
    v: z.ZodLiteral<1>;
    group: z.ZodString;
    queue: z.ZodOptional<z.ZodString>;
    waiting: z.ZodRecord<z.ZodString, z.ZodArray<z.ZodString>>;
    introduced: z.ZodRecord<z.ZodString, z.ZodString>;
    owesKey: z.ZodOptional<z.ZodBoolean>;
}, z.core.$strip>;
export type GroupRecord = z.infer<typeof GroupRecord>;
/**
 * What arrived before we could use it: pairwise payloads and introductions for a group we do not
 * hold yet (until its welcome), group messages under a sender key we do not hold yet (until a key
 * arrives; `groupId` empty), and pairwise payload fragments still being collected.
 */
declare const GroupInbox: z.ZodObject<{
    v: z.ZodLiteral<1>;
    early: z.ZodArray<z.ZodObject<{
        groupId: z.ZodString;
        from: z.ZodOptional<z.ZodString>;
        kind: z.ZodEnum<{
            message: "message";
            payload: "payload";
            introduction: "introduction";
        }>;
        bytes: z.ZodString;
    }, z.core.$strip>>;
    fragments: z.ZodArray<z.ZodObject<{
        peer: z.ZodString;
        set: z.ZodString;
        units: z.ZodArray<z.ZodString>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type GroupInbox = z.infer<typeof GroupInbox>;
export declare const contactRecord: {
    encode(value: {
        v: 1;
        identity: string;
        queue: string;
        conversationId: string;
        peerAddress: string;
        identityChanged: boolean;
        selfName?: string | undefined;
        pending?: {
            identity: string;
            session: string;
            address: string;
            queue?: string | undefined;
        } | undefined;
        hidden?: boolean | undefined;
    }): Uint8Array;
    decode(bytes: Uint8Array): {
        v: 1;
        identity: string;
        queue: string;
        conversationId: string;
        peerAddress: string;
        identityChanged: boolean;
        selfName?: string | undefined;
        pending?: {
            identity: string;
            session: string;
            address: string;
            queue?: string | undefined;
        } | undefined;
        hidden?: boolean | undefined;
    };
};
export declare const profileSettings: {
    encode(value: {
        v: 1;
        name: string;
        relay: string;
        readReceipts: boolean;
    }): Uint8Array;
    decode(bytes: Uint8Array): {
        v: 1;
        name: string;
        relay: string;
        readReceipts: boolean;
    };
};
export declare const openInvitations: {
    encode(value: {
        v: 1;
        open: {
            id: string;
            queue: string;
            createdAt: number;
            contactId?: string | undefined;
            member?: string | undefined;
        }[];
    }): Uint8Array;
    decode(bytes: Uint8Array): {
        v: 1;
        open: {
            id: string;
            queue: string;
            createdAt: number;
            contactId?: string | undefined;
            member?: string | undefined;
        }[];
    };
};
export declare const spareQueues: {
    encode(value: {
        v: 1;
        queues: string[];
    }): Uint8Array;
    decode(bytes: Uint8Array): {
        v: 1;
        queues: string[];
    };
};
export declare const groupConversation: {
    encode(value: {
        v: 1;
        kind: "group";
        groupId: string;
    }): Uint8Array;
    decode(bytes: Uint8Array): {
        v: 1;
        kind: "group";
        groupId: string;
    };
};
export declare const groupRecord: {
    encode(value: {
        v: 1;
        group: string;
        waiting: Record<string, string[]>;
        introduced: Record<string, string>;
        queue?: string | undefined;
        owesKey?: boolean | undefined;
    }): Uint8Array;
    decode(bytes: Uint8Array): {
        v: 1;
        group: string;
        waiting: Record<string, string[]>;
        introduced: Record<string, string>;
        queue?: string | undefined;
        owesKey?: boolean | undefined;
    };
};
export declare const groupInbox: {
    encode(value: {
        v: 1;
        early: {
            groupId: string;
            kind: "message" | "payload" | "introduction";
            bytes: string;
            from?: string | undefined;
        }[];
        fragments: {
            peer: string;
            set: string;
            units: string[];
        }[];
    }): Uint8Array;
    decode(bytes: Uint8Array): {
        v: 1;
        early: {
            groupId: string;
            kind: "message" | "payload" | "introduction";
            bytes: string;
            from?: string | undefined;
        }[];
        fragments: {
            peer: string;
            set: string;
            units: string[];
        }[];
    };
};
export declare const SETTINGS: {
    readonly profile: "profile";
    readonly invitations: "invitations";
    readonly spareQueues: "spare-queues";
    readonly groupInbox: "group-inbox";
};
export {};
