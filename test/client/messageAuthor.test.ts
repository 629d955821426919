/**
 * The author rule of edits and deletions (issue 8 item 4), on the receiving side, for every kind
 * of authenticated sender the client stores (a contact id, a group member id): a control message
 * whose sender is not the target's author is refused with NOT_AUTHOR and changes nothing; the
 * author's own is applied. Reactions are anyone's, one per person.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Disappearing } from '../../src/client/disappearing.js';
import { MessageActions, NotAuthorError, type ActionsHost } from '../../src/client/messageActions.js';
import { decodeBody, encodeBody } from '../../src/client/messageBody.js';
import type { ClientEvent, MessageInfo } from '../../src/client/types.js';
import { systemRng } from '../../src/crypto/random.js';
import { MemoryStore } from '../../src/store/memoryStore.js';

async function setUp(): Promise<{ store: MemoryStore; actions: MessageActions; events: ClientEvent[] }> {
  const store = new MemoryStore();
  await store.putConversation({ id: 'g', title: '', memberIds: [], createdAt: 1, meta: new Uint8Array(0) });
  const events: ClientEvent[] = [];
  const host: ActionsHost = {
    store,
    rng: systemRng,
    disappearing: new Disappearing({ store, now: () => 1000, messagesDeleted: () => Promise.resolve() }),
    now: () => 1000,
    emit: (e) => events.push(e),
    conversationIds: () => Promise.resolve(['g']),
    sendContent: () => Promise.resolve(undefined),
    messageInfo: (m) => Promise.resolve({ id: m.id, text: decodeBody(m.body).text } as unknown as MessageInfo),
    messagesDeleted: () => Promise.resolve(),
  };
  return { store, actions: new MessageActions(host), events };
}

const id = (n: number): Buffer => Buffer.alloc(16, n);

for (const [author, other] of [
  ['contact-id-of-carol', 'contact-id-of-dave'],
  ['member:CAROLKEY', 'member:DAVEKEY'],
  ['me', 'contact-id-of-mallory'],
] as const) {
  test(`NOT_AUTHOR: ${other} cannot edit or delete ${author}'s message; ${author} can`, async () => {
    const { store, actions, events } = await setUp();
    const target = id(1).toString('base64url');
    await store.saveMessage({ id: target, conversationId: 'g', sender: author, timestamp: 5, body: encodeBody('original words'), delivery: 'received' });
    const before = await store.getMessage('g', target);
    await assert.rejects(actions.receive('g', other, { kind: 'edit', id: id(2), sentAt: 6, target: id(1), text: 'forged' }), NotAuthorError);
    await assert.rejects(actions.receive('g', other, { kind: 'delete', id: id(3), sentAt: 7, target: id(1) }), NotAuthorError);
    assert.deepEqual(await store.getMessage('g', target), before, 'nothing changed');
    assert.equal(events.length, 0);

    await actions.receive('g', other, { kind: 'reaction', id: id(4), sentAt: 8, target: id(1), emoji: '👍' });
    await actions.receive('g', author, { kind: 'edit', id: id(5), sentAt: 9, target: id(1), text: 'corrected' });
    const edited = decodeBody((await store.getMessage('g', target))!.body);
    assert.equal(edited.text, 'corrected');
    assert.deepEqual(edited.header.reactions, { [other]: '👍' }, 'an edit keeps the reactions');
    assert.equal(edited.header.edited, 9);
    await actions.receive('g', author, { kind: 'delete', id: id(6), sentAt: 10, target: id(1) });
    const gone = decodeBody((await store.getMessage('g', target))!.body);
    assert.deepEqual([gone.text, gone.header.deleted, gone.header.reactions], ['', true, undefined]);
    assert.deepEqual(
      events.map((e) => e.type),
      ['reaction', 'edited', 'deleted'],
    );
  });
}
