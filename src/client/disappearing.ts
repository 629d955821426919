/**
 * Disappearing messages (issue 8 item 2): a timer per conversation (off, 5 minutes … 4 weeks),
 * changed by either side with a `timer` control message and shown as a system line. The timer of
 * a message starts as in Signal: for one we send, when we send it (`expiresAt` = send time plus
 * the conversation's timer); for one we receive (1:1 or group), when it is read on this device —
 * it is saved with the duration (the timer it carried, else the conversation's) as `expiresIn`
 * and no expiry, and `Client.markRead` sets `expiresAt` = read time plus that duration (and tells
 * the sweep, `noteExpiring`). A message never read never expires. Our clock throughout. A sweep
 * deletes expired ones with the store's real deletion (`deleteMessages`: key generations
 * destroyed, postings rewritten, compaction and pruning) and hands their ids to
 * `messagesDeleted` so that what is kept beside them (attachment files, receipt counts) goes too.
 *
 * What it does not promise: the other device runs its own sweep, and anyone can copy a message
 * (a screenshot, a modified client) before it disappears.
 */
import type { Store } from '../store/types.js';
import { decodeBody } from './messageBody.js';
import { disappearingTimers, SETTINGS, type DisappearingTimers } from './records.js';

/** The timers offered, by their CLI names. */
export const TIMER_NAMES: Readonly<Record<string, number>> = { off: 0, '5m': 300, '1h': 3600, '8h': 28_800, '1d': 86_400, '1w': 604_800, '4w': 2_419_200 };

export function timerName(seconds: number): string {
  return Object.entries(TIMER_NAMES).find(([, s]) => s === seconds)?.[0] ?? `${seconds}s`;
}

const PAGE = 200;

export interface DisappearingHost {
  readonly store: Store;
  now(): number;
  /** These messages were deleted: what is kept beside them (attachment files, receipt counts) goes too. */
  messagesDeleted(conversationId: string, messageIds: readonly string[]): Promise<void>;
}

export class Disappearing {
  readonly #host: DisappearingHost;

  constructor(host: DisappearingHost) {
    this.#host = host;
  }

  async #load(): Promise<DisappearingTimers> {
    const bytes = await this.#host.store.getSetting(SETTINGS.disappearing);
    return bytes ? disappearingTimers.decode(bytes) : { v: 1, conversations: {} };
  }

  async #save(t: DisappearingTimers): Promise<void> {
    await this.#host.store.putSetting(SETTINGS.disappearing, disappearingTimers.encode(t));
  }

  async seconds(conversationId: string): Promise<number> {
    return (await this.#load()).conversations[conversationId]?.seconds ?? 0;
  }

  /** Records the new timer; messages from `fromSeq` on may carry an expiry. */
  async set(conversationId: string, seconds: number, fromSeq: number): Promise<void> {
    const t = await this.#load();
    const prior = t.conversations[conversationId];
    t.conversations[conversationId] = { seconds, fromSeq: prior ? Math.min(prior.fromSeq, fromSeq) : fromSeq };
    await this.#save(t);
  }

  /** A message at `seq` carries an expiry: make sure the sweep looks at it (its timer may differ from ours). */
  async noteExpiring(conversationId: string, seq: number): Promise<void> {
    const t = await this.#load();
    const entry = t.conversations[conversationId];
    if (entry && entry.fromSeq <= seq) return;
    t.conversations[conversationId] = { seconds: entry?.seconds ?? 0, fromSeq: seq };
    await this.#save(t);
  }

  /** When a message we send now disappears (the conversation's timer). */
  async expiresAt(conversationId: string): Promise<number | undefined> {
    const seconds = await this.duration(conversationId);
    return seconds !== undefined ? this.#host.now() + seconds * 1000 : undefined;
  }

  /** How long after it is read a message received now disappears: `carried` seconds if the message said, else the conversation's timer. */
  async duration(conversationId: string, carried?: number): Promise<number | undefined> {
    const seconds = carried ?? (await this.seconds(conversationId));
    return seconds > 0 ? seconds : undefined;
  }

  /** Deletes every expired message; returns them per conversation. */
  async sweep(): Promise<{ conversationId: string; messageIds: string[] }[]> {
    const t = await this.#load();
    const out: { conversationId: string; messageIds: string[] }[] = [];
    const now = this.#host.now();
    let changed = false;
    for (const [conversationId, entry] of Object.entries(t.conversations)) {
      if (!(await this.#host.store.getConversation(conversationId))) {
        // The conversation was deleted, and its messages with it.
        delete t.conversations[conversationId];
        changed = true;
        continue;
      }
      const expired: string[] = [];
      let lowestLeft: number | undefined;
      let newest = 0;
      for (let before: number | undefined; ; ) {
        const page = await this.#host.store.history(conversationId, { limit: PAGE, ...(before !== undefined ? { before } : {}) });
        for (const m of page) {
          newest = Math.max(newest, m.seq);
          if (m.seq < entry.fromSeq) continue;
          let expiresAt: number | undefined;
          try {
            expiresAt = decodeBody(m.body).header.expiresAt;
          } catch {
            expiresAt = undefined;
          }
          if (expiresAt === undefined) continue;
          if (expiresAt <= now) expired.push(m.id);
          else lowestLeft = m.seq;
        }
        const last = page[page.length - 1];
        if (!last || page.length < PAGE || last.seq <= entry.fromSeq) break;
        before = last.seq;
      }
      if (expired.length > 0) {
        for (let i = 0; i < expired.length; i += 1000) await this.#host.store.deleteMessages(conversationId, expired.slice(i, i + 1000));
        await this.#host.messagesDeleted(conversationId, expired);
        out.push({ conversationId, messageIds: expired });
      }
      // Next time, start where the oldest message still waiting is (or after everything seen).
      const fromSeq = lowestLeft ?? newest + 1;
      if (entry.seconds === 0 && lowestLeft === undefined) {
        delete t.conversations[conversationId];
        changed = true;
      } else if (fromSeq !== entry.fromSeq) {
        t.conversations[conversationId] = { ...entry, fromSeq };
        changed = true;
      }
    }
    if (changed) await this.#save(t);
    return out;
  }
}
