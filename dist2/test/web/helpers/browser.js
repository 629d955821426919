/**
 * Browser helpers for the web app's tests (issue 7): Debian's Chromium driven by playwright-core
 * (browsers cannot be downloaded here), and page steps a person would take. Reusable for the
 * two-person test over a real relay: one `BrowserContext` per person.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const chromiumAvailable = () => existsSync(CHROMIUM_PATH);
export function launchChromium() {
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
export function watchPageErrors(page) {
    const problems = [];
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
        if (msg.type() === 'error')
            problems.push(`console: ${msg.text()}`);
    });
    return problems;
}
export async function unlock(page, passphrase) {
    await page.getByLabel('Passphrase').fill(passphrase);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('navigation', { name: 'Conversations' }).waitFor();
}
export function conversationItem(page, name) {
    return page.locator(`.conversation-item[data-conversation="${name}"]`);
}
export async function openConversation(page, name) {
    await conversationItem(page, name).click();
    await page.getByRole('heading', { level: 2, name }).waitFor();
}
/** Types into the composer and presses Enter (the way people send). */
export async function sendWithEnter(page, text) {
    const composer = page.locator('#compose');
    await composer.fill(text);
    await composer.press('Enter');
}
/** The message bubble holding exactly this text. */
export function messageWithText(page, text) {
    return page.locator('.message').filter({ has: page.getByText(text, { exact: true }) });
}
export async function screenshot(page, path) {
    await mkdir(dirname(path), { recursive: true });
    await page.screenshot({ path });
}
//# sourceMappingURL=browser.js.map