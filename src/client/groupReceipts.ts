/**
 * Delivery and read receipts for our group messages (issue 8 item 3; docs/groups.md "Receipts").
 *
 * As in Signal, a member sends its receipt for a group message pairwise, over its 1:1 session with
 * the message's author, as the ordinary `receipt` content: only the author learns who received or
 * read what, and the relay sees one more 1:1 envelope. The author counts, per message, the members
 * it was sent to (the other members at send time): the message is `delivered` once each has sent a
 * delivery or read receipt, `read` once each has sent a read receipt. A set of identity keys, not a
 * counter, so a repeated receipt counts once. A receipt counts only from a member the message was
 * sent to who is still a member; a member who leaves or is removed is no longer waited for.
 *
 * Kept in one setting of the profile's store, which encrypts it. Bounded (convention 6): only
 * groups of at most `GROUP_RECEIPT_LIMITS.members` other members are tracked (in bigger ones
 * members send no receipts at all: O(members) envelopes back per message would buy nothing), the
 * newest `perGroup` messages of each group and `total` in all; anything beyond just stays `sent`.
 * If every member a message went to leaves before answering, it stays where it was.
 */
import type { SettingsStore } from './pendingUploads.js';
import { groupReceipts, SETTINGS, type GroupReceiptsRecord } from './records.js';

export const GROUP_RECEIPT_LIMITS = { members: 256, perGroup: 64, total: 256 } as const;

/** What a receipt says: the member has the message (`delivered`) or has read it (`read`, which implies delivery). */
export type GroupReceiptKind = 'delivered' | 'read';

type Entry = GroupReceiptsRecord['messages'][number];

/** Whether the author of a message to this many other members counts receipts for it (members send none beyond). */
export const receiptsCounted = (otherMembers: number): boolean => otherMembers > 0 && otherMembers <= GROUP_RECEIPT_LIMITS.members;

/**
 * What a message has reached: every member still waited for sent a delivery receipt
 * (`delivered`); nobody is waited for any more — the best the counted receipts said (members who
 * left may have emptied the list before anyone answered: then nothing).
 */
function reached(owed: Entry['owed'], seen: Entry['seen']): GroupReceiptKind | undefined {
  const left = Object.values(owed);
  if (left.length === 0) return seen === 2 ? 'read' : seen === 1 ? 'delivered' : undefined;
  return left.every((v) => v === 1) ? 'delivered' : undefined;
}

/** Stops waiting for members no longer in the group. */
function onlyMembers(owed: Entry['owed'], members: ReadonlySet<string>): Entry['owed'] {
  return Object.fromEntries(Object.entries(owed).filter(([m]) => members.has(m)));
}

export class GroupReceipts {
  readonly #store: SettingsStore;
  /** Changes are made one at a time: each reads the list the previous one wrote. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(store: SettingsStore) {
    this.#store = store;
  }

  #change<T>(change: (messages: Entry[]) => { messages?: Entry[]; result: T }): Promise<T> {
    const run = this.#queue.catch(() => undefined).then(async () => {
      const bytes = await this.#store.getSetting(SETTINGS.groupReceipts);
      const before = bytes ? groupReceipts.decode(bytes).messages : [];
      const { messages, result } = change(before);
      if (messages !== undefined) {
        if (messages.length === 0) await this.#store.deleteSetting(SETTINGS.groupReceipts);
        else await this.#store.putSetting(SETTINGS.groupReceipts, groupReceipts.encode({ v: 1, messages }));
      }
      return result;
    });
    this.#queue = run;
    return run;
  }

  /** Our message `messageId` went to `members` (identity keys, hex): wait for their receipts. */
  track(conversationId: string, messageId: string, members: readonly string[]): Promise<void> {
    if (!receiptsCounted(members.length)) return Promise.resolve();
    const entry: Entry = { id: messageId, conversationId, owed: Object.fromEntries(members.map((m) => [m, 0 as const])) };
    return this.#change((messages) => {
      let next = [...messages.filter((e) => e.id !== messageId), entry];
      const ofGroup = next.filter((e) => e.conversationId === conversationId);
      if (ofGroup.length > GROUP_RECEIPT_LIMITS.perGroup) {
        const drop = new Set(ofGroup.slice(0, ofGroup.length - GROUP_RECEIPT_LIMITS.perGroup));
        next = next.filter((e) => !drop.has(e));
      }
      return { messages: next.slice(-GROUP_RECEIPT_LIMITS.total), result: undefined };
    });
  }

  /**
   * A receipt from `member` (identity key, hex) for `messageIds`. One counts only if its message is
   * one we are waiting on, it was sent to `member`, and `member` is still in its group (`members`
   * gives a group's current members, or undefined once the group is gone). Returns the messages
   * that reached a state; anything else changes nothing.
   */
  async receive(
    member: string,
    messageIds: readonly string[],
    kind: GroupReceiptKind,
    members: (conversationId: string) => Promise<ReadonlySet<string> | undefined>,
  ): Promise<{ conversationId: string; id: string; state: GroupReceiptKind }[]> {
    // Look first without writing: a receipt for ids we do not wait on (or from someone they were not sent to) ends here.
    const bytes = await this.#store.getSetting(SETTINGS.groupReceipts);
    const wanted = new Set(messageIds);
    const found = bytes ? groupReceipts.decode(bytes).messages.filter((e) => wanted.has(e.id) && e.owed[member] !== undefined) : [];
    if (found.length === 0) return [];
    const current = new Map<string, ReadonlySet<string> | undefined>();
    for (const e of found) if (!current.has(e.conversationId)) current.set(e.conversationId, await members(e.conversationId));
    return this.#change((messages) => {
      let next = messages;
      const out: { conversationId: string; id: string; state: GroupReceiptKind }[] = [];
      for (const entry of messages) {
        const owes = wanted.has(entry.id) ? entry.owed[member] : undefined;
        if (owes === undefined || !current.has(entry.conversationId)) continue;
        const owed = { ...entry.owed };
        if (kind === 'read') delete owed[member];
        else if (owes === 0) owed[member] = 1;
        const now = current.get(entry.conversationId);
        // Only a member still in the group counts (one who left is just no longer waited for).
        const counts = now?.has(member) === true;
        const seen = counts ? (Math.max(entry.seen ?? 0, kind === 'read' ? 2 : 1) as 1 | 2) : entry.seen;
        const settled = this.#settle(next, { ...entry, ...(seen !== undefined ? { seen } : {}) }, now === undefined ? undefined : onlyMembers(owed, now), entry);
        next = settled.messages;
        if (settled.result) out.push({ ...settled.result, id: entry.id });
      }
      return next === messages ? { result: out } : { messages: next, result: out };
    });
  }

  /** A group's membership changed: members who left are no longer waited for. Returns the messages that reached a new state. */
  membersChanged(conversationId: string, current: ReadonlySet<string>): Promise<{ id: string; state: GroupReceiptKind }[]> {
    return this.#change((messages) => {
      let next = messages;
      const out: { id: string; state: GroupReceiptKind }[] = [];
      for (const entry of messages) {
        if (entry.conversationId !== conversationId) continue;
        const owed = onlyMembers(entry.owed, current);
        if (Object.keys(owed).length === Object.keys(entry.owed).length) continue;
        const settled = this.#settle(next, entry, owed, entry);
        next = settled.messages;
        if (settled.result) out.push({ id: entry.id, state: settled.result.state });
      }
      return next === messages ? { result: out } : { messages: next, result: out };
    });
  }

  /** Forgets messages deleted here (nothing is written when none was tracked). */
  forget(messageIds: readonly string[]): Promise<void> {
    const drop = new Set(messageIds);
    return this.#change((messages) => ({ result: undefined, ...(messages.some((e) => drop.has(e.id)) ? { messages: messages.filter((e) => !drop.has(e.id)) } : {}) }));
  }

  /** Replaces `old` by `entry` with what it still owes (`owed` undefined: its group is gone), dropping it once nothing more can happen. */
  #settle(messages: Entry[], entry: Entry, owed: Entry['owed'] | undefined, old: Entry): { messages: Entry[]; result: { conversationId: string; state: GroupReceiptKind } | undefined } {
    const state = owed && reached(owed, entry.seen);
    const keep = owed !== undefined && Object.keys(owed).length > 0;
    return {
      messages: messages.flatMap((e) => (e !== old ? [e] : keep ? [{ ...entry, owed }] : [])),
      result: state ? { conversationId: entry.conversationId, state } : undefined,
    };
  }
}
