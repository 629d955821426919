import { type Browser, type Locator, type Page } from 'playwright-core';
export declare const CHROMIUM_PATH = "/usr/bin/chromium";
export declare const chromiumAvailable: () => boolean;
export declare function launchChromium(): Promise<Browser>;
/** Collects what would show up as red in the console: page errors, console errors, CSP reports. */
export declare function watchPageErrors(page: Page): string[];
export declare function unlock(page: Page, passphrase: string): Promise<void>;
export declare function conversationItem(page: Page, name: string): Locator;
export declare function openConversation(page: Page, name: string): Promise<void>;
/** Types into the composer and presses Enter (the way people send). */
export declare function sendWithEnter(page: Page, text: string): Promise<void>;
/** The message bubble holding exactly this text. */
export declare function messageWithText(page: Page, text: string): Locator;
export declare function screenshot(page: Page, path: string): Promise<void>;
