/**
 * The web app in a real browser (issue 7, "Tests in a real browser"), one person's view: Debian's
 * Chromium driven by playwright-core opens the printed URL of a real profile folder, unlocks it,
 * reads and pages back through history, sends with Enter and watches the real delivery receipts
 * come in, gets replies live, and uses the settings — all under the app's strict CSP (any
 * violation is a console error, which fails the test). The other person is an SDK client in this
 * process, on the same relay. The two-browser test is twoPeople.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Client } from '../../src/client/client.js';
import type { MessageInfo } from '../../src/client/types.js';
import { serveProfile, type TestApp } from './helpers/app.js';
import { chromiumAvailable, CHROMIUM_PATH, conversationItem, launchChromium, messageWithText, openConversation, sendWithEnter, unlock, watchedPage } from './helpers/browser.js';
import { FAST, introduce, startWorld, waitForEvent, type TestWorld } from './helpers/people.js';

const SKIP = chromiumAvailable() ? false : `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;
const EARLIER = 70;

let world: TestWorld;
let passphrase: string;
let jonas: Client;
let app: TestApp;
let browser: Browser;
let page: Page;
let problems: string[];

before(async () => {
  if (SKIP !== false) return;
  world = await startWorld();
  const profile = await world.createProfile('Maya Lindqvist');
  passphrase = profile.passphrase;
  // Maya met Jonas and he wrote a lot while she was away; then her app starts, locked.
  const maya = await Client.open(profile.dir, passphrase, FAST);
  await maya.start();
  jonas = await world.person('Jonas Weber');
  await introduce(maya, jonas, 'Maya');
  let got = 0;
  const arrived = waitForEvent(maya, (e) => e.type === 'message' && ++got === EARLIER, 'the earlier messages');
  for (let i = 1; i <= EARLIER; i++) await jonas.send('Maya', i === 1 ? 'Do you still have my book about lighthouses?' : `Earlier message ${i}`);
  await arrived;
  await maya.close();

  app = await serveProfile(profile.dir);
  browser = await launchChromium();
  ({ page, problems } = await watchedPage(browser, { width: 1200, height: 800 }));
});

after(async () => {
  if (SKIP !== false) return;
  await browser.close();
  await app.close();
  await world.close();
});

test('opening the printed URL shows the unlock screen and drops the secret from the address bar', { skip: SKIP, timeout: 30_000 }, async () => {
  await page.goto(app.url);
  await page.getByRole('heading', { name: 'Unlock Saltline' }).waitFor();
  assert.equal(page.url(), `${app.origin}/`);
  // The cookie is HttpOnly: scripts on the page cannot read the secret.
  assert.equal(await page.evaluate('document.cookie'), '');
});

test('a wrong passphrase is refused with a message; the right one shows the conversations', { skip: SKIP, timeout: 30_000 }, async () => {
  await page.getByLabel('Passphrase').fill('wrong guess');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('alert').filter({ hasText: 'Could not unlock' }).waitFor();
  // The refused unlock is logged by the browser as a failed request; that one is expected.
  problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('401 (Unauthorized)')));

  await unlock(page, passphrase);
  await conversationItem(page, 'Jonas Weber').waitFor();
  assert.equal((await conversationItem(page, 'Jonas Weber').locator('.unread').textContent())?.trim(), String(EARLIER));
  assert.equal((await conversationItem(page, 'Jonas Weber').locator('.item-preview').textContent())?.trim(), `Earlier message ${EARLIER}`);
});

test('Enter sends; the message goes from sending to delivered and read by real receipts; a reply arrives live', { skip: SKIP, timeout: 30_000 }, async () => {
  await openConversation(page, 'Jonas Weber');
  await messageWithText(page, `Earlier message ${EARLIER}`).waitFor();
  // Opening the conversation read it.
  await conversationItem(page, 'Jonas Weber').locator('.unread').waitFor({ state: 'detached' });

  const onJonas = waitForEvent<{ type: 'message'; message: MessageInfo }>(jonas, (e) => e.type === 'message', 'Maya’s message');
  await sendWithEnter(page, 'On my way, see you at the fish market!');
  const mine = messageWithText(page, 'On my way, see you at the fish market!');
  await mine.waitFor();
  assert.ok(((await mine.getAttribute('class')) ?? '').split(/\s+/).includes('out'));
  assert.equal(await page.locator('#compose').inputValue(), '');
  assert.equal((await onJonas).message.text, 'On my way, see you at the fish market!');
  await page.locator('.message[data-state="delivered"]').filter({ hasText: 'On my way' }).waitFor();
  await jonas.markRead('Maya');
  await page.locator('.message[data-state="read"]').filter({ hasText: 'On my way' }).waitFor();

  await jonas.send('Maya', 'Great, I am already here ☕');
  await messageWithText(page, 'Great, I am already here ☕').waitFor();
  // Shift+Enter makes a new line instead of sending.
  await page.locator('#compose').fill('first line');
  await page.locator('#compose').press('Shift+Enter');
  assert.equal(await page.locator('#compose').inputValue(), 'first line\n');
  await page.locator('#compose').fill('');
});

test('scrolling up pages back through older history', { skip: SKIP, timeout: 30_000 }, async () => {
  const count = (): Promise<number> => page.locator('.messages .message').count();
  const start = await count();
  assert.ok(start < EARLIER, 'the first page does not hold everything');
  for (let i = 0; i < 10 && (await page.locator('.history-start').count()) === 0; i++) {
    const shown = await count();
    await page.locator('.messages').evaluate((el: { scrollTo(options: { top: number }): void }) => el.scrollTo({ top: 0 }));
    await page.locator('.messages .message').nth(shown).or(page.locator('.history-start')).first().waitFor({ state: 'attached' });
  }
  assert.equal(await count(), EARLIER + 2);
  await messageWithText(page, 'Do you still have my book about lighthouses?').waitFor({ state: 'attached' });
});

test('settings: rename, the relay, export a backup for download, and lock back to the unlock screen', { skip: SKIP, timeout: 30_000 }, async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  assert.equal(await page.locator('#relay-address').inputValue(), world.relay.address);
  await page.locator('#display-name').fill('Maya L.');
  await page.locator('#display-name').press('Enter');
  await page.locator('.me strong', { hasText: 'Maya L.' }).waitFor();

  await page.locator('#backup-pass').fill('a long backup passphrase');
  await page.getByRole('button', { name: 'Export backup' }).click();
  const link = page.getByRole('link', { name: /^Download saltline-backup-/ });
  await link.waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.match(download.suggestedFilename(), /^saltline-backup-\d{4}-\d{2}-\d{2}\.slbackup$/);
  assert.equal(await download.failure(), null);

  // Escape closes a panel and returns to the conversation it was opened from.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.keyboard.press('Escape');
  await page.locator('#compose').waitFor();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Unlock Saltline' }).waitFor();
  assert.equal(await page.locator('.conversation-item').count(), 0);
  // The name was saved in the profile: it is there after unlocking again.
  await unlock(page, passphrase);
  await page.locator('.me strong', { hasText: 'Maya L.' }).waitFor();
});

test('no page errors and no CSP violations happened', { skip: SKIP }, () => {
  assert.deepEqual(problems, []);
});
