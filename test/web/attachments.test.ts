/**
 * Attachments in the web app, in Chromium (issue 8 item 1 §Tests): Maya picks an image with the
 * attach button; her page makes the thumbnail on a canvas and shows upload progress; Jonas's page
 * shows the thumbnail as soon as the message arrives, and his download link gives back the exact
 * bytes. No page errors, no CSP violations. The attachment routes keep the app's access rules
 * (#24): without the secret they answer 403.
 */
import assert from 'node:assert/strict';
import { crc32, deflateSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import type { Client } from '../../src/client/client.js';
import { serveClient, type TestApp } from './helpers/app.js';
import { chromiumAvailable, CHROMIUM_PATH, launchChromium, openConversation, watchedPage } from './helpers/browser.js';
import { introduce, startWorld, type TestWorld } from './helpers/people.js';

const SKIP = chromiumAvailable() ? false : `${CHROMIUM_PATH} is missing (apt-get install -y chromium)`;

/** A real PNG (an RGB gradient) made here, so the browser has something to decode and scale. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const o = y * (1 + width * 3);
    for (let x = 0; x < width; x++) rows.set([(x * 255) / width, (y * 255) / height, 128], o + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

let world: TestWorld;
let browser: Browser;
let maya: Client;
let jonas: Client;
let mayaApp: TestApp;
let jonasApp: TestApp;
let mayaPage: Page;
let jonasPage: Page;
let mayaProblems: string[];
let jonasProblems: string[];

before(async () => {
  if (SKIP !== false) return;
  world = await startWorld();
  maya = await world.person('Maya');
  jonas = await world.person('Jonas');
  await introduce(maya, jonas, 'Maya');
  mayaApp = await serveClient(maya);
  jonasApp = await serveClient(jonas);
  browser = await launchChromium();
  ({ page: mayaPage, problems: mayaProblems } = await watchedPage(browser, { width: 1000, height: 720 }));
  ({ page: jonasPage, problems: jonasProblems } = await watchedPage(browser, { width: 1000, height: 720 }));
});

after(async () => {
  if (SKIP !== false) return;
  await browser.close();
  await mayaApp.close();
  await jonasApp.close();
  await world.close();
});

test('Maya sends an image from her page; Jonas sees its thumbnail and downloads the exact bytes', { skip: SKIP, timeout: 60_000 }, async () => {
  await mayaPage.goto(mayaApp.url);
  await jonasPage.goto(jonasApp.url);
  await openConversation(mayaPage, 'Jonas');
  await openConversation(jonasPage, 'Maya');

  const image = png(640, 480);
  await mayaPage.locator('[data-testid="attach-input"]').setInputFiles({ name: 'harbour.png', mimeType: 'image/png', buffer: image });

  // Jonas's page: the message arrives live with the thumbnail Maya's browser drew.
  const received = jonasPage.locator('.message.in .attachment');
  await received.waitFor({ timeout: 30_000 });
  await assert.doesNotReject(received.locator('.attachment-name', { hasText: 'harbour.png' }).waitFor());
  const thumb = received.locator('img.attachment-thumb');
  await thumb.waitFor();
  // (Strings, not functions: this file is compiled without the DOM's types.)
  await jonasPage.waitForFunction("(() => { const img = document.querySelector('.message.in img.attachment-thumb'); return img !== null && img.complete && img.naturalWidth > 0; })()");
  const size = await jonasPage.evaluate<number[]>("(() => { const img = document.querySelector('.message.in img.attachment-thumb'); return [img.naturalWidth, img.naturalHeight]; })()");
  assert.ok(size[0]! > 0 && size[0]! <= 320 && size[1]! <= 320, `a small thumbnail, not the image: ${size.join('×')}`);
  assert.match((await thumb.getAttribute('src')) ?? '', /^\/api\/attachments\/[A-Za-z0-9_-]+\/thumbnail$/);

  // Maya's own message shows it too (once the upload finished).
  await mayaPage.locator('.message.out img.attachment-thumb').waitFor();

  const href = await received.locator('a.attachment-download').getAttribute('href');
  assert.ok(href);
  const downloaded = await jonasPage.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'same-origin' });
    return { status: res.status, disposition: res.headers.get('content-disposition'), bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
  }, href);
  assert.equal(downloaded.status, 200);
  assert.match(downloaded.disposition ?? '', /^attachment; filename="harbour\.png"/);
  assert.ok(Buffer.from(downloaded.bytes).equals(image), 'the downloaded file is the image Maya picked');

  // #24: the same routes without the app's secret are refused.
  const anonymous = await fetch(`${jonasApp.origin}${href}`);
  assert.equal(anonymous.status, 403);
  const upload = await fetch(`${jonasApp.origin}/api/conversations/x/attachments`, { method: 'POST', headers: { 'Content-Type': 'application/octet-stream', Origin: 'http://evil.example' }, body: Buffer.alloc(8) });
  assert.equal(upload.status, 403);

  assert.deepEqual([...mayaProblems, ...jonasProblems], []);
});
