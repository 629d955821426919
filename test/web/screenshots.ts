/**
 * Takes the screenshots of the web app's main screens for docs/screenshots/ (issue 7) from the
 * stub profile's demo data, in Debian's Chromium. Not a test; run after building:
 *   node dist/test/web/screenshots.js [output folder, default docs/screenshots]
 */
import type { Browser, Page } from 'playwright-core';
import { startAppForProfile } from './helpers/app.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, messageWithText, openConversation, screenshot, unlock } from './helpers/browser.js';
import { demoProfile } from './helpers/demoData.js';

const out = process.argv[2] ?? 'docs/screenshots';

async function shoot(browser: Browser, url: string, passphrase: string, options: { width: number; height: number; dark?: boolean }, steps: (page: Page) => Promise<void>): Promise<void> {
  const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, colorScheme: options.dark === true ? 'dark' : 'light', locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(url);
  // The profile stays unlocked in the process once any page unlocked it.
  const nav = page.getByRole('navigation', { name: 'Conversations' });
  await nav.or(page.getByLabel('Passphrase')).waitFor();
  if (!(await nav.isVisible())) await unlock(page, passphrase);
  await steps(page);
  await context.close();
}

async function main(): Promise<void> {
  if (!chromiumAvailable()) throw new Error(`${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
  const demo = demoProfile();
  // A realistic folder name for the settings screen; the stub never touches it.
  const app = await startAppForProfile({ openClient: (p) => demo.profile.open(p), profileDir: '/home/maya/.local/share/saltline' });
  const browser = await launchChromium();
  const pass = demo.profile.passphrase;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByLabel('Passphrase').fill(pass);
    await screenshot(page, `${out}/unlock.png`);
    await context.close();

    await shoot(browser, app.url, pass, { width: 1280, height: 800 }, async (page) => {
      await openConversation(page, 'Jonas Weber');
      await page.locator('#compose').fill('On my way, see you at the fish market!');
      await page.locator('#compose').press('Enter');
      await page.locator('.message[data-state="delivered"]').filter({ hasText: 'On my way' }).waitFor();
      demo.profile.receive(demo.contacts.jonas, 'Great, I am already here ☕');
      await messageWithText(page, 'Great, I am already here ☕').waitFor();
      await screenshot(page, `${out}/conversation.png`);

      await openConversation(page, 'Tomás Ortega');
      await page.locator('.identity-warning').waitFor();
      await screenshot(page, `${out}/identity-changed.png`);

      await openConversation(page, 'Priya Raman');
      await page.getByRole('button', { name: 'Safety number', exact: true }).click();
      await page.locator('svg.qr').waitFor();
      await screenshot(page, `${out}/safety-number.png`);

      await page.getByRole('button', { name: 'New contact' }).click();
      await page.getByRole('button', { name: 'Create invitation' }).click();
      await page.locator('svg.qr').waitFor();
      await screenshot(page, `${out}/invitation.png`);

      await page.keyboard.press('Control+k');
      await page.getByRole('searchbox', { name: 'Search messages' }).fill('ferry');
      await page.locator('.search-result').first().waitFor();
      await screenshot(page, `${out}/search.png`);

      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('heading', { name: 'Settings' }).waitFor();
      await screenshot(page, `${out}/settings.png`);
    });

    await shoot(browser, app.url, pass, { width: 1280, height: 800, dark: true }, async (page) => {
      await openConversation(page, 'Jonas Weber');
      await screenshot(page, `${out}/conversation-dark.png`);
    });

    await shoot(browser, app.url, pass, { width: 390, height: 780 }, async (page) => {
      await screenshot(page, `${out}/narrow-list.png`);
      await openConversation(page, 'Jonas Weber');
      await screenshot(page, `${out}/narrow-conversation.png`);
    });
  } finally {
    await browser.close();
    await app.close();
  }
  process.stdout.write(`screenshots written to ${out}/\n`);
}

await main();
