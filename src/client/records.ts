/**
 * What the client keeps in the store's opaque blobs (issue 5): the contact record, the profile
 * settings and the list of open invitations, as versioned JSON validated on every read (the store
 * authenticates the bytes, the schema makes a bug or an old format a clear error, not a crash).
 * Binary fields are base64url. All of it is encrypted at rest by the store.
 */
import { z } from 'zod';
import { fromBase64Url } from '../crypto/bytes.js';
import { SaltlineError } from '../crypto/errors.js';

export class RecordFormatError extends SaltlineError {
  constructor(what: string) {
    super('RECORD_FORMAT', `stored ${what} has an unknown format`);
  }
}

const b64 = z.string().regex(/^[A-Za-z0-9_-]*$/).max(8192);

/** A session offered by a contact whose identity key changed: kept aside until the user confirms it. */
const PendingIdentity = z.object({
  identity: b64,
  session: b64,
  address: b64,
  queue: b64.optional(),
});

const ContactRecord = z.object({
  v: z.literal(1),
  /** The contact's public identity (identity key, signed DH key), pinned at the handshake. */
  identity: b64,
  /** Our queue for this contact (it sends into it). */
  queue: b64,
  conversationId: z.string().min(1).max(128),
  /** Their delivery address (we send into it). */
  peerAddress: b64,
  /** The name the contact chose for itself, when it told us. */
  selfName: z.string().max(256).optional(),
  identityChanged: z.boolean(),
  pending: PendingIdentity.optional(),
  /** A group member we were introduced to (issue 6): not listed among the contacts. */
  hidden: z.boolean().optional(),
});
export type ContactRecord = z.infer<typeof ContactRecord>;

/** The contact's identity key: the first 32 bytes of its pinned public identity. */
export function contactIdentityKey(record: ContactRecord): Buffer {
  const identity = fromBase64Url(record.identity);
  if (!identity || identity.length < 32) throw new RecordFormatError('contact identity');
  return identity.subarray(0, 32);
}

const ProfileSettings = z.object({
  v: z.literal(1),
  name: z.string().min(1).max(256),
  relay: z.string().max(255),
  readReceipts: z.boolean(),
  /** Typing indicators (issue 8), off unless turned on. */
  typing: z.boolean().optional(),
});
export type ProfileSettings = z.infer<typeof ProfileSettings>;

const OpenInvitation = z.object({
  id: b64,
  queue: b64,
  createdAt: z.number().int().nonnegative(),
  /** Set when re-inviting an existing contact (e.g. after it lost its device). */
  contactId: z.string().max(128).optional(),
  /** An introduction to a group member (issue 6): only that identity key (base64url) may answer. */
  member: b64.optional(),
});
const OpenInvitations = z.object({ v: z.literal(1), open: z.array(OpenInvitation).max(10_000) });
export type OpenInvitation = z.infer<typeof OpenInvitation>;

/** Queues made ahead of time so an invitation can be made or accepted while the relay is away. */
const SpareQueues = z.object({ v: z.literal(1), queues: z.array(b64).max(16) });

/** Marks a conversation as a group's (in `Conversation.meta`). */
const GroupConversation = z.object({ v: z.literal(1), kind: z.literal('group'), groupId: b64 });
export type GroupConversation = z.infer<typeof GroupConversation>;

const bigB64 = z.string().regex(/^[A-Za-z0-9_-]*$/).max(24 * 1024 * 1024);

/**
 * A group's record, kept in its conversation's session slot so it commits atomically with the
 * messages and envelopes it produced (issue 6): the protocol's group record and what the client
 * holds for it. Keys of the maps are member identity keys (hex).
 */
const GroupRecord = z.object({
  v: z.literal(1),
  /** serializeGroup(group). */
  group: bigB64,
  /** The receive queue we made for this group (creators only: members use their queue for the admin who added them). */
  queue: b64.optional(),
  /** Pairwise payloads for members we have no 1:1 session with yet. */
  waiting: z.record(z.string().max(64), z.array(bigB64).max(256)),
  /** Members we sent an introduction to (the invitation id). */
  introduced: z.record(z.string().max(64), b64),
  /**
   * Some members we have no session with lack our sender key (it was not worth an introduction
   * until we send): given to them, with introductions, before our next message.
   */
  owesKey: z.boolean().optional(),
});
export type GroupRecord = z.infer<typeof GroupRecord>;

/**
 * What arrived before we could use it: pairwise payloads and introductions for a group we do not
 * hold yet (until its welcome), group messages under a sender key we do not hold yet (until a key
 * arrives; `groupId` empty), and pairwise payload fragments still being collected.
 */
const GroupInbox = z.object({
  v: z.literal(1),
  early: z.array(z.object({ groupId: b64, from: b64.optional(), kind: z.enum(['payload', 'introduction', 'message']), bytes: bigB64 })).max(256),
  fragments: z.array(z.object({ peer: b64, set: b64, units: z.array(bigB64).max(128) })).max(64),
});
export type GroupInbox = z.infer<typeof GroupInbox>;

function codec<T>(schema: z.ZodType<T>, what: string): { encode(value: T): Uint8Array; decode(bytes: Uint8Array): T } {
  return {
    encode: (value) => Buffer.from(JSON.stringify(value), 'utf8'),
    decode: (bytes) => {
      let raw: unknown;
      try {
        raw = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
      } catch {
        throw new RecordFormatError(what);
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) throw new RecordFormatError(what);
      return parsed.data;
    },
  };
}

export const contactRecord = codec(ContactRecord, 'contact');
export const profileSettings = codec(ProfileSettings, 'profile settings');
export const openInvitations = codec(OpenInvitations, 'invitations');
export const spareQueues = codec(SpareQueues, 'spare queues');
export const groupConversation = codec(GroupConversation, 'group conversation');
export const groupRecord = codec(GroupRecord, 'group');
export const groupInbox = codec(GroupInbox, 'group inbox');

export const SETTINGS = {
  profile: 'profile',
  invitations: 'invitations',
  spareQueues: 'spare-queues',
  groupInbox: 'group-inbox',
  disappearing: 'disappearing',
  heldControls: 'held-controls',
  groupReceipts: 'group-receipts',
} as const;

/** Disappearing-message timers per conversation (issue 8), and from which seq on a message may carry an expiry. */
const DisappearingTimers = z.object({
  v: z.literal(1),
  conversations: z.record(z.string().max(128), z.object({ seconds: z.number().int().nonnegative(), fromSeq: z.number().int().nonnegative() })),
});
export type DisappearingTimers = z.infer<typeof DisappearingTimers>;
export const disappearingTimers = codec(DisappearingTimers, 'disappearing timers');

/**
 * Edits, deletions and reactions that arrived before the message they change (issue 8), per
 * conversation in arrival order: who sent each (as the channel authenticated it), when it arrived
 * (our clock), its target's id and the encoded control content (src/client/heldControls.ts).
 */
const HeldControls = z.object({
  v: z.literal(1),
  conversations: z.record(
    z.string().max(128),
    z.array(z.object({ id: b64, sender: z.string().min(1).max(256), at: z.number().int().nonnegative(), target: b64, content: bigB64 })).max(256),
  ),
});
export type HeldControlsRecord = z.infer<typeof HeldControls>;
export const heldControls = codec(HeldControls, 'held control messages');

/**
 * Our group messages still waiting for receipts (src/client/groupReceipts.ts), oldest first: for
 * each, its conversation and the members (identity key, hex) it was sent to that still owe a
 * receipt — 0: delivery and read, 1: only read (delivered) — and what the receipts counted so far said.
 */
const GroupReceiptsRecord = z.object({
  v: z.literal(1),
  messages: z
    .array(
      z.object({
        id: b64,
        conversationId: z.string().min(1).max(128),
        owed: z.record(z.string().regex(/^[0-9a-f]{64}$/), z.union([z.literal(0), z.literal(1)])).refine((o) => Object.keys(o).length <= 256),
        /** The most any counted receipt said (1 delivered, 2 read): what the message reached once nobody is owed any more. */
        seen: z.union([z.literal(1), z.literal(2)]).optional(),
      }),
    )
    .max(256),
});
export type GroupReceiptsRecord = z.infer<typeof GroupReceiptsRecord>;
export const groupReceipts = codec(GroupReceiptsRecord, 'group receipts');
