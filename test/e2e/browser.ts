import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, as the machine notes say it runs here: offline, as root, headless. */
export const CHROMIUM = process.env.PILLAR_CHROMIUM ?? '/usr/bin/chromium';

/** A persistent context is how Playwright takes a user-data-dir (it refuses one in `args`). */
export async function launch(): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it with 'apt-get install chromium' (.ci/run does).`);
  }
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'pillar-chromium-')), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const SCREENSHOTS = join('test', 'e2e', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
