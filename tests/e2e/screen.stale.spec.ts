/**
 * Unattended: when the API is unreachable the wall screen keeps its figures, says how stale they
 * are, and recovers by itself when the API answers again.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { SCREEN_RENDERED } from '../support/screen.js';

describe('wall screen without its API', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('keeps the last data with a stale badge and its age, then recovers', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${inject('system').webUrl}/screen?pages=overview&refresh=2`, { waitUntil: 'networkidle' });
    await page.waitForFunction(SCREEN_RENDERED, 5, { timeout: 60_000 });
    const coal = page.locator('[data-panel="kpi-coal_output"] strong').first();
    const before = await coal.innerText();
    expect(before).toMatch(/\d/);

    // The API goes away (every /api request from the page fails).
    await page.route('**/api/**', (route) => route.abort('connectionrefused'));
    const badge = page.getByTestId('stale-badge');
    await badge.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.locator('#pw-stage').getAttribute('data-stale')).toBe('true');
    // The figures are still there, not blanked.
    expect(await coal.innerText()).toBe(before);
    expect(await badge.innerText()).toBe('数据更新中断，正在重试');
    // After a minute it says how old the figures are (the clock on the screen ticks every 30 s).
    await page.waitForFunction(() => /数据已 \d+ 分钟未更新/.test(document.querySelector('[data-testid="stale-badge"]')?.textContent ?? ''), undefined, {
      timeout: 120_000,
      polling: 1000,
    });

    // It comes back: the badge goes by itself.
    await page.unroute('**/api/**');
    await badge.waitFor({ state: 'detached', timeout: 45_000 });
    expect(await page.locator('#pw-stage').getAttribute('data-stale')).toBe('false');
    await page.close();
  });
});
