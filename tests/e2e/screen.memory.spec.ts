/**
 * The wall screen runs for hours: after many accelerated refresh cycles (every 2 s, pages
 * rotating every 5 s) its JavaScript heap must level off instead of growing with each cycle.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { SCREEN_RENDERED } from '../support/screen.js';

const CYCLES = Number(process.env.E2E_MEMORY_CYCLES ?? 40);

describe('wall screen memory', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it(`does not grow over ${CYCLES} refresh cycles`, async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const heapAfterGc = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 1024 / 1024;
    };
    const generation = () => page.evaluate(() => Number(document.querySelector('#pw-stage')?.getAttribute('data-generation') ?? 0));

    await page.goto(`${inject('system').webUrl}/screen?refresh=2&interval=5`, { waitUntil: 'networkidle' });
    await page.waitForFunction(SCREEN_RENDERED, 5, { timeout: 60_000 });
    // Let every rotating page mount once, then take the baseline.
    const startGeneration = await generation();
    await page.waitForFunction((g) => Number(document.querySelector('#pw-stage')?.getAttribute('data-generation')) >= g + 12, startGeneration, { timeout: 120_000 });
    const baseline = await heapAfterGc();
    const baselineGeneration = await generation();
    // The predicate runs in the page: everything it needs is passed in.
    await page.waitForFunction(
      ({ from, cycles }) => Number(document.querySelector('#pw-stage')?.getAttribute('data-generation')) >= from + cycles,
      { from: baselineGeneration, cycles: CYCLES },
      { timeout: CYCLES * 5_000, polling: 1000 },
    );
    const after = await heapAfterGc();
    const cycles = (await generation()) - baselineGeneration;
    process.stdout.write(`[screen memory] ${cycles} refreshes: heap ${baseline.toFixed(1)} MB → ${after.toFixed(1)} MB\n`);
    expect(cycles).toBeGreaterThanOrEqual(CYCLES);
    // Growth per refresh must be negligible: at most 25 KB per cycle on average (60 per hour → < 1.5 MB/h).
    expect(((after - baseline) * 1024) / cycles).toBeLessThan(25);
    await page.close();
  });
});
