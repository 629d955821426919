/**
 * Pairwise group payloads (docs/groups.md §Pairwise payloads; issue #6 items 1, 3 and 5): what one
 * member hands another inside their 1:1 session. The client carries these bytes as their own
 * content kind; their sender is always the session's authenticated peer, never a field here.
 *
 *   u8 version = 1 ‖ u8 kind ‖ u8 id length ‖ group id ‖ body
 *   kind 1 welcome: u32 length ‖ state ‖ u8 n ‖ n × (u32 length ‖ change ‖ u32 length ‖ undo) ‖ distribution
 *   kind 2 update:  u8 n ‖ n × (u32 length ‖ change) ‖ u8 flags ‖ [distribution]
 *                   flags: 1 = a distribution follows, 2 = please send me your sender key
 *   kind 3 is a fragment of a larger payload (fragment.ts)
 *
 * A welcome introduces a new member to the group: the current state, the recent history (so the
 * newcomer can follow a concurrent change like everyone else) and the introducer's sender key.
 * An update carries signed changes and/or the sender's sender key, and may ask for the
 * receiver's sender key (sent by a member that is back in the group after a concurrent change).
 */
import { Reader } from '../codec/reader.js';
import { Writer } from '../codec/writer.js';
import { InvalidFrameError } from '../errors.js';
import type { GroupChange } from './change.js';
import { decodeChange } from './change.js';
import { distributionOf, readDistribution, wipeDistribution, writeDistribution, type SenderKeyDistribution } from './distribution.js';
import { readHistoryEntry, writeHistoryEntry, type HistoryEntry } from './history.js';
import { MAX_ASSEMBLED_PAYLOAD_BYTES, MAX_REORG_DEPTH } from './limits.js';
import type { OwnSenderKey } from './senderKey.js';
import { decodeState, encodeState, readGroupId, writeGroupId, type GroupState } from './state.js';

export const GROUP_PAYLOAD_VERSION = 1;
export const GROUP_PAYLOAD_KIND = { welcome: 1, update: 2, fragment: 3 } as const;

export type GroupPayload =
  | {
      readonly kind: 'welcome';
      readonly groupId: Buffer;
      readonly state: GroupState;
      readonly history: readonly HistoryEntry[];
      readonly distribution: SenderKeyDistribution;
    }
  | {
      readonly kind: 'update';
      readonly groupId: Buffer;
      readonly changes: readonly GroupChange[];
      readonly distribution: SenderKeyDistribution | null;
      readonly requestsKeys: boolean;
    };

const FLAG_DISTRIBUTION = 1;
const FLAG_REQUEST_KEYS = 2;

export function encodeWelcome(state: GroupState, history: readonly HistoryEntry[], own: OwnSenderKey): Buffer {
  const w = writeGroupId(new Writer().u8(GROUP_PAYLOAD_VERSION).u8(GROUP_PAYLOAD_KIND.welcome), state.groupId).bytes32(encodeState(state)).u8(history.length);
  for (const e of history) writeHistoryEntry(w, e);
  writeDistribution(w, distributionOf(own, state.version));
  return w.finish();
}

export function encodeUpdate(
  groupId: Uint8Array,
  changes: readonly GroupChange[],
  own: OwnSenderKey | null,
  stateVersion: number,
  requestKeys = false,
): Buffer {
  if (changes.length > MAX_REORG_DEPTH) throw new InvalidFrameError('too many changes in one update');
  const w = writeGroupId(new Writer().u8(GROUP_PAYLOAD_VERSION).u8(GROUP_PAYLOAD_KIND.update), groupId).u8(changes.length);
  for (const c of changes) w.bytes32(c.encoded);
  w.u8((own ? FLAG_DISTRIBUTION : 0) | (requestKeys ? FLAG_REQUEST_KEYS : 0));
  if (own) writeDistribution(w, distributionOf(own, stateVersion));
  return w.finish();
}

/** Kind and group of a payload, without parsing the rest: for finding the group record. */
export function peekGroupPayload(bytes: Uint8Array): { kind: 'welcome' | 'update' | 'fragment'; groupId: Buffer | null } {
  const r = new Reader(bytes, 'group payload');
  if (r.u8() !== GROUP_PAYLOAD_VERSION) throw new InvalidFrameError('group payload: unsupported version');
  const kind = r.u8();
  if (kind === GROUP_PAYLOAD_KIND.fragment) return { kind: 'fragment', groupId: null };
  if (kind !== GROUP_PAYLOAD_KIND.welcome && kind !== GROUP_PAYLOAD_KIND.update) throw new InvalidFrameError('group payload: unknown kind');
  return { kind: kind === GROUP_PAYLOAD_KIND.welcome ? 'welcome' : 'update', groupId: readGroupId(r) };
}

/**
 * Who signed the changes an update carries (none for a sender key or a key request alone); null
 * for a welcome or a fragment. Reads no key: lets a client tell its own changes (which must reach
 * everyone now) from keys and passed-on changes (which can wait until it first sends).
 */
export function updateChangeSigners(bytes: Uint8Array): Buffer[] | null {
  const r = new Reader(bytes, 'group payload');
  if (r.u8() !== GROUP_PAYLOAD_VERSION || r.u8() !== GROUP_PAYLOAD_KIND.update) return null;
  readGroupId(r);
  const n = r.u8();
  if (n > MAX_REORG_DEPTH) throw new InvalidFrameError('update: too many changes');
  const signers: Buffer[] = [];
  for (let i = 0; i < n; i++) signers.push(Buffer.from(decodeChange(r.bytes32(MAX_ASSEMBLED_PAYLOAD_BYTES)).signer));
  return signers;
}

/** Parses and checks a whole (reassembled) payload; the identities in it are fully verified. */
export function decodeGroupPayload(bytes: Uint8Array): GroupPayload {
  if (bytes.length > MAX_ASSEMBLED_PAYLOAD_BYTES) throw new InvalidFrameError('group payload too large');
  const r = new Reader(bytes, 'group payload');
  if (r.u8() !== GROUP_PAYLOAD_VERSION) throw new InvalidFrameError('group payload: unsupported version');
  const kind = r.u8();
  if (kind === GROUP_PAYLOAD_KIND.fragment) throw new InvalidFrameError('group payload: reassemble fragments first');
  if (kind !== GROUP_PAYLOAD_KIND.welcome && kind !== GROUP_PAYLOAD_KIND.update) throw new InvalidFrameError('group payload: unknown kind');
  const groupId = readGroupId(r);
  const verifyIdentities = { verifyIdentities: true };

  if (kind === GROUP_PAYLOAD_KIND.welcome) {
    const state = decodeState(r.bytes32(MAX_ASSEMBLED_PAYLOAD_BYTES), verifyIdentities);
    if (!state.groupId.equals(groupId)) throw new InvalidFrameError('welcome: state is for another group');
    const n = r.u8();
    if (n > MAX_REORG_DEPTH) throw new InvalidFrameError('welcome: history too long');
    const history: HistoryEntry[] = [];
    for (let i = 0; i < n; i++) history.push(readHistoryEntry(r, verifyIdentities));
    return withDistributionLast(r, readDistribution(r), (distribution) => ({ kind: 'welcome', groupId, state, history, distribution }));
  }

  const n = r.u8();
  if (n > MAX_REORG_DEPTH) throw new InvalidFrameError('update: too many changes');
  const changes: GroupChange[] = [];
  for (let i = 0; i < n; i++) changes.push(decodeChange(r.bytes32(MAX_ASSEMBLED_PAYLOAD_BYTES)));
  const flags = r.u8();
  if ((flags & ~(FLAG_DISTRIBUTION | FLAG_REQUEST_KEYS)) !== 0) throw new InvalidFrameError('update: unknown flags');
  const requestsKeys = (flags & FLAG_REQUEST_KEYS) !== 0;
  if ((flags & FLAG_DISTRIBUTION) === 0) {
    r.end();
    if (n === 0 && !requestsKeys) throw new InvalidFrameError('update: empty');
    return { kind: 'update', groupId, changes, distribution: null, requestsKeys };
  }
  return withDistributionLast(r, readDistribution(r), (distribution) => ({ kind: 'update', groupId, changes, distribution, requestsKeys }));
}

/** The distribution is the last field; its copied secrets are wiped if trailing bytes follow. */
function withDistributionLast(r: Reader, d: SenderKeyDistribution, build: (d: SenderKeyDistribution) => GroupPayload): GroupPayload {
  try {
    r.end();
  } catch (e) {
    wipeDistribution(d);
    throw e;
  }
  return build(d);
}
