/**
 * The JSON shapes of the local web app's API (issue 7): what the server in src/web sends and the
 * browser UI in src/web/ui reads. Types and one constant only, so the UI bundle pulls in nothing from Node.
 */
import type { ClientEvent, MessageInfo, ProfileInfo, SafetyNumberInfo } from '../client/types.js';

/** A QR code as its module grid: `rows[y][x]` is '1' for a dark module. Rendered by the UI as SVG. */
export interface QrMatrix {
  readonly size: number;
  readonly rows: readonly string[];
}

export interface AppState {
  readonly locked: boolean;
  /** The profile folder this app serves. */
  readonly profileDir: string;
  readonly profile: ProfileInfo | undefined;
}

export interface InvitationResponse {
  readonly link: string;
  readonly qr: QrMatrix;
}

export interface SafetyNumberResponse extends SafetyNumberInfo {
  readonly qr: QrMatrix;
  /**
   * Present while the contact's identity key has changed and is not yet accepted: the safety
   * number with the new key, which is what to compare (and what "mark verified" accepts).
   */
  readonly changed?: SafetyNumberInfo & { readonly qr: QrMatrix };
}

export interface BackupResponse {
  /** One-time download id: GET /api/backups/:id returns the file once, then it is deleted. */
  readonly downloadId: string;
  readonly fileName: string;
  readonly size: number;
}

export interface ApiErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/** What the event socket sends: the SDK's events plus the app's own. */
export type AppEvent =
  | ClientEvent
  | { readonly type: 'locked' }
  | { readonly type: 'unlocked'; readonly profile: ProfileInfo }
  | { readonly type: 'profile'; readonly profile: ProfileInfo }
  | { readonly type: 'backupProgress'; readonly done: number; readonly total: number }
  /** Upload of a file sent from this page (issue 8): `done` of `total` bytes are at the relay. */
  | { readonly type: 'attachmentProgress'; readonly uploadId: string; readonly done: number; readonly total: number };

export const EVENTS_PATH = '/api/events';

export interface HistoryResponse {
  /** Oldest first. */
  readonly messages: readonly MessageInfo[];
  /** Whether older messages may exist (page back with `before` = the first message's seq). */
  readonly hasMore: boolean;
}

/** A group we hold (GET /api/groups): the SDK's `GroupInfo`; `role` is `left` once we left or were removed. */
export interface GroupView {
  /** The group's conversation id. */
  readonly id: string;
  readonly name: string;
  readonly members: number;
  readonly role: 'admin' | 'member' | 'left';
}

/** One member of a group (GET /api/groups/:id/members). */
export interface GroupMemberView {
  /** Base64url identity key: what remove takes. */
  readonly identityKey: string;
  readonly name: string;
  readonly role: 'admin' | 'member';
  readonly self: boolean;
  /** The contact's id when the member is one of our contacts (not only a member we were introduced to). */
  readonly contactId: string | undefined;
  /** A contact whose safety number we compared and marked verified. */
  readonly verified: boolean;
  /** A contact whose identity key changed and is not yet accepted. */
  readonly identityChanged: boolean;
}
