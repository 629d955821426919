/**
 * `saltline demo` — what `npm start` runs (issue 7 §4, issue 5 "the main job") — as a real
 * process with a fresh SALTLINE_HOME: it prints a URL, and in a real browser a newcomer finds the
 * demo contact's welcome, sends a message with Enter and gets an answer, with the delivery ticks
 * going up to "read". A second run reuses the same relay address, profiles and history.
 * `saltline demo --protocol` still walks through the protocol in the terminal.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { DEMO_WELCOME } from '../../src/cli/demoFriend.js';
import { chromiumAvailable, CHROMIUM_PATH, conversationItem, launchChromium, messageWithText, openConversation, sendWithEnter, watchedPage } from './helpers/browser.js';
import { cliEnv, runCli, URL_LINE } from './helpers/cli.js';

const SKIP = chromiumAvailable() ? false : `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;

let home: string;
let browser: Browser;

before(async () => {
  home = await mkdtemp(join(tmpdir(), 'saltline-demo-'));
  if (SKIP === false) browser = await launchChromium();
});
after(async () => {
  if (SKIP === false) await browser.close();
  await rm(home, { recursive: true, force: true });
});

const relayLine = (stderr: string): string | undefined => /relay: +(wss:\/\/\S+)/.exec(stderr)?.[1];

test('saltline demo --protocol still runs the terminal walk-through', async () => {
  const run = runCli(['demo', '--protocol'], cliEnv({ SALTLINE_HOME: home }));
  assert.equal(await run.exited, 0);
  assert.match(run.stdout(), /They match: no one is in the middle\./);
  await assert.rejects(stat(join(home, 'demo')), 'the protocol demo saves nothing');
});

test('first run: the browser shows the demo contact; a message sent with Enter gets an answer, and reaches "read"', { skip: SKIP, timeout: 50_000 }, async () => {
  const demo = runCli(['demo'], cliEnv({ SALTLINE_HOME: home }));
  let relay: string | undefined;
  try {
    const url = await demo.line(URL_LINE);
    relay = relayLine(demo.stderr());
    assert.ok(relay, demo.stderr());
    const state = JSON.parse(await readFile(join(home, 'demo', 'demo.json'), 'utf8')) as { passphrase: string };
    assert.ok(demo.stderr().includes(state.passphrase), 'the passphrase of the demo profiles is printed');
    assert.equal(((await stat(join(home, 'demo', 'demo.json'))).mode & 0o077), 0, 'demo.json is private');

    const { page, problems } = await watchedPage(browser);
    await page.goto(url);
    // No unlock step: the demo profile is open already.
    await conversationItem(page, 'Demo friend').waitFor();
    await openConversation(page, 'Demo friend');
    await messageWithText(page, DEMO_WELCOME).waitFor();
    await sendWithEnter(page, 'Hello, is this thing on?');
    await page.locator('.message.in').filter({ hasText: 'You said: “Hello, is this thing on?”' }).waitFor();
    await page.locator('.message.out[data-state="read"]').filter({ hasText: 'Hello, is this thing on?' }).waitFor();
    assert.deepEqual(problems, []);
    await page.context().close();
  } finally {
    assert.equal(await demo.stop('SIGTERM'), 0, demo.stderr());
  }

  // Second run: same relay address, same profiles, the conversation still there.
  const again = runCli(['demo'], cliEnv({ SALTLINE_HOME: home }));
  try {
    const url = await again.line(URL_LINE);
    assert.equal(relayLine(again.stderr()), relay);
    assert.doesNotMatch(again.stderr(), /first run/);
    const page = await (await browser.newContext()).newPage();
    await page.goto(url);
    await openConversation(page, 'Demo friend');
    await messageWithText(page, 'Hello, is this thing on?').waitFor();
    await sendWithEnter(page, 'Back again');
    await page.locator('.message.in').filter({ hasText: 'You said: “Back again”' }).waitFor();
    await page.context().close();
  } finally {
    assert.equal(await again.stop('SIGINT'), 0, again.stderr());
  }
});
