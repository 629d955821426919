/**
 * What the local web app needs from the SDK (issue 7, item 1): the `ChatClient` surface plus the
 * options the real `Client` (src/client/client.ts) has beyond it — re-inviting a contact, accepting
 * an invitation that replaces a contact's key, the new safety number after an identity change, and
 * the relay setting, the relay connection and groups. `Client` satisfies this interface as it is.
 */
import type { GroupInfo, GroupMemberInfo } from '../client/groups.js';
import type { ChatClient, ContactInfo, MessageInfo, SafetyNumberInfo } from '../client/types.js';

export interface WebClient extends ChatClient {
  /** With `contact`: a new invitation for an existing contact (who reinstalled or lost a device). */
  createInvitation(options?: { contact?: string }): Promise<{ link: string }>;
  /** `replaceIdentity`: the name belongs to a contact with another key, and the user chose to replace it. */
  acceptInvitation(link: string, name: string, options?: { replaceIdentity?: boolean }): Promise<ContactInfo>;
  /** After an identity change, `changed` is the safety number with the contact's new key. */
  safetyNumber(contact: string): Promise<SafetyNumberInfo & { readonly changed?: SafetyNumberInfo }>;
  /** The relay new invitations use. */
  setRelay(relay: string): Promise<void>;
  /** Whether our queues are reachable on the relay; undefined until the client has tried. */
  readonly relayConnected: boolean | undefined;
  // Groups (issue 6, src/client/groups.ts): `group` is a group's conversation id, `member` a contact id or (remove) an identity key.
  createGroup(name: string, members: readonly string[]): Promise<GroupInfo>;
  addToGroup(group: string, member: string): Promise<GroupInfo>;
  removeFromGroup(group: string, member: string): Promise<GroupInfo>;
  leaveGroup(group: string): Promise<GroupInfo>;
  renameGroup(group: string, name: string): Promise<GroupInfo>;
  /** `member`: an identity key (or a member's name). */
  setGroupAdmin(group: string, member: string, admin: boolean): Promise<GroupInfo>;
  groups(): Promise<GroupInfo[]>;
  groupMembers(group: string): Promise<GroupMemberInfo[]>;
  // Issue 8 (src/client/messageActions.ts):
  send(target: string, text: string, options?: { replyTo?: string }): Promise<MessageInfo>;
  edit(messageId: string, text: string): Promise<MessageInfo>;
  deleteForEveryone(messageId: string): Promise<MessageInfo>;
  react(messageId: string, emoji: string | null): Promise<MessageInfo>;
  setDisappearing(target: string, seconds: number): Promise<MessageInfo>;
  disappearing(target: string): Promise<number>;
  readonly settings: { readonly readReceipts: boolean; readonly typing: boolean };
  setReadReceipts(on: boolean): Promise<void>;
  setTypingIndicators(on: boolean): Promise<void>;
  typing(target: string, typing: boolean): Promise<void>;
}
