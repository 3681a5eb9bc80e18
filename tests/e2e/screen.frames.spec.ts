/**
 * The wall screen's first paint carries its charts: the server draws the overview's gauges,
 * map and trend as SVG from the data it renders the page with, and the browser loads the chart
 * code only for a chart that must draw something else (here: the 产业链 page, on rotation).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { SCREEN_RENDERED } from '../support/screen.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');

describe('wall screen first frames', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(() => browser?.close());

  it('paints the overview charts from the server and loads chart code only for a chart it must draw', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const scripts: string[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.url());
    });
    await page.goto(`${inject('system').webUrl}/screen?pages=overview,chains&interval=8&refresh=3600`, { waitUntil: 'networkidle' });
    await page.waitForFunction(SCREEN_RENDERED, 5, { timeout: 60_000 });

    // Three gauges, the map and the trend, each a server frame; no canvas, so no chart code ran.
    expect(await page.locator('#pw-stage [data-chart=frame] svg').count()).toBe(5);
    expect(await page.locator('#pw-stage canvas').count()).toBe(0);
    // Each gauge's frame shows the completion its card states (the chart's accessible label).
    const gauges = page.locator('[data-panel^="kpi-"] [data-chart=frame]');
    expect(await gauges.count()).toBe(3);
    for (const gauge of await gauges.all()) {
      const label = (await gauge.locator('[role=img]').getAttribute('aria-label')) ?? '';
      const completion = /完成率([\d.]+%)/.exec(label)?.[1];
      expect(completion, label).toBeTruthy();
      expect(await gauge.locator('svg').textContent()).toContain(completion!);
    }
    await page.screenshot({ path: join(SHOTS, 'screen-1920x1080-first-frames.png') });
    const firstScripts = scripts.length;

    // The 产业链 page has no frame: on rotation its chart loads the chart code and draws on canvas.
    await page.waitForFunction(() => document.querySelector('#pw-stage')?.getAttribute('data-page') === 'chains', undefined, { timeout: 30_000 });
    await page.locator('#pw-stage [data-chart=live] canvas').first().waitFor({ timeout: 30_000 });
    expect(scripts.length).toBeGreaterThan(firstScripts);
    await page.waitForTimeout(1000); // the chart's entry animation
    await page.screenshot({ path: join(SHOTS, 'screen-1920x1080-chains-live.png') });
    await page.close();
  });
});
