/**
 * What the client keeps in the store's opaque blobs (issue 5): the contact record, the profile
 * settings and the list of open invitations, as versioned JSON validated on every read (the store
 * authenticates the bytes, the schema makes a bug or an old format a clear error, not a crash).
 * Binary fields are base64url. All of it is encrypted at rest by the store.
 */
import { z } from 'zod';
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
});
export type ContactRecord = z.infer<typeof ContactRecord>;

const ProfileSettings = z.object({
  v: z.literal(1),
  name: z.string().min(1).max(256),
  relay: z.string().max(255),
  readReceipts: z.boolean(),
});
export type ProfileSettings = z.infer<typeof ProfileSettings>;

const OpenInvitation = z.object({
  id: b64,
  queue: b64,
  createdAt: z.number().int().nonnegative(),
  /** Set when re-inviting an existing contact (e.g. after it lost its device). */
  contactId: z.string().max(128).optional(),
});
const OpenInvitations = z.object({ v: z.literal(1), open: z.array(OpenInvitation).max(10_000) });
export type OpenInvitation = z.infer<typeof OpenInvitation>;

/** Queues made ahead of time so an invitation can be made or accepted while the relay is away. */
const SpareQueues = z.object({ v: z.literal(1), queues: z.array(b64).max(16) });

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

export const SETTINGS = {
  profile: 'profile',
  invitations: 'invitations',
  spareQueues: 'spare-queues',
} as const;
