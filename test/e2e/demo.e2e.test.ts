import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DemoHandle, startDemo } from '../../src/app/demo.js';
import { launch, screenshot } from './browser.js';

/**
 * The product as a person uses it: `pillar demo` (simulated AWS account, Slack stand-in and
 * Pillar wired together) in headless Chromium, clicking the real page.
 */
let demo: DemoHandle;
let browser: BrowserContext;

beforeAll(async () => {
  demo = await startDemo({
    env: { PILLAR_LOG_LEVEL: 'silent' },
    speed: 20,
    intervalSeconds: 1,
    dataDir: mkdtempSync(join(tmpdir(), 'pillar-e2e-')),
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

async function openAs(user: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(demo.pageUrl);
  await page.getByTestId('user-picker').selectOption(user);
  await page.getByTestId('channel-C0ALERTS01').click();
  return page;
}

/** The first alert posted for a function, as the page shows it. */
function alertFor(page: Page, functionName: string) {
  return page.locator('[data-testid^="message-"]', { hasText: functionName }).first();
}

describe('pillar demo in a browser', () => {
  it('shows the first incident in the alerts channel, rendered from Block Kit', async () => {
    const page = await openAs('U0SIMALICE');
    const first = page.locator('[data-testid^="message-"]').first();
    await first.waitFor({ timeout: 60_000 });
    await expect
      .poll(async () => page.locator('[data-testid^="message-"]').count(), { timeout: 30_000 })
      .toBeGreaterThan(2);
    const orders = alertFor(page, 'orders-api');
    await orders.waitFor({ timeout: 30_000 });
    const text = await orders.innerText();
    expect(text).toContain('TypeError');
    expect(text).toMatch(/Acknowledge/);
    await screenshot(page, '01-alerts');
    await page.close();
  });

  it('Acknowledge changes the message for everyone', async () => {
    const page = await openAs('U0SIMALICE');
    const orders = alertFor(page, 'orders-api');
    await orders.waitFor({ timeout: 60_000 });
    await orders.getByTestId('action-incident_acknowledge').click();
    await expect.poll(async () => orders.innerText(), { timeout: 15_000 }).toMatch(/Acknowledged by/);
    expect(await orders.getByTestId('action-incident_acknowledge').count()).toBe(0);
    await screenshot(page, '02-acknowledged');
    await page.close();
  });

  it('mutes with the modal: reason and end date', async () => {
    const page = await openAs('U0SIMALICE');
    const alert = alertFor(page, 'payments-webhook');
    await alert.waitFor({ timeout: 60_000 });
    await alert.getByTestId('action-incident_mute').selectOption({ label: 'Until a date…' });
    const modal = page.getByTestId('modal');
    await modal.waitFor({ timeout: 15_000 });
    await modal
      .locator('textarea, input[type="text"]')
      .first()
      .fill('Provider incident, waiting for their fix');
    await screenshot(page, '03-mute-modal');
    await page.getByTestId('modal-submit').click();
    await modal.waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(async () => alert.innerText(), { timeout: 15_000 }).toMatch(/Muted/);
    await screenshot(page, '04-muted');
    await page.close();
  });

  it('a person without permission is told so, privately', async () => {
    const page = await openAs('U0SIMBOB01');
    const alert = alertFor(page, 'image-resizer');
    await alert.waitFor({ timeout: 60_000 });
    await alert.getByTestId('action-incident_resolve').click();
    const told = page.getByTestId('ephemeral').filter({ hasText: 'not allowed' });
    await told.first().waitFor({ timeout: 15_000 });
    expect(await alert.innerText()).not.toMatch(/Resolved by/);
    await page.close();
  });

  it('/wa incidents answers in the page', async () => {
    const page = await openAs('U0SIMALICE');
    await page.locator('[data-testid^="message-"]').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('composer').fill('/wa incidents');
    await page.getByTestId('composer').press('Enter');
    const answer = page.getByTestId('ephemeral').filter({ hasText: 'orders-api' });
    await answer.first().waitFor({ timeout: 15_000 });
    await screenshot(page, '05-wa-incidents');
    await page.getByTestId('composer').fill('/wa frobnicate');
    await page.getByTestId('composer').press('Enter');
    await page
      .getByTestId('ephemeral')
      .filter({ hasText: 'Unknown subcommand' })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('opens App Home with open incidents and ingestion health', async () => {
    const page = await openAs('U0SIMALICE');
    await page.getByTestId('home-tab').click();
    const home = page.getByTestId('home');
    await expect.poll(async () => home.innerText(), { timeout: 20_000 }).toContain('us-east-1');
    expect(await home.innerText()).toMatch(/orders-api|payments-webhook/);
    await screenshot(page, '06-app-home');
    await page.close();
  });

  it('posts the Well-Architected checks summary, and Suppress works from the page', async () => {
    const page = await openAs('U0SIMALICE');
    const summary = page
      .locator('[data-testid^="message-"]')
      .filter({ hasText: 'new since the last scan' })
      .filter({ hasText: 'us-east-1' })
      .first();
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.innerText()).toMatch(/Security|Reliability/);
    await summary.scrollIntoViewIfNeeded();
    await screenshot(page, '07-checks-summary');
    await summary.getByTestId('action-checks_suppress').first().click();
    const modal = page.getByTestId('modal');
    await modal.waitFor({ timeout: 15_000 });
    await modal.locator('textarea, input[type="text"]').first().fill('Accepted risk until the migration');
    await page.getByTestId('modal-submit').click();
    await modal.waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByTestId('composer').fill('/wa checks suppressed');
    await page.getByTestId('composer').press('Enter');
    await page
      .getByTestId('ephemeral')
      .filter({ hasText: 'Accepted risk until the migration' })
      .first()
      .waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('runs the Well-Architected review of the demo workload from the page: apply a proposal, finish, see the summary', async () => {
    const page = await openAs('U0SIMALICE');
    await page.getByTestId('composer').fill('/wa review');
    await page.getByTestId('composer').press('Enter');
    await page
      .getByTestId('ephemeral')
      .filter({ hasText: /Started .*payments-platform/ })
      .first()
      .waitFor({ timeout: 120_000 });
    await page.getByTestId('channel-C0OPS00001').click();
    const kickoff = page.locator('[data-testid^="message-"]', { hasText: 'payments-platform' }).first();
    await kickoff.waitFor({ timeout: 15_000 });
    expect(await kickoff.innerText()).toMatch(/Security/);
    await screenshot(page, '08-review-kickoff');

    // Open pillars until one has a proposal to apply, and apply it.
    let applied = false;
    for (const pillar of [
      'security',
      'reliability',
      'operationalExcellence',
      'performance',
      'costOptimization',
    ]) {
      await kickoff.getByTestId(`action-review_pillar_${pillar}`).click();
      const modal = page.getByTestId('modal');
      await modal.waitFor({ timeout: 15_000 });
      const apply = modal.getByTestId('action-review_apply');
      const before = await apply.count();
      if (before > 0) {
        await screenshot(page, '09-review-pillar');
        await apply.first().click();
        await expect
          .poll(async () => modal.getByTestId('action-review_apply').count(), { timeout: 20_000 })
          .toBe(before - 1);
        applied = true;
      }
      await page.getByTestId('modal-close-x').click();
      await modal.waitFor({ state: 'detached', timeout: 15_000 });
      if (applied) break;
    }
    expect(applied, 'a pillar of the demo workload has a proposal to apply').toBe(true);

    await kickoff.getByTestId('action-review_finish').click();
    await page.getByTestId('confirm-ok').click();
    await expect.poll(async () => kickoff.innerText(), { timeout: 30_000 }).toMatch(/2026-H2 review/);
    await kickoff
      .getByTestId(/^replies-/)
      .first()
      .click();
    const thread = page.getByTestId('thread');
    await expect.poll(async () => thread.innerText(), { timeout: 15_000 }).toMatch(/2026-H1 review/);
    await expect
      .poll(async () => thread.innerText(), { timeout: 15_000 })
      .toMatch(/Well-Architected report: payments-platform/);
    await screenshot(page, '10-review-summary');
    await page.close();
  });
});
