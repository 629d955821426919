import { Client } from '../../src/client/client.js';
import { startProfileApp } from '../../src/web/profileApp.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, messageWithText, openConversation, screenshot, unlock } from './helpers/browser.js';
import { FAST, introduce, startWorld, waitForEvent } from './helpers/people.js';
const out = process.argv[2] ?? 'docs/screenshots';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Everyone's clock: set while the history is made, then the real time. */
let fixed;
const now = () => fixed ?? Date.now();
const clock = { ...FAST, now };
async function exchange(maya, other, mayaName, otherName, lines) {
    for (const [fromMaya, text, at] of lines) {
        fixed = at;
        const receiver = fromMaya ? other : maya;
        const got = waitForEvent(receiver, (e) => e.type === 'message' && e.message.text === text, text);
        await (fromMaya ? maya.send(otherName, text) : other.send(mayaName, text));
        await got;
    }
}
/** Maya's contacts and conversations; returns Jonas, still online, to answer live. */
async function makeHistory(maya, world) {
    const start = Date.now() - 3 * DAY;
    fixed = start;
    const jonas = await world.person('Jonas Weber', clock);
    const priya = await world.person('Priya Raman', clock);
    const tomas = await world.person('Tomás Ortega', clock);
    await introduce(maya, jonas, 'Maya');
    await introduce(maya, priya, 'Maya');
    await introduce(maya, tomas, 'Maya');
    await maya.markVerified('Jonas Weber');
    await exchange(maya, jonas, 'Maya', 'Jonas Weber', [
        [false, 'Did you see the ferry schedule changed again?', start + 2 * HOUR],
        [true, 'Yes, the 7:40 is gone. We will have to take the 7:10.', start + 2 * HOUR + 4 * MINUTE],
        [false, 'Ugh. Coffee on the boat then.', start + 2 * HOUR + 5 * MINUTE],
        [true, 'I can bring the thermos.', start + 2 * HOUR + 9 * MINUTE],
        [false, 'Do you still have my book about lighthouses, by the way?', start + DAY + 3 * HOUR],
        [true, 'On my desk, I will bring it.', start + DAY + 3 * HOUR + 20 * MINUTE],
        [false, 'Are we still on for the harbour walk tomorrow?', Date.now() - 95 * MINUTE],
        [true, 'Yes! 10:00 at the fish market?', Date.now() - 90 * MINUTE],
    ]);
    await maya.markRead('Jonas Weber');
    await jonas.markRead('Maya');
    await exchange(maya, jonas, 'Maya', 'Jonas Weber', [
        [false, 'Sounds good. I will bring the camera with the new lens 📷', Date.now() - 12 * MINUTE],
        [false, 'The password for the shared photo folder is on the paper I gave you, not in chat.', Date.now() - 11 * MINUTE],
    ]);
    await exchange(maya, priya, 'Maya', 'Priya Raman', [
        [false, 'Hi Maya, Priya here. Got your invitation link, thanks!', start + 5 * HOUR],
        [true, 'Welcome! Let us compare safety numbers when we meet on Thursday.', start + 5 * HOUR + 5 * MINUTE],
        [false, 'Deal. I will bring the draft of the grant proposal too.', start + 5 * HOUR + 9 * MINUTE],
    ]);
    await maya.markRead('Priya Raman');
    await exchange(maya, tomas, 'Maya', 'Tomás Ortega', [
        [true, 'Can you send me the address of the workshop?', start + 4 * HOUR],
        [false, 'Calle de la Luna 14, second floor. Ring twice.', start + 4 * HOUR + 20 * MINUTE],
    ]);
    await maya.markRead('Tomás Ortega');
    await maya.markVerified('Tomás Ortega');
    // Tomás "got a new phone": Maya sends him a new invitation, and a different key answers it.
    fixed = undefined;
    const { link } = await maya.createInvitation({ contact: 'Tomás Ortega' });
    const newTomas = await world.person('Tomás Ortega', clock);
    const warned = waitForEvent(maya, (e) => e.type === 'identityChanged', 'the identity change');
    await newTomas.acceptInvitation(link, 'Maya');
    await warned;
    // Ana's invitation is accepted, but her app has not answered yet.
    const ana = await world.person('Ana Kovač', clock);
    const anaInvite = await ana.createInvitation();
    await ana.close();
    await maya.acceptInvitation(anaInvite.link, 'Ana Kovač');
    await maya.flush();
    return jonas;
}
async function shoot(browser, url, passphrase, options, steps) {
    const context = await browser.newContext({ viewport: { width: options.width, height: options.height }, colorScheme: options.dark === true ? 'dark' : 'light', locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(url);
    // The profile stays unlocked in the process once any page unlocked it.
    const nav = page.getByRole('navigation', { name: 'Conversations' });
    await nav.or(page.getByLabel('Passphrase')).waitFor();
    if (!(await nav.isVisible()))
        await unlock(page, passphrase);
    await steps(page);
    await context.close();
}
async function main() {
    if (!chromiumAvailable())
        throw new Error(`${CHROMIUM_PATH} is missing (apt-get install -y chromium)`);
    const world = await startWorld();
    const profile = await world.createProfile('Maya Lindqvist');
    const maya = await Client.open(profile.dir, profile.passphrase, clock);
    await maya.start();
    const jonas = await makeHistory(maya, world);
    await maya.close();
    const app = await startProfileApp({ profileDir: profile.dir, clientOptions: clock });
    const browser = await launchChromium();
    const pass = profile.passphrase;
    try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
        const page = await context.newPage();
        await page.goto(app.url);
        await page.getByLabel('Passphrase').fill(pass);
        await screenshot(page, `${out}/unlock.png`);
        await context.close();
        await shoot(browser, app.url, pass, { width: 1280, height: 800 }, async (page) => {
            await page.locator('.conversation-item[data-conversation="Ana Kovač"]').waitFor();
            await screenshot(page, `${out}/conversation-list.png`);
            await openConversation(page, 'Jonas Weber');
            await page.locator('#compose').fill('On my way, see you at the fish market!');
            await page.locator('#compose').press('Enter');
            await page.locator('.message[data-state="delivered"], .message[data-state="read"]').filter({ hasText: 'On my way' }).first().waitFor();
            await jonas.send('Maya', 'Great, I am already here ☕');
            await messageWithText(page, 'Great, I am already here ☕').waitFor();
            await screenshot(page, `${out}/conversation.png`);
            await openConversation(page, 'Tomás Ortega');
            await page.locator('.identity-warning').waitFor();
            await screenshot(page, `${out}/identity-changed.png`);
            await page.getByRole('button', { name: 'Compare safety number' }).click();
            await page.getByRole('heading', { name: 'New safety number' }).waitFor();
            await screenshot(page, `${out}/identity-changed-safety-number.png`);
            await openConversation(page, 'Priya Raman');
            await page.getByRole('button', { name: 'Safety number', exact: true }).click();
            await page.locator('.safety-qr svg.qr').waitFor();
            await screenshot(page, `${out}/safety-number.png`);
            await page.getByRole('button', { name: 'New contact' }).click();
            await page.getByRole('button', { name: 'Create invitation' }).click();
            await page.locator('.invitation svg.qr').waitFor();
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
            await page.locator('.conversation-item[data-conversation="Ana Kovač"]').waitFor();
            await screenshot(page, `${out}/narrow-list.png`);
            await openConversation(page, 'Jonas Weber');
            await screenshot(page, `${out}/narrow-conversation.png`);
        });
    }
    finally {
        await browser.close();
        await app.close();
        await world.close();
    }
    process.stdout.write(`screenshots written to ${out}/\n`);
}
await main();
//# sourceMappingURL=screenshots.js.map