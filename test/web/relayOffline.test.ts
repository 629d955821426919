/**
 * The relay-offline indicator in a real browser (issue 7): Maya's real profile folder served as
 * `saltline app` serves it, Jonas an SDK client, one relay on 127.0.0.1 with its queues on disk.
 * Stopping the relay shows a banner (a live status region, so screen readers hear it); a page
 * loaded meanwhile shows it at once; a message written meanwhile waits; starting the relay again
 * on the same port clears the banner and the message is delivered.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Client } from '../../src/client/client.js';
import { PWHASH_LIMITS } from '../../src/crypto/pwhash.js';
import { startRelay, type RunningRelay } from '../../src/relay/wsServer.js';
import { serveProfile, type TestApp } from './helpers/app.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, messageWithText, openConversation, screenshot, sendWithEnter, watchedPage } from './helpers/browser.js';
import { FAST, introduce, waitForEvent } from './helpers/people.js';

const SKIP = chromiumAvailable() ? false : `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;
const OUT = 'test-output/web';
const BANNER = 'Relay unreachable — messages will be sent when it is back.';

let dir: string;
let relay: RunningRelay;
let jonas: Client;
let app: TestApp;
let browser: Browser;
let page: Page;
let problems: string[];

const banner = () => page.getByRole('status').filter({ hasText: BANNER });

before(async () => {
  if (SKIP !== false) return;
  dir = await mkdtemp(join(tmpdir(), 'saltline-web-offline-'));
  relay = await startRelay({ dataDir: join(dir, 'relay'), store: 'embedded' });
  const profile = join(dir, 'maya');
  const maya = await Client.create(profile, 'maya passphrase', { name: 'Maya Lindqvist', relay: relay.address, pwhash: PWHASH_LIMITS.min, ...FAST });
  await maya.start();
  jonas = await Client.inMemory({ name: 'Jonas Weber', relay: relay.address, ...FAST });
  await jonas.start();
  await introduce(maya, jonas, 'Maya');
  await maya.close();
  app = await serveProfile(profile, { passphrase: 'maya passphrase' });
  browser = await launchChromium();
  ({ page, problems } = await watchedPage(browser, { width: 1100, height: 700 }));
});

after(async () => {
  if (SKIP !== false) return;
  await browser.close();
  await app.close();
  await jonas.close();
  await relay.close();
  await rm(dir, { recursive: true, force: true });
});

test('while the relay is up there is no banner', { skip: SKIP, timeout: 30_000 }, async () => {
  await page.goto(app.url);
  await openConversation(page, 'Jonas Weber');
  const got = waitForEvent(jonas, (e) => e.type === 'message' && e.message.text === 'Relay is fine', 'the first message');
  await sendWithEnter(page, 'Relay is fine');
  await got;
  assert.equal(await page.locator('.relay-banner').count(), 0);
  // The live region is there, empty, waiting to announce.
  const idle = page.locator('.relay-banner-idle[role="status"]');
  assert.equal(await idle.count(), 1);
  assert.equal((await idle.textContent())?.trim(), '');
});

test('stopping the relay shows the banner; a message written meanwhile waits as “sending”', { skip: SKIP, timeout: 30_000 }, async () => {
  await relay.close();
  await banner().waitFor();
  await sendWithEnter(page, 'Written while the relay is away');
  const waiting = messageWithText(page, 'Written while the relay is away');
  await waiting.waitFor();
  assert.equal(await waiting.getAttribute('data-state'), 'sending');
  await screenshot(page, `${OUT}/relay-offline.png`);
});

test('a page loaded while the relay is away shows the banner at once', { skip: SKIP, timeout: 30_000 }, async () => {
  await page.reload();
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
  await banner().waitFor();
  await openConversation(page, 'Jonas Weber');
});

test('starting the relay again clears the banner and the waiting message is delivered', { skip: SKIP, timeout: 30_000 }, async () => {
  const delivered = waitForEvent(jonas, (e) => e.type === 'message' && e.message.text === 'Written while the relay is away', 'the waiting message');
  relay = await startRelay({ dataDir: join(dir, 'relay'), store: 'embedded', port: relay.port });
  await page.locator('.relay-banner').waitFor({ state: 'detached' });
  await delivered;
  await page.locator('.message[data-state="delivered"], .message[data-state="read"]').filter({ hasText: 'Written while the relay is away' }).waitFor();
});

test('no page errors and no CSP violations happened', { skip: SKIP }, () => {
  assert.deepEqual(problems, []);
});
