/**
 * The page's side of the local API (src/web/api.ts): same-origin fetches with the session
 * cookie, JSON in and out, typed errors.
 */
import type { ContactInfo, ConversationInfo, MessageInfo, ProfileInfo } from '../../../client/types.js';
import type {
  ApiErrorBody,
  AppState,
  BackupResponse,
  GroupMemberView,
  GroupView,
  HistoryResponse,
  InvitationResponse,
  SafetyNumberResponse,
} from '../../apiTypes.js';
import { localProgress } from './uploads.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: method === 'POST' ? { 'Content-Type': 'application/json' } : {},
      body: method === 'POST' ? JSON.stringify(body ?? {}) : null,
    });
  } catch {
    throw new ApiError(0, 'OFFLINE', 'Saltline is not running (the local app stopped).');
  }
  if (res.ok) return (await res.json()) as T;
  if (res.status === 403) throw new ApiError(403, 'FORBIDDEN', 'This page has lost its access. Open the address printed by `saltline app` again.');
  const parsed = (await res.json().catch(() => undefined)) as ApiErrorBody | undefined;
  throw new ApiError(res.status, parsed?.error.code ?? 'HTTP_' + String(res.status), parsed?.error.message ?? res.statusText);
}

const seg = encodeURIComponent;

export const api = {
  state: () => call<AppState>('GET', '/api/state'),
  unlock: (passphrase: string) => call<{ profile: ProfileInfo }>('POST', '/api/unlock', { passphrase }),
  lock: () => call<unknown>('POST', '/api/lock'),
  setName: (name: string) => call<ProfileInfo>('POST', '/api/profile/name', { name }),
  setRelay: (relay: string) => call<ProfileInfo>('POST', '/api/profile/relay', { relay }),
  changePassphrase: (oldPassphrase: string, newPassphrase: string) => call<unknown>('POST', '/api/profile/passphrase', { oldPassphrase, newPassphrase }),
  contacts: () => call<ContactInfo[]>('GET', '/api/contacts'),
  safetyNumber: (contactId: string) => call<SafetyNumberResponse>('GET', `/api/contacts/${seg(contactId)}/safety-number`),
  markVerified: (contactId: string) => call<unknown>('POST', `/api/contacts/${seg(contactId)}/verify`),
  conversations: () => call<ConversationInfo[]>('GET', '/api/conversations'),
  markRead: (conversationId: string) => call<unknown>('POST', `/api/conversations/${seg(conversationId)}/read`),
  history: (conversationId: string, page: { before?: number; around?: number; limit?: number } = {}) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(page)) if (v !== undefined) q.set(k, String(v));
    return call<HistoryResponse>('GET', `/api/conversations/${seg(conversationId)}/messages?${q.toString()}`);
  },
  send: (conversationId: string, text: string, replyTo?: string) => call<MessageInfo>('POST', `/api/conversations/${seg(conversationId)}/messages`, replyTo === undefined ? { text } : { text, replyTo }),
  // Issue 8:
  edit: (messageId: string, text: string) => call<MessageInfo>('POST', `/api/messages/${seg(messageId)}/edit`, { text }),
  deleteForEveryone: (messageId: string) => call<MessageInfo>('POST', `/api/messages/${seg(messageId)}/delete`),
  react: (messageId: string, emoji: string | null) => call<MessageInfo>('POST', `/api/messages/${seg(messageId)}/react`, { emoji }),
  disappearing: (conversationId: string) => call<{ seconds: number }>('GET', `/api/conversations/${seg(conversationId)}/disappearing`),
  setDisappearing: (conversationId: string, seconds: number) => call<MessageInfo>('POST', `/api/conversations/${seg(conversationId)}/disappearing`, { seconds }),
  typing: (conversationId: string, typing: boolean) => call<unknown>('POST', `/api/conversations/${seg(conversationId)}/typing`, { typing }),
  settings: () => call<{ readReceipts: boolean; typing: boolean }>('GET', '/api/settings'),
  setSettings: (change: { readReceipts?: boolean; typing?: boolean }) => call<{ readReceipts: boolean; typing: boolean }>('POST', '/api/settings', change),
  search: (q: string) => call<MessageInfo[]>('GET', `/api/search?${new URLSearchParams({ q, limit: '50' }).toString()}`),
  /** With `contact`: a new invitation for that existing contact. */
  createInvitation: (contact?: string) => call<InvitationResponse>('POST', '/api/invitations', contact === undefined ? {} : { contact }),
  acceptInvitation: (link: string, name: string, replaceIdentity = false) =>
    call<ContactInfo>('POST', '/api/invitations/accept', replaceIdentity ? { link, name, replaceIdentity } : { link, name }),
  exportBackup: (passphrase: string) => call<BackupResponse>('POST', '/api/backups', { passphrase }),
  groups: () => call<GroupView[]>('GET', '/api/groups'),
  createGroup: (name: string, members: readonly string[]) => call<GroupView>('POST', '/api/groups', { name, members }),
  groupMembers: (groupId: string) => call<GroupMemberView[]>('GET', `/api/groups/${seg(groupId)}/members`),
  addToGroup: (groupId: string, contactId: string) => call<GroupView>('POST', `/api/groups/${seg(groupId)}/members`, { member: contactId }),
  removeFromGroup: (groupId: string, identityKey: string) => call<GroupView>('POST', `/api/groups/${seg(groupId)}/remove`, { member: identityKey }),
  leaveGroup: (groupId: string) => call<GroupView>('POST', `/api/groups/${seg(groupId)}/leave`),
  renameGroup: (groupId: string, name: string) => call<GroupView>('POST', `/api/groups/${seg(groupId)}/rename`, { name }),
  setGroupAdmin: (groupId: string, identityKey: string, admin: boolean) => call<GroupView>('POST', `/api/groups/${seg(groupId)}/admin`, { member: identityKey, admin }),
};

export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Sends a file (issue 8): the body is `u32 thumbnail length ‖ thumbnail ‖ file`, built as a Blob
 * so the file is streamed, not copied; resolves with the message once the relay holds the file.
 */
export function uploadFile(conversationId: string, file: File, thumbnail: Uint8Array, uploadId: string): Promise<MessageInfo> {
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, thumbnail.length);
  const body = new Blob([head, thumbnail.slice(), file]);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/conversations/${seg(conversationId)}/attachments`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('X-Saltline-File-Name', encodeURIComponent(file.name));
    xhr.setRequestHeader('X-Saltline-File-Type', encodeURIComponent(file.type || 'application/octet-stream'));
    xhr.setRequestHeader('X-Saltline-Upload-Id', uploadId);
    xhr.upload.onprogress = (e) => localProgress(uploadId, Math.min(file.size, e.loaded));
    xhr.onload = () => {
      if (xhr.status === 200) return resolve(JSON.parse(xhr.responseText) as MessageInfo);
      const parsed = ((): ApiErrorBody | undefined => {
        try {
          return JSON.parse(xhr.responseText) as ApiErrorBody;
        } catch {
          return undefined;
        }
      })();
      reject(new ApiError(xhr.status, parsed?.error.code ?? `HTTP_${xhr.status}`, parsed?.error.message ?? xhr.statusText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'OFFLINE', 'Saltline is not running (the local app stopped).'));
    xhr.send(body);
  });
}
