/**
 * Edits, deletions for everyone and reactions that arrive before the message they change (issue 8
 * items 4–5). In a group, Bob's reaction to Carol's message can reach us before Carol's message:
 * they come from different senders (and may be retried at different times). Such a control is held
 * here, and applied when its target is saved (`MessageActions.arrived`), through the same checks
 * as a live one — a held edit or delete by someone other than the author is dropped then.
 *
 * Kept in one setting of the profile's store, which encrypts it: per conversation, in arrival
 * order, the control's encoded content and its authenticated sender, nothing else. Bounded: at
 * most `HELD_LIMITS.perConversation` per conversation and `totalBytes` of content in all (the
 * oldest go first), and nothing older than `maxAgeMs` (our clock) is applied or kept — a control
 * whose target never arrives is dropped by the next hold, arrival or sweep after that.
 */
import { fromBase64Url, toBase64Url } from '../crypto/index.js';
import { decodeContent, encodeContent, type ControlContent } from '../protocol/index.js';
import type { SettingsStore } from './pendingUploads.js';
import { heldControls, SETTINGS, type HeldControlsRecord } from './records.js';

export type TargetedControl = Extract<ControlContent, { kind: 'edit' | 'delete' | 'reaction' }>;

export const HELD_LIMITS = {
  perConversation: 256,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  /** Encoded content of every held control together (an edit may be long). */
  totalBytes: 2 * 1024 * 1024,
} as const;

export interface HeldControl {
  /** The control message's own id (base64url). */
  readonly id: string;
  readonly senderId: string;
  readonly content: TargetedControl;
}

type Entry = HeldControlsRecord['conversations'][string][number];

/** Encoded bytes an entry's content stands for (base64url: 4 characters per 3 bytes). */
const contentBytes = (e: Entry): number => Math.floor((e.content.length * 3) / 4);

/** The held content, or undefined when it is not a control we hold (then it is only dropped). */
function decodeHeld(content: string): TargetedControl | undefined {
  const bytes = fromBase64Url(content);
  if (!bytes) return undefined;
  try {
    const c = decodeContent(bytes);
    return c.kind === 'edit' || c.kind === 'delete' || c.kind === 'reaction' ? c : undefined;
  } catch {
    return undefined;
  }
}

export class HeldControls {
  readonly #store: SettingsStore;
  readonly #now: () => number;

  constructor(store: SettingsStore, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  async #load(): Promise<HeldControlsRecord> {
    const bytes = await this.#store.getSetting(SETTINGS.heldControls);
    return bytes ? heldControls.decode(bytes) : { v: 1, conversations: {} };
  }

  async #save(record: HeldControlsRecord): Promise<void> {
    for (const [id, list] of Object.entries(record.conversations)) if (list.length === 0) delete record.conversations[id];
    if (Object.keys(record.conversations).length === 0) await this.#store.deleteSetting(SETTINGS.heldControls);
    else await this.#store.putSetting(SETTINGS.heldControls, heldControls.encode(record));
  }

  #live(e: Entry): boolean {
    return e.at + HELD_LIMITS.maxAgeMs > this.#now();
  }

  /** Drops what is too old; true when anything was dropped. */
  #dropOld(record: HeldControlsRecord): boolean {
    let changed = false;
    for (const [id, list] of Object.entries(record.conversations)) {
      const kept = list.filter((e) => this.#live(e));
      if (kept.length !== list.length) {
        record.conversations[id] = kept;
        changed = true;
      }
    }
    return changed;
  }

  /** Keeps `content` from `senderId` until its target arrives (a repeat of one already held is ignored). */
  async hold(conversationId: string, senderId: string, content: TargetedControl): Promise<void> {
    const encoded = encodeContent(content);
    if (encoded.length > HELD_LIMITS.totalBytes) return;
    const record = await this.#load();
    this.#dropOld(record);
    const list = record.conversations[conversationId] ?? [];
    const id = toBase64Url(content.id);
    if (list.some((e) => e.id === id && e.sender === senderId)) return;
    list.push({ id, sender: senderId, at: this.#now(), target: toBase64Url(content.target), content: toBase64Url(encoded) });
    if (list.length > HELD_LIMITS.perConversation) list.splice(0, list.length - HELD_LIMITS.perConversation);
    record.conversations[conversationId] = list;
    const lists = Object.values(record.conversations);
    for (let total = lists.flat().reduce((n, e) => n + contentBytes(e), 0); total > HELD_LIMITS.totalBytes; ) {
      // The oldest of all goes first (each list is in arrival order, so it is some list's head).
      const oldest = lists.filter((l) => l.length > 0).reduce((a, b) => (b[0]!.at < a[0]!.at ? b : a));
      total -= contentBytes(oldest.shift()!);
    }
    await this.#save(record);
  }

  /** What is held for the message `targetId`, in arrival order; it stays held until `drop`. */
  async forTarget(conversationId: string, targetId: string): Promise<HeldControl[]> {
    const bytes = await this.#store.getSetting(SETTINGS.heldControls);
    if (!bytes) return [];
    const out: HeldControl[] = [];
    for (const e of heldControls.decode(bytes).conversations[conversationId] ?? []) {
      if (e.target !== targetId || !this.#live(e)) continue;
      const content = decodeHeld(e.content);
      if (content) out.push({ id: e.id, senderId: e.sender, content });
    }
    return out;
  }

  /** Forgets the controls aimed at `targetId` (applied or refused), and whatever has grown too old. */
  async drop(conversationId: string, targetId: string): Promise<void> {
    const record = await this.#load();
    let changed = this.#dropOld(record);
    const list = record.conversations[conversationId] ?? [];
    const kept = list.filter((e) => e.target !== targetId);
    if (kept.length !== list.length) {
      record.conversations[conversationId] = kept;
      changed = true;
    }
    if (changed) await this.#save(record);
  }

  /** Forgets what has grown too old, and what is held for conversations that no longer exist. */
  async prune(exists: (conversationId: string) => Promise<boolean>): Promise<void> {
    const bytes = await this.#store.getSetting(SETTINGS.heldControls);
    if (!bytes) return;
    const record = heldControls.decode(bytes);
    let changed = this.#dropOld(record);
    for (const id of Object.keys(record.conversations)) {
      if (await exists(id)) continue;
      delete record.conversations[id];
      changed = true;
    }
    if (changed) await this.#save(record);
  }
}
