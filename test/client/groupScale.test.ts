/**
 * A large group through the SDK (issue 6 item 6), with every member a real client on a real relay:
 * see test/client/groupScale.ts. 1,000 members take minutes of setup on the 2-core build machine
 * (each member's handshake with the admin), more than a test file may take, so the test runs
 * 100 members and the 1,000-member run is `node dist/test/client/groupScale.js 1000`
 * (docs/groups.md "In the SDK and the CLI" has its numbers). The scenario is the same.
 */
import { test } from 'node:test';
import { groupAtScale } from './groupScale.js';

test('a 100-member group: readers set up no sessions, members read a sender, a removal rekeys', { timeout: 120_000 }, async () => {
  await groupAtScale(100);
});
