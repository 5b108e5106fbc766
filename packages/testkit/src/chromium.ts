import { chromium, type Browser } from 'playwright-core';
import { chromiumPath } from './services.js';

/** Debian's Chromium, headless; never a downloaded browser (the machine cannot fetch one). */
export async function launchChromium(): Promise<Browser> {
  // Playwright gives each launch a fresh, temporary profile of its own.
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}
