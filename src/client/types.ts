/**
 * The SDK's public types (issue 5): what a `Client` returns and emits. Ids are opaque strings
 * (random, base64url); times are milliseconds since the epoch.
 */
export const DELIVERY_STATE = {
  /** Saved locally, not yet accepted by the relay. */
  sending: 'sending',
  /** Accepted (durably) by the recipient's relay. */
  sent: 'sent',
  /** The recipient's device decrypted and saved it (end-to-end receipt). */
  delivered: 'delivered',
  /** The recipient opened the conversation (only if they send read receipts). */
  read: 'read',
  /** A message we received. */
  received: 'received',
  /** Gave up (e.g. the contact's identity changed before it was sent). */
  failed: 'failed',
} as const;
export type DeliveryState = (typeof DELIVERY_STATE)[keyof typeof DELIVERY_STATE];

export interface ProfileInfo {
  readonly name: string;
  readonly relay: string;
  /** Our identity key, base64url (for display; compare safety numbers, not this). */
  readonly identityKey: string;
}

export interface ContactInfo {
  readonly id: string;
  readonly name: string;
  readonly verified: boolean;
  /** The contact presented a different identity key than the pinned one: sending is blocked. */
  readonly identityChanged: boolean;
  /** The conversation with this contact. */
  readonly conversationId: string;
  /** False until the contact's first message has completed the handshake on our side. */
  readonly established: boolean;
}

export interface ConversationInfo {
  readonly id: string;
  readonly kind: 'direct' | 'group';
  readonly name: string;
  readonly unread: number;
  readonly lastMessage: MessageInfo | undefined;
}

export interface MessageInfo {
  readonly id: string;
  readonly conversationId: string;
  /** Position in the conversation; history pages with `before: seq`. */
  readonly seq: number;
  /** True for messages we sent. */
  readonly outgoing: boolean;
  /** Contact id of the sender for incoming messages. */
  readonly senderId: string | undefined;
  readonly senderName: string;
  readonly text: string;
  readonly sentAt: number;
  readonly state: DeliveryState;
  /** Present when the message carries a file (issue 8 item 1); `text` then reads "📎 name". */
  readonly attachment?: AttachmentInfo;
  // Issue 8 (each absent when it does not apply):
  /** The author edited it (the text is the latest version). */
  readonly edited?: boolean;
  /** Deleted for everyone: `text` is empty. */
  readonly deleted?: boolean;
  /** One per person who reacted. */
  readonly reactions?: readonly ReactionInfo[];
  /** The message this one quotes. */
  readonly replyTo?: QuotedMessage;
  /** When it disappears from this device (ms). */
  readonly expiresAt?: number;
  /** A received disappearing message not read yet: it disappears this many seconds after it is read (`markRead`). */
  readonly expiresIn?: number;
  /** A system line: the disappearing timer was set to this many seconds (0 = off) by the sender. */
  readonly timer?: number;
}

export interface ReactionInfo {
  readonly emoji: string;
  /** Contact id of who reacted; undefined for us. */
  readonly senderId: string | undefined;
  readonly senderName: string;
}

export interface QuotedMessage {
  readonly id: string;
  /** The quoted text (shortened); undefined when that message is gone or deleted. */
  readonly text: string | undefined;
  readonly senderName: string | undefined;
}

export type AttachmentState = 'uploading' | 'downloading' | 'stored' | 'remote' | 'failed';

/** A message's file (issue 8 item 1): what to show before and after downloading it. */
export interface AttachmentInfo {
  readonly name: string;
  /** Plaintext bytes. */
  readonly size: number;
  readonly mime: string;
  readonly hasThumbnail: boolean;
  /** `stored`: the encrypted file is in the profile; `remote`: not downloaded (yet). */
  readonly state: AttachmentState;
}

export interface SafetyNumberInfo {
  readonly digits: string;
  readonly groups: readonly string[];
  /** Base64url QR payload (both fingerprints), to render as a QR code. */
  readonly qrPayload: string;
}

export type ClientEvent =
  | { readonly type: 'message'; readonly message: MessageInfo }
  | { readonly type: 'delivery'; readonly messageId: string; readonly conversationId: string; readonly state: DeliveryState }
  | { readonly type: 'contact'; readonly contact: ContactInfo }
  | { readonly type: 'identityChanged'; readonly contactId: string; readonly name: string }
  | { readonly type: 'connection'; readonly online: boolean }
  /** A group's state changed: created, joined, member added or removed, left, renamed, admin changed, or we were removed (issue 6). */
  | { readonly type: 'groupChanged'; readonly groupId: string; readonly conversationId: string }
  // Issue 8: the message as it is now.
  | { readonly type: 'edited'; readonly message: MessageInfo }
  | { readonly type: 'deleted'; readonly message: MessageInfo }
  | { readonly type: 'reaction'; readonly message: MessageInfo }
  /** The disappearing timer changed (`message` is the system line). */
  | { readonly type: 'timer'; readonly conversationId: string; readonly seconds: number; readonly message: MessageInfo }
  /** Disappearing messages were deleted from this device. */
  | { readonly type: 'expired'; readonly conversationId: string; readonly messageIds: readonly string[] }
  /** Only when typing indicators are on. */
  | { readonly type: 'typing'; readonly conversationId: string; readonly senderId: string; readonly senderName: string; readonly typing: boolean };

export interface HistoryOptions {
  /** Only messages with `seq` below this (a cursor from the previous page). */
  readonly before?: number;
  /** At most this many, newest first in the store, returned oldest first. Default 50. */
  readonly limit?: number;
}

/** The SDK surface the CLI and the web app are written against. */
export interface ChatClient {
  readonly profile: ProfileInfo;
  createInvitation(): Promise<{ link: string }>;
  acceptInvitation(link: string, name: string): Promise<ContactInfo>;
  contacts(): Promise<ContactInfo[]>;
  conversations(): Promise<ConversationInfo[]>;
  /** `target` is a contact id, a conversation id, or a contact's name. */
  send(target: string, text: string): Promise<MessageInfo>;
  history(target: string, options?: HistoryOptions): Promise<MessageInfo[]>;
  search(query: string, options?: { limit?: number }): Promise<MessageInfo[]>;
  safetyNumber(contact: string): Promise<SafetyNumberInfo>;
  markVerified(contact: string): Promise<void>;
  markRead(conversationId: string): Promise<void>;
  setName(name: string): Promise<void>;
  changePassphrase(oldPassphrase: string, newPassphrase: string): Promise<void>;
  exportBackup(file: string, passphrase: string, onProgress?: (done: number, total: number) => void): Promise<void>;
  /** Fetches and processes everything waiting and flushes the outbox, then resolves. */
  sync(): Promise<{ received: number; sent: number }>;
  /** Subscribe to events; returns an unsubscribe function. */
  on(listener: (event: ClientEvent) => void): () => void;
  close(): Promise<void>;
}
