/**
 * Edit, delete for everyone, reactions, replies and the disappearing timer (issue 8 items 2 and
 * 4): the control messages of src/protocol/controlContent.ts, sent and received in 1:1 chats and
 * groups alike.
 *
 * Authority: a control message's sender is the one its channel authenticated (the 1:1 session's
 * peer, the group message's signer), passed in by the caller. Only a message's author may edit or
 * delete it: the target's stored sender must equal the control message's sender, else
 * `NotAuthorError` and nothing changes. Anyone in the conversation may react (one emoji each).
 *
 * Erasure: a changed body is written with `Store.replaceMessage`, which destroys the key of the
 * old one, so neither an edited-away nor a deleted text stays readable in the profile.
 *
 * Order: an edit, deletion or reaction whose target is not stored yet (in a group, another
 * member's control can overtake the message it refers to) is held (src/client/heldControls.ts) and
 * applied, with the same checks and events, when that message arrives (`arrived`).
 */
import { SaltlineError } from '../crypto/errors.js';
import { fromBase64Url, toBase64Url, type Rng } from '../crypto/index.js';
import { isDisappearingSeconds, isReactionEmoji, type Content, type ControlContent, type DisappearingSeconds } from '../protocol/index.js';
import { StoreClosedError, StoreCorruptError } from '../store/errors.js';
import type { Store, StoredMessage } from '../store/types.js';
import { attachmentOfRow, attachmentRowBody } from './attachments.js';
import type { Disappearing } from './disappearing.js';
import { HeldControls } from './heldControls.js';
import { decodeBody, encodeBody, type BodyHeader } from './messageBody.js';
import type { ClientEvent, MessageInfo } from './types.js';

export class NotAuthorError extends SaltlineError {
  constructor() {
    super('NOT_AUTHOR', 'only the author of a message may edit or delete it');
  }
}

export class MessageNotFoundError extends SaltlineError {
  constructor() {
    super('MESSAGE_NOT_FOUND', 'no such message');
  }
}

export class MessageDeletedError extends SaltlineError {
  constructor() {
    super('MESSAGE_DELETED', 'that message was deleted');
  }
}

export class BadTimerError extends SaltlineError {
  constructor() {
    super('BAD_TIMER', 'a disappearing timer is off, 5 minutes, 1 hour, 8 hours, 1 day, 1 week or 4 weeks');
  }
}

const ME = 'me';
const QUOTE_CHARS = 120;

export interface ActionsHost {
  readonly store: Store;
  readonly rng: Rng;
  readonly disappearing: Disappearing;
  now(): number;
  emit(event: ClientEvent): void;
  /** Every conversation we hold (1:1 and groups). */
  conversationIds(): Promise<string[]>;
  /** Seals `content` for the other side(s) of a conversation and queues it; with `body`, also saves our row. */
  sendContent(conversationId: string, content: Content, body: Uint8Array | undefined): Promise<StoredMessage | undefined>;
  messageInfo(m: StoredMessage): Promise<MessageInfo>;
  /** These messages were deleted: what is kept beside them (attachment files, receipt counts) goes too. */
  messagesDeleted(conversationId: string, messageIds: readonly string[]): Promise<void>;
}

function unb64(id: string): Buffer {
  const b = fromBase64Url(id);
  if (!b || b.length !== 16) throw new MessageNotFoundError();
  return b;
}

export class MessageActions {
  readonly #host: ActionsHost;
  readonly #held: HeldControls;

  constructor(host: ActionsHost) {
    this.#host = host;
    this.#held = new HeldControls(host.store, () => host.now());
  }

  /** A message by id, in `conversationId` or in any conversation. */
  async find(messageId: string, conversationId?: string): Promise<StoredMessage> {
    const ids = conversationId !== undefined ? [conversationId] : await this.#host.conversationIds();
    for (const id of ids) {
      const m = await this.#host.store.getMessage(id, messageId);
      if (m) return m;
    }
    throw new MessageNotFoundError();
  }

  async #ownLive(messageId: string): Promise<{ m: StoredMessage; header: BodyHeader }> {
    const m = await this.find(messageId);
    const { header } = decodeBody(m.body);
    if (m.sender !== ME || header.timer !== undefined) throw new NotAuthorError();
    if (header.deleted) throw new MessageDeletedError();
    return { m, header };
  }

  // ---- our actions ------------------------------------------------------------------------------

  /** The content and our row's body for a new text (a rich text when it quotes or disappears). */
  async outgoing(conversationId: string, text: string, replyTo: string | undefined): Promise<{ content: Content; body: Uint8Array }> {
    if (replyTo !== undefined) await this.find(replyTo, conversationId);
    const seconds = await this.#host.disappearing.seconds(conversationId);
    const expiresAt = await this.#host.disappearing.expiresAt(conversationId);
    const head = { id: this.#host.rng(16), sentAt: this.#host.now() };
    const content: Content =
      replyTo === undefined && seconds === 0
        ? { ...head, kind: 'text', text }
        : { ...head, kind: 'rich', text, replyTo: replyTo === undefined ? undefined : unb64(replyTo), expiresIn: seconds as DisappearingSeconds };
    return { content, body: encodeBody(text, { replyTo, expiresAt }) };
  }

  /** After our or their message was saved: a message with an expiry is one the sweep must see. */
  async saved(m: StoredMessage): Promise<void> {
    if (decodeBody(m.body).header.expiresAt !== undefined) await this.#host.disappearing.noteExpiring(m.conversationId, m.seq);
  }

  async edit(messageId: string, text: string): Promise<MessageInfo> {
    if (text.length === 0) throw new SaltlineError('EMPTY_MESSAGE', 'the message is empty');
    const { m, header } = await this.#ownLive(messageId);
    refuseFileEdit(m);
    const content: Content = { kind: 'edit', id: this.#host.rng(16), sentAt: this.#host.now(), target: unb64(messageId), text };
    await this.#host.sendContent(m.conversationId, content, undefined);
    const info = await this.#host.messageInfo(await this.#host.store.replaceMessage(m.conversationId, m.id, encodeBody(text, { ...header, edited: content.sentAt })));
    this.#host.emit({ type: 'edited', message: info });
    return info;
  }

  async deleteForEveryone(messageId: string): Promise<MessageInfo> {
    const { m } = await this.#ownLive(messageId);
    await this.#host.sendContent(m.conversationId, { kind: 'delete', id: this.#host.rng(16), sentAt: this.#host.now(), target: unb64(messageId) }, undefined);
    const info = await this.#tombstone(m);
    this.#host.emit({ type: 'deleted', message: info });
    return info;
  }

  /** Deletes a message from this device only (any message). */
  async deleteLocal(messageId: string): Promise<void> {
    const m = await this.find(messageId);
    await this.#host.store.deleteMessages(m.conversationId, [m.id]);
    await this.#host.messagesDeleted(m.conversationId, [m.id]);
  }

  async react(messageId: string, emoji: string | null): Promise<MessageInfo> {
    if (emoji !== null && !isReactionEmoji(emoji)) throw new SaltlineError('BAD_REACTION', 'a reaction is one emoji');
    const m = await this.find(messageId);
    const { header } = decodeBody(m.body);
    if (header.deleted) throw new MessageDeletedError();
    if (header.timer !== undefined) throw new MessageNotFoundError();
    await this.#host.sendContent(m.conversationId, { kind: 'reaction', id: this.#host.rng(16), sentAt: this.#host.now(), target: unb64(messageId), emoji: emoji ?? '' }, undefined);
    return this.#applyReaction(m, ME, emoji);
  }

  /** Sets the conversation's timer, tells the other side(s) and adds the system line. */
  async setTimer(conversationId: string, seconds: number): Promise<MessageInfo> {
    if (!isDisappearingSeconds(seconds)) throw new BadTimerError();
    const content: Content = { kind: 'timer', id: this.#host.rng(16), sentAt: this.#host.now(), seconds };
    const stored = await this.#host.sendContent(conversationId, content, encodeBody('', { timer: seconds }));
    const row = stored ?? (await this.find(toBase64Url(content.id), conversationId));
    await this.#host.disappearing.set(conversationId, seconds, row.seq);
    const info = await this.#host.messageInfo(row);
    this.#host.emit({ type: 'timer', conversationId, seconds, message: info });
    return info;
  }

  // ---- theirs -------------------------------------------------------------------------------------

  /** The body to save for a text, rich text or file that arrived (a disappearing one's timer starts when it is read: `markRead`). */
  async incomingBody(conversationId: string, content: Extract<Content, { kind: 'text' | 'rich' | 'attachment' }>): Promise<Uint8Array> {
    if (content.kind === 'attachment') return encodeBody(attachmentRowBody(content.attachment), { expiresIn: await this.#host.disappearing.duration(conversationId) });
    const expiresIn = await this.#host.disappearing.duration(conversationId, content.kind === 'rich' ? content.expiresIn : undefined);
    const replyTo = content.kind === 'rich' && content.replyTo ? toBase64Url(content.replyTo) : undefined;
    return encodeBody(content.text, { replyTo, expiresIn });
  }

  /**
   * Marks received messages of one conversation read. A disappearing one's timer starts now (as in
   * Signal): its `expiresIn` becomes `expiresAt`, written by the same in-place row update that
   * records the read state (the text is unchanged, so there is nothing to erase).
   */
  async markRead(conversationId: string, rows: readonly StoredMessage[]): Promise<void> {
    const readAt = this.#host.now();
    const updates = rows.map((m) => ({ m, body: startTimer(m.body, readAt) }));
    const timed = updates.filter((u) => u.body !== undefined).map((u) => u.m.seq);
    // The sweep learns first: were we stopped between the two, it would only look at a row too many.
    if (timed.length > 0) await this.#host.disappearing.noteExpiring(conversationId, Math.min(...timed));
    for (const { m, body } of updates) await this.#host.store.setDelivery(conversationId, m.id, 'read', body);
  }

  /**
   * After a message we received was saved and announced: applies the controls that arrived for it
   * early, in arrival order, as if they arrived now (a refused one is dropped). True when one of
   * them deleted it for everyone.
   */
  async arrived(m: StoredMessage): Promise<boolean> {
    const held = await this.#held.forTarget(m.conversationId, m.id);
    if (held.length === 0) return false;
    let deleted = false;
    for (const h of held) {
      try {
        await this.receive(m.conversationId, h.senderId, h.content);
        if (h.content.kind === 'delete') deleted = true;
      } catch (e) {
        if (!(e instanceof SaltlineError) || e instanceof StoreClosedError || e instanceof StoreCorruptError) throw e;
      }
    }
    await this.#held.drop(m.conversationId, m.id);
    return deleted;
  }

  /** Forgets held controls that are too old, or whose conversation is gone (run by the sweep). */
  pruneHeld(): Promise<void> {
    return this.#held.prune(async (id) => (await this.#host.store.getConversation(id)) !== undefined);
  }

  /**
   * A control message from `senderId` (the authenticated sender: a contact id, or a group
   * member's id as its messages are stored). Throws a typed error, changing nothing, when it is
   * not allowed. One whose target is not stored (yet) is held until it arrives.
   */
  async receive(conversationId: string, senderId: string, content: Exclude<ControlContent, { kind: 'rich' | 'typing' }>): Promise<void> {
    if (content.kind === 'timer') {
      const row = await this.#host.store.saveMessage({ id: toBase64Url(content.id), conversationId, sender: senderId, timestamp: content.sentAt, body: encodeBody('', { timer: content.seconds }), delivery: 'read' });
      await this.#host.disappearing.set(conversationId, content.seconds, row.seq);
      this.#host.emit({ type: 'timer', conversationId, seconds: content.seconds, message: await this.#host.messageInfo(row) });
      return;
    }
    const m = await this.#host.store.getMessage(conversationId, toBase64Url(content.target));
    if (!m) return this.#held.hold(conversationId, senderId, content);
    const { header } = decodeBody(m.body);
    if (header.timer !== undefined) throw new MessageNotFoundError();
    if (header.deleted) throw new MessageDeletedError();
    switch (content.kind) {
      case 'edit': {
        if (m.sender !== senderId) throw new NotAuthorError();
        refuseFileEdit(m);
        const info = await this.#host.messageInfo(await this.#host.store.replaceMessage(conversationId, m.id, encodeBody(content.text, { ...header, edited: content.sentAt })));
        this.#host.emit({ type: 'edited', message: info });
        break;
      }
      case 'delete': {
        if (m.sender !== senderId) throw new NotAuthorError();
        this.#host.emit({ type: 'deleted', message: await this.#tombstone(m) });
        break;
      }
      case 'reaction':
        await this.#applyReaction(m, senderId, content.emoji === '' ? null : content.emoji);
        break;
    }
  }

  async #tombstone(m: StoredMessage): Promise<MessageInfo> {
    const { header } = decodeBody(m.body);
    const body = encodeBody('', { deleted: true, expiresAt: header.expiresAt, expiresIn: header.expiresIn });
    const info = await this.#host.messageInfo(await this.#host.store.replaceMessage(m.conversationId, m.id, body));
    await this.#host.messagesDeleted(m.conversationId, [m.id]);
    return info;
  }

  async #applyReaction(m: StoredMessage, who: string, emoji: string | null): Promise<MessageInfo> {
    const { payload, header } = decodeBody(m.body);
    const reactions = { ...header.reactions };
    if (emoji === null) delete reactions[who];
    else reactions[who] = emoji;
    const body = encodeBody(payload, { ...header, reactions: Object.keys(reactions).length > 0 ? reactions : undefined });
    const info = await this.#host.messageInfo(await this.#host.store.replaceMessage(m.conversationId, m.id, body));
    this.#host.emit({ type: 'reaction', message: info });
    return info;
  }

  /** Fills in the quoted text of replies (shortened; undefined when that message is gone). */
  async withQuotes(infos: MessageInfo[], nameOf: (sender: string) => string): Promise<MessageInfo[]> {
    const out: MessageInfo[] = [];
    for (const info of infos) {
      if (!info.replyTo) {
        out.push(info);
        continue;
      }
      const q = await this.#host.store.getMessage(info.conversationId, info.replyTo.id);
      const body = q && decodeBody(q.body);
      const text = body && !body.header.deleted ? ([...body.text].length > QUOTE_CHARS ? `${[...body.text].slice(0, QUOTE_CHARS).join('')}…` : body.text) : undefined;
      out.push({ ...info, replyTo: { id: info.replyTo.id, text, senderName: q ? nameOf(q.sender) : undefined } });
    }
    return out;
  }
}

/** The body of a received disappearing message once read at `readAt`; undefined when it has no timer waiting. */
function startTimer(body: Uint8Array, readAt: number): Uint8Array | undefined {
  let decoded: ReturnType<typeof decodeBody>;
  try {
    decoded = decodeBody(body);
  } catch {
    return undefined;
  }
  const { header, payload } = decoded;
  if (header.expiresIn === undefined || header.expiresAt !== undefined) return undefined;
  return encodeBody(payload, { ...header, expiresIn: undefined, expiresAt: readAt + header.expiresIn * 1000 });
}

/** A file message has no text to edit (its descriptor would be lost); delete it instead. */
function refuseFileEdit(m: StoredMessage): void {
  const attachment = attachmentOfRow(m.body);
  if (!attachment) return;
  attachment.key.fill(0);
  throw new SaltlineError('NOT_EDITABLE', 'a file message cannot be edited');
}
