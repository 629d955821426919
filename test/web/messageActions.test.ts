/**
 * Edit, delete for everyone, reactions, replies and the disappearing timer in the web app, in
 * Chromium (issue 8 item 7): Maya uses the page (keyboard and mouse), Jonas is an SDK client on
 * the same relay. What Maya does reaches Jonas, and what Jonas does shows up live on her page
 * ("edited", "deleted", reactions, the timer's system line).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Client } from '../../src/client/client.js';
import type { MessageInfo } from '../../src/client/types.js';
import { serveClient, type TestApp } from './helpers/app.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, messageWithText, openConversation, screenshot, sendWithEnter, watchedPage } from './helpers/browser.js';
import { introduce, startWorld, type TestWorld } from './helpers/people.js';
import { until } from '../helpers/until.js';

const SKIP = chromiumAvailable() ? false : `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;

let world: TestWorld;
let browser: Browser;
let maya: Client;
let jonas: Client;
let app: TestApp;
let page: Page;
let problems: string[];

before(async () => {
  if (SKIP !== false) return;
  world = await startWorld();
  maya = await world.person('Maya');
  jonas = await world.person('Jonas');
  await introduce(maya, jonas, 'Maya');
  app = await serveClient(maya);
  browser = await launchChromium();
  ({ page, problems } = await watchedPage(browser));
  page.on('dialog', (d) => void d.accept());
  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
});

after(async () => {
  if (SKIP !== false) return;
  await browser.close();
  await app.close();
  await world.close();
});

const onJonas = async (text: string): Promise<MessageInfo | undefined> => (await jonas.history('Maya')).find((m) => m.text === text);

test('edit, react, reply and delete for everyone from the page reach the other side', { skip: SKIP, timeout: 50_000 }, async () => {
  await openConversation(page, 'Jonas');
  await sendWithEnter(page, 'ferry at 9');
  await until(async () => (await onJonas('ferry at 9')) !== undefined, 'jonas gets the message');

  // Edit with the keyboard: Tab to the message's actions button, Enter, choose Edit.
  const bubble = messageWithText(page, 'ferry at 9');
  await bubble.getByRole('button', { name: 'Message actions' }).focus();
  await page.keyboard.press('Enter');
  await bubble.getByRole('button', { name: 'Edit' }).press('Enter');
  await page.getByRole('status').filter({ hasText: 'Editing your message' }).waitFor();
  await page.locator('#compose').fill('ferry at 10');
  await page.locator('#compose').press('Enter');
  await messageWithText(page, 'ferry at 10').locator('.edited').waitFor();
  await until(async () => (await onJonas('ferry at 10'))?.edited === true, 'jonas sees the edit');
  assert.equal(await onJonas('ferry at 9'), undefined);

  // React.
  const edited = messageWithText(page, 'ferry at 10');
  await edited.getByRole('button', { name: 'Message actions' }).click();
  await edited.getByRole('button', { name: 'React 👍' }).click();
  await edited.locator('.reaction', { hasText: '👍' }).waitFor();
  await until(async () => (await onJonas('ferry at 10'))?.reactions?.[0]?.emoji === '👍', 'jonas sees the reaction');

  // Reply.
  await edited.getByRole('button', { name: 'Message actions' }).click();
  await edited.getByRole('button', { name: 'Reply' }).click();
  await sendWithEnter(page, 'or 11 if late');
  await page.locator('.message .quote', { hasText: 'ferry at 10' }).waitFor();
  await until(async () => (await onJonas('or 11 if late'))?.replyTo?.text === 'ferry at 10', 'jonas sees the quote');

  // Delete for everyone.
  const reply = messageWithText(page, 'or 11 if late');
  await reply.getByRole('button', { name: 'Message actions' }).click();
  await reply.getByRole('button', { name: 'Delete for everyone' }).click();
  await page.getByText('This message was deleted').waitFor();
  await until(async () => (await jonas.history('Maya')).some((m) => m.deleted === true), 'jonas sees it deleted');
  assert.equal(await onJonas('or 11 if late'), undefined);
});

test('what the other side does shows live: edited, deleted, reactions, the timer line', { skip: SKIP, timeout: 40_000 }, async () => {
  const m = await jonas.send('Maya', 'bring the maps');
  await messageWithText(page, 'bring the maps').waitFor();
  await jonas.edit(m.id, 'bring the charts');
  await messageWithText(page, 'bring the charts').locator('.edited').waitFor();
  const mine = (await maya.history('Jonas')).find((x) => x.text === 'ferry at 10')!;
  await jonas.react(mine.id, '❤️');
  await messageWithText(page, 'ferry at 10').locator('.reaction', { hasText: '❤️' }).waitFor();
  await jonas.deleteForEveryone(m.id);
  await until(async () => (await page.getByText('This message was deleted').count()) === 2, 'the page shows the second deletion');
  await jonas.setDisappearing('Maya', 3600);
  await page.getByText('Jonas set disappearing messages to 1 hour').waitFor();
  // The selector follows once the page has re-read the conversation (after the line is shown).
  await until(async () => (await page.getByRole('combobox', { name: 'Disappearing messages' }).inputValue()) === '3600', 'the selector shows 1 hour');
  // And back from the page's selector.
  await page.getByRole('combobox', { name: 'Disappearing messages' }).selectOption('0');
  await page.getByText('You turned disappearing messages off').waitFor();
  await screenshot(page, 'test-output/web/message-actions.png');
  await until(async () => (await jonas.disappearing('Maya')) === 0, 'jonas takes the change');
  assert.deepEqual(problems, []);
});

test('settings: read receipts and typing indicators; "typing…" shows once both have them on', { skip: SKIP, timeout: 30_000 }, async () => {
  await page.getByRole('button', { name: 'Settings' }).click();
  const receipts = page.getByLabel('Send read receipts');
  const typing = page.getByLabel('Typing indicators');
  assert.equal(await receipts.isChecked(), true);
  assert.equal(await typing.isChecked(), false, 'typing indicators are off by default');
  await receipts.uncheck();
  await until(() => Promise.resolve(!maya.settings.readReceipts), 'read receipts off in the SDK');
  await typing.check();
  await until(() => Promise.resolve(maya.settings.typing), 'typing on in the SDK');
  await openConversation(page, 'Jonas');
  await jonas.setTypingIndicators(true);
  await jonas.typing('Maya', true);
  await page.getByText('Jonas is typing…').waitFor();
  assert.deepEqual(problems, []);
});
