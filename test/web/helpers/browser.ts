/**
 * Browser helpers for the web app's tests (issue 7): Debian's Chromium driven by playwright-core
 * (browsers cannot be downloaded here), and page steps a person would take. Reusable for the
 * two-person test over a real relay: one `BrowserContext` per person.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM_PATH);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Collects what would show up as red in the console: page errors, console errors, CSP reports. */
export function watchPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  return problems;
}

/** A page in a fresh browser context (its own cookies and storage), with its problems collected. */
export async function watchedPage(browser: Browser, viewport = { width: 1100, height: 760 }): Promise<{ page: Page; problems: string[] }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  return { page, problems: watchPageErrors(page) };
}

export async function unlock(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
}

export function conversationItem(page: Page, name: string): Locator {
  return page.locator(`.conversation-item[data-conversation="${name}"]`);
}

export async function openConversation(page: Page, name: string): Promise<void> {
  await conversationItem(page, name).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** Types into the composer and presses Enter (the way people send). */
export async function sendWithEnter(page: Page, text: string): Promise<void> {
  const composer = page.locator('#compose');
  await composer.fill(text);
  await composer.press('Enter');
}

/** The message bubble holding exactly this text. */
export function messageWithText(page: Page, text: string): Locator {
  return page.locator('.message').filter({ has: page.getByText(text, { exact: true }) });
}

export async function screenshot(page: Page, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path });
}
