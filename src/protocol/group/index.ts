/** The group protocol's public surface (docs/groups.md; issue #6): pure functions over values, randomness passed in. */
export * from './change.js';
export * from './errors.js';
export { FRAGMENT_SET_ID_BYTES, fragmentPayload, parseFragment, reassemble, type Fragment } from './fragment.js';
export * from './group.js';
export type { HistoryEntry } from './history.js';
export * from './introduction.js';
export * from './limits.js';
export { GROUP_ENVELOPE_OVERHEAD, GROUP_ENVELOPE_TYPE, MAX_GROUP_PLAINTEXT_BYTES } from './message.js';
export { GROUP_PAYLOAD_KIND, GROUP_PAYLOAD_VERSION, peekGroupPayload, updateChangeSigners } from './payload.js';
export type { OwnSenderKey, ReceivingSenderKey } from './senderKey.js';
export type { SenderKeyBook } from './senderKeyBook.js';
export * from './serialize.js';
export { isAdmin, isMember, memberOf, ROLE, type GroupState, type Member, type Role } from './state.js';
