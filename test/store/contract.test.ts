/**
 * The `Store` contract, run against both implementations (issue 3): LanceStore (with a tiny
 * flush threshold, so reads mix LanceDB rows and journaled rows) and MemoryStore.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MemoryStore } from '../../src/store/memoryStore.js';
import { NotFoundError, StoreInputError } from '../../src/store/errors.js';
import { STORE_LIMITS, type NewMessage, type Store } from '../../src/store/types.js';
import { conversation, newProfile, str, tempDir, text } from './helpers.js';

const impls: [string, () => Promise<{ store: Store; done: () => Promise<void> }>][] = [
  ['memory', () => Promise.resolve({ store: new MemoryStore(), done: () => Promise.resolve() })],
  [
    'lance',
    async () => {
      const { dir, cleanup } = await tempDir();
      const store = await newProfile(dir, { flushRows: 7 });
      return {
        store,
        done: async () => {
          await store.close();
          await cleanup();
        },
      };
    },
  ],
];

for (const [name, make] of impls) {
  test(`${name}: records round-trip (identity, contacts, conversations, sessions, outbox, invitations, settings)`, async () => {
    const { store, done } = await make();
    try {
      assert.equal(await store.getIdentity(), undefined);
      await store.putIdentity(text('identity-blob'));
      assert.equal(str((await store.getIdentity())!), 'identity-blob');
      await store.putContact({ id: 'c1', name: 'Ada', record: text('rec'), verified: false, address: 'q1' });
      await store.putContact({ id: 'c1', name: 'Ada L', record: text('rec2'), verified: true, address: 'q1' });
      const c = await store.getContact('c1');
      assert.equal(c?.name, 'Ada L');
      assert.equal(c?.verified, true);
      assert.equal(str(c.record), 'rec2');
      assert.equal((await store.listContacts()).length, 1);
      await store.deleteContact('c1');
      assert.equal(await store.getContact('c1'), undefined);
      await store.putConversation(conversation('k1', 'Team'));
      assert.equal((await store.getConversation('k1'))?.title, 'Team');
      assert.deepEqual((await store.listConversations()).map((x) => x.id), ['k1']);
      await store.putSession('k1', text('s1'));
      assert.equal(str((await store.getSession('k1'))!), 's1');
      await store.putOutbox({ id: 'o2', conversationId: 'k1', payload: text('p2'), createdAt: 2, attempts: 0 });
      await store.putOutbox({ id: 'o1', conversationId: 'k1', payload: text('p1'), createdAt: 1, attempts: 3 });
      assert.deepEqual((await store.listOutbox()).map((o) => o.id), ['o1', 'o2']);
      await store.deleteOutbox('o1');
      assert.deepEqual((await store.listOutbox()).map((o) => o.id), ['o2']);
      await store.putInvitation('inv1', text('invite-secret'));
      assert.equal(str((await store.takeInvitation('inv1'))!), 'invite-secret');
      assert.equal(await store.takeInvitation('inv1'), undefined, 'an invitation is single use');
      await store.putSetting('theme', text('dark'));
      assert.equal(str((await store.getSetting('theme'))!), 'dark');
      await store.deleteSetting('theme');
      assert.equal(await store.getSetting('theme'), undefined);
    } finally {
      await done();
    }
  });

  test(`${name}: history pages newest first with a seq cursor`, async () => {
    const { store, done } = await make();
    try {
      await store.putConversation(conversation('k1'));
      await store.putConversation(conversation('k2'));
      const saved = [];
      for (let i = 0; i < 40; i++) {
        saved.push(await store.saveMessage({ conversationId: i % 4 === 0 ? 'k2' : 'k1', sender: 'alice', timestamp: 1000 + i, body: text(`message ${i}`), delivery: 'sent' }));
      }
      const k1 = saved.filter((m) => m.conversationId === 'k1');
      assert.deepEqual(k1.map((m) => m.seq), k1.map((_, i) => i + 1), 'seq is per conversation and dense');
      const page1 = await store.history('k1', { limit: 12 });
      assert.deepEqual(page1.map((m) => str(m.body)), k1.slice(-12).reverse().map((m) => str(m.body)));
      const page2 = await store.history('k1', { limit: 12, before: page1[page1.length - 1]!.seq });
      assert.deepEqual(page2.map((m) => m.id), k1.slice(-24, -12).reverse().map((m) => m.id));
      const page3 = await store.history('k1', { limit: 12, before: page2[page2.length - 1]!.seq });
      assert.equal(page3.length, 6);
      assert.deepEqual(await store.history('k1', { before: 1 }), []);
      await assert.rejects(store.history('k1', { limit: 0 }), StoreInputError);
      await assert.rejects(store.saveMessage({ conversationId: 'nope', sender: 'a', timestamp: 1, body: text('x'), delivery: 'sent' }), NotFoundError);
    } finally {
      await done();
    }
  });

  test(`${name}: paging back stays right when messages change or go between pages`, async () => {
    const { store, done } = await make();
    // LanceStore reads a page ahead when a conversation is opened; compaction puts the rows where that happens.
    const compact = async (): Promise<void> => {
      if ('compact' in store) await (store as { compact(): Promise<void> }).compact();
    };
    try {
      await store.putConversation(conversation('k1'));
      await store.appendMessages(Array.from({ length: 30 }, (_, i) => ({ id: `m${i + 1}`, conversationId: 'k1', sender: 'a', timestamp: i, body: text(`line ${i + 1}`), delivery: 'sent' as const })));
      await compact();
      const ids = (page: readonly { id: string }[]): string[] => page.map((m) => m.id);
      const newest = await store.history('k1', { limit: 10 });
      assert.deepEqual(ids(newest), Array.from({ length: 10 }, (_, i) => `m${30 - i}`));
      await store.setDelivery('k1', 'm15', 'read');
      await store.deleteMessage('k1', 'm18');
      const older = await store.history('k1', { limit: 10, before: 21 });
      assert.deepEqual(ids(older), ['m20', 'm19', 'm17', 'm16', 'm15', 'm14', 'm13', 'm12', 'm11', 'm10']);
      assert.equal(older.find((m) => m.id === 'm15')?.delivery, 'read');
      await compact();
      await store.history('k1', { limit: 10 });
      await store.setDelivery('k1', 'm12', 'failed');
      const again = await store.history('k1', { limit: 10, before: 21 });
      assert.deepEqual(ids(again), ids(older));
      assert.equal(again.find((m) => m.id === 'm12')?.delivery, 'failed');
      assert.equal(again.find((m) => m.id === 'm15')?.delivery, 'read');
    } finally {
      await done();
    }
  });

  test(`${name}: saveIncoming commits session state and message; delivery state updates`, async () => {
    const { store, done } = await make();
    try {
      await store.putConversation(conversation('k1'));
      const m = await store.saveIncoming('k1', text('session-after-1'), { id: 'm1', conversationId: 'k1', sender: 'bob', timestamp: 5, body: text('hi'), delivery: 'received' });
      assert.equal(str((await store.getSession('k1'))!), 'session-after-1');
      assert.equal((await store.getMessage('k1', 'm1'))?.seq, m.seq);
      await store.setDelivery('k1', 'm1', 'read');
      assert.equal((await store.getMessage('k1', 'm1'))?.delivery, 'read');
      await assert.rejects(store.setDelivery('k1', 'missing', 'read'), NotFoundError);
      await assert.rejects(store.saveIncoming('k1', text('s'), { conversationId: 'k2', sender: 'b', timestamp: 1, body: text('x'), delivery: 'received' }));
    } finally {
      await done();
    }
  });

  test(`${name}: setDelivery with a body rewrites the header in place, never the text after it`, async () => {
    const { store, done } = await make();
    // A client header (issue 8): NUL ‖ u16 length ‖ JSON, then the text.
    const withHeader = (json: string, words: string): Uint8Array => {
      const head = Buffer.from(json, 'utf8');
      return Buffer.concat([Buffer.from([0, head.length >> 8, head.length & 0xff]), head, Buffer.from(words, 'utf8')]);
    };
    try {
      await store.putConversation(conversation('k1'));
      await store.saveMessage({ id: 'm1', conversationId: 'k1', sender: 'bob', timestamp: 5, body: withHeader('{"expiresIn":300}', 'harbour lights'), delivery: 'received' });
      await store.setDelivery('k1', 'm1', 'read', withHeader('{"expiresAt":1234}', 'harbour lights'));
      const m = await store.getMessage('k1', 'm1');
      assert.equal(m?.delivery, 'read');
      assert.deepEqual(Buffer.from(m.body), Buffer.from(withHeader('{"expiresAt":1234}', 'harbour lights')));
      assert.deepEqual((await store.search('harbour')).map((x) => x.id), ['m1'], 'the text is still found');
      await assert.rejects(store.setDelivery('k1', 'm1', 'read', withHeader('{"expiresAt":1234}', 'other words')), StoreInputError);
      await assert.rejects(store.setDelivery('k1', 'm1', 'read', text('harbour light')), StoreInputError);
      assert.deepEqual(Buffer.from((await store.getMessage('k1', 'm1'))!.body), Buffer.from(withHeader('{"expiresAt":1234}', 'harbour lights')), 'a refused write changed nothing');
    } finally {
      await done();
    }
  });

  test(`${name}: search matches prefixes case-insensitively, needs every word, newest first`, async () => {
    const { store, done } = await make();
    try {
      await store.putConversation(conversation('k1'));
      await store.putConversation(conversation('k2'));
      const bodies = ['Meet at the Café tomorrow', 'the cafeteria is closed', 'CAFÉ ÉCLAIR', 'nothing here', 'Tomorrow works, café it is', 'ok go'];
      for (const [i, b] of bodies.entries()) await store.saveMessage({ conversationId: i % 2 ? 'k2' : 'k1', sender: 'a', timestamp: 100 + i, body: text(b), delivery: 'sent' });
      const hits = async (q: string, conv?: string): Promise<string[]> => (await store.search(q, { conversationId: conv })).map((m) => str(m.body));
      assert.deepEqual(await hits('café'), ['Tomorrow works, café it is', 'CAFÉ ÉCLAIR', 'Meet at the Café tomorrow']);
      assert.deepEqual(await hits('caf'), ['Tomorrow works, café it is', 'CAFÉ ÉCLAIR', 'the cafeteria is closed', 'Meet at the Café tomorrow']);
      assert.deepEqual(await hits('cafeteri'), ['the cafeteria is closed']);
      assert.deepEqual(await hits('tomorrow café'), ['Tomorrow works, café it is', 'Meet at the Café tomorrow']);
      assert.deepEqual(await hits('café', 'k1'), ['Tomorrow works, café it is', 'CAFÉ ÉCLAIR', 'Meet at the Café tomorrow']);
      assert.deepEqual(await hits('cafe', 'k2'), ['the cafeteria is closed']);
      assert.deepEqual(await hits('go'), ['ok go']);
      assert.deepEqual(await hits('absent'), []);
      assert.deepEqual(await hits('  '), []);
    } finally {
      await done();
    }
  });

  test(`${name}: deleting a message and a conversation`, async () => {
    const { store, done } = await make();
    try {
      await store.putConversation(conversation('k1'));
      await store.putConversation(conversation('k2'));
      for (let i = 0; i < 10; i++) await store.saveMessage({ id: `m${i}`, conversationId: 'k1', sender: 'a', timestamp: i, body: text(`note ${i}`), delivery: 'sent' });
      await store.saveMessage({ id: 'other', conversationId: 'k2', sender: 'a', timestamp: 1, body: text('note other'), delivery: 'sent' });
      await store.deleteMessage('k1', 'm4');
      assert.equal(await store.getMessage('k1', 'm4'), undefined);
      assert.deepEqual((await store.history('k1')).map((m) => m.id), ['m9', 'm8', 'm7', 'm6', 'm5', 'm3', 'm2', 'm1', 'm0']);
      assert.equal((await store.search('note')).length, 10);
      await store.putSession('k1', text('state'));
      await store.deleteConversation('k1');
      assert.equal(await store.getConversation('k1'), undefined);
      assert.equal(await store.getSession('k1'), undefined);
      assert.deepEqual(await store.history('k1'), []);
      assert.deepEqual((await store.search('note')).map((m) => m.id), ['other']);
      const next = await store.saveMessage({ conversationId: 'k2', sender: 'a', timestamp: 2, body: text('after'), delivery: 'sent' });
      assert.equal(next.seq, 2);
    } finally {
      await done();
    }
  });

  test(`${name}: appendMessages saves a batch in order as one transaction, or nothing`, async () => {
    const { store, done } = await make();
    try {
      await store.putConversation(conversation('k1'));
      await store.putConversation(conversation('k2'));
      const msg = (id: string, conv: string, i: number): NewMessage => ({ id, conversationId: conv, sender: 'a', timestamp: 100 + i, body: text(`batch line ${i}`), delivery: 'sent' });
      const saved = await store.appendMessages([msg('b1', 'k1', 1), msg('b2', 'k2', 2), msg('b3', 'k1', 3), msg('b1', 'k1', 4)]);
      assert.deepEqual(saved.map((m) => [m.id, m.conversationId, m.seq]), [['b1', 'k1', 1], ['b2', 'k2', 1], ['b3', 'k1', 2], ['b1', 'k1', 1]], 'a repeated id in one batch is saved once');
      assert.deepEqual((await store.history('k1')).map((m) => m.id), ['b3', 'b1']);
      await assert.rejects(store.appendMessages([msg('c1', 'k1', 5), msg('c2', 'nope', 6)]), NotFoundError);
      await assert.rejects(store.appendMessages([msg('c1', 'k1', 5), { ...msg('c3', 'k1', 7), delivery: 'bogus' as 'sent' }]), StoreInputError);
      assert.deepEqual((await store.history('k1')).map((m) => m.id), ['b3', 'b1'], 'a rejected batch saves nothing');
      assert.equal((await store.saveMessage(msg('c4', 'k1', 8))).seq, 3, 'and consumes no sequence number');
      assert.equal((await store.search('batch')).length, 4);
      await assert.rejects(store.appendMessages(Array.from({ length: STORE_LIMITS.maxAppendMessages + 1 }, (_, i) => msg(`x${i}`, 'k1', i))), StoreInputError);
    } finally {
      await done();
    }
  });

  test(`${name}: deleteMessages removes several messages of a conversation`, async () => {
    const { store, done } = await make();
    try {
      await store.putConversation(conversation('k1'));
      for (let i = 0; i < 12; i++) await store.saveMessage({ id: `m${i}`, conversationId: 'k1', sender: 'a', timestamp: i, body: text(`expiring ${i}`), delivery: 'sent' });
      await store.deleteMessages('k1', ['m1', 'm5', 'm9', 'unknown']);
      assert.deepEqual((await store.history('k1')).map((m) => m.id), ['m11', 'm10', 'm8', 'm7', 'm6', 'm4', 'm3', 'm2', 'm0']);
      assert.deepEqual((await store.search('expiring')).map((m) => m.id).sort(), ['m0', 'm10', 'm11', 'm2', 'm3', 'm4', 'm6', 'm7', 'm8']);
      assert.equal(await store.getMessage('k1', 'm5'), undefined);
    } finally {
      await done();
    }
  });
}
