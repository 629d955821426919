/**
 * Shared scaffolding of the CLI group scenario tests (issue 6 §Tests): a sandbox with a relay
 * process, four profiles of which Alice is everyone's contact (and nobody else's), and syncing
 * everyone until a condition holds — in a bounded number of rounds, never a timing.
 */
import { sandboxWithRelay, type RelayChild, type Sandbox } from './harness.js';

/** A message as `saltline sync --json` prints it. */
export interface SyncedMessage {
  readonly text: string;
  readonly outgoing?: boolean;
  readonly sender: string | null;
}

export interface GroupScenario {
  readonly world: { box: Sandbox; relay: RelayChild };
  /** What each profile received, from the output of its `sync --json` runs. */
  readonly inbox: Map<string, SyncedMessage[]>;
  readonly got: (who: string, text: string, sender: string) => boolean;
  /** Alice, Bob, Carol and Dave on the relay; Bob, Carol and Dave each accepted an invitation of Alice's. */
  readonly aliceKnowsEveryone: () => Promise<void>;
  readonly syncUntil: (who: readonly string[], done: () => boolean | Promise<boolean>, what: string) => Promise<void>;
}

export function groupScenario(): GroupScenario {
  const world = sandboxWithRelay();
  const inbox = new Map<string, SyncedMessage[]>();
  return {
    world,
    inbox,
    got: (who, text, sender) => (inbox.get(who) ?? []).some((m) => m.text === text && m.sender === sender),
    aliceKnowsEveryone: async () => {
      const people = ['alice', 'bob', 'carol', 'dave'];
      await Promise.all(people.map((p) => world.box.ok(p, ['init', '--name', p[0]!.toUpperCase() + p.slice(1), '--relay', world.relay.address])));
      const links: string[] = [];
      for (let i = 0; i < 3; i++) links.push((await world.box.json<{ link: string }>('alice', ['invite'])).link);
      await Promise.all(['bob', 'carol', 'dave'].map((p, i) => world.box.ok(p, ['accept', links[i]!, '--name', 'Alice'])));
      await world.box.ok('alice', ['sync']);
    },
    syncUntil: async (who, done, what) => {
      for (let round = 0; round < 10; round++) {
        await Promise.all(
          who.map(async (p) => {
            const r = await world.box.json<{ messages: SyncedMessage[] }>(p, ['sync']);
            inbox.set(p, [...(inbox.get(p) ?? []), ...r.messages]);
          }),
        );
        if (await done()) return;
      }
      throw new Error(`still not done after 10 sync rounds: ${what}`);
    },
  };
}
