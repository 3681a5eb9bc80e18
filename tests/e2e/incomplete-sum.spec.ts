/**
 * A district figure summed from towns with a town missing: the indicator page says which towns
 * are missing, and the overview's reporting panel names the towns its department still owes.
 * Names are checked against what the API says at the time (other specs may report figures).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lateTownsText, type FreshnessEntry, type IndicatorDetailResponse, type OverviewResponse, type PlanResponse } from '@planwatch/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');
const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

describe('an incomplete district sum on the drill-down pages', () => {
  let browser: Browser;
  let regionName: (code: string) => string;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    const plan = await getJson<PlanResponse>(`${inject('system').apiUrl}/api/plan`);
    regionName = (code) => plan.regions.find((r) => r.code === code)?.name ?? code;
  });
  afterAll(() => browser?.close());

  it('the coal indicator page marks the sum incomplete and names the missing towns', async () => {
    const { apiUrl, webUrl } = inject('system');
    const detail = await getJson<IndicatorDetailResponse>(`${apiUrl}/api/progress/indicators/coal_output`);
    expect(detail.indicator.flags.incomplete, 'the sample leaves the district coal sum incomplete').toBe(true);
    expect(detail.indicator.missingRegions.length).toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${webUrl}/indicators/coal_output`, { waitUntil: 'networkidle' });
    const mark = page.getByText(/^不完整（缺/).first();
    await mark.waitFor({ timeout: 30_000 });
    expect(await mark.textContent()).toBe(`不完整（缺${detail.indicator.missingRegions.map(regionName).join('、')}）`);
    await page.screenshot({ path: join(SHOTS, 'incomplete-coal-indicator.png'), fullPage: false });
    await page.close();
  });

  it("the overview's reporting panel names the towns a late district sum waits for", async () => {
    const { apiUrl, webUrl } = inject('system');
    const overview = await getJson<OverviewResponse>(`${apiUrl}/api/progress/overview`);
    const waiting = overview.freshness.indicators.filter((f: FreshnessEntry) => f.lateRegions.length > 0);
    expect(waiting.length, 'the sample has a district sum waiting for towns').toBeGreaterThan(0);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${webUrl}/overview`, { waitUntil: 'networkidle' });
    const panel = page.locator('section', { hasText: '数据报送情况' }).last();
    await panel.getByText('逾期未报').first().waitFor({ timeout: 30_000 });
    const text = (await panel.textContent()) ?? '';
    for (const entry of waiting) {
      expect(text).toContain(`${entry.indicatorName}${lateTownsText(entry.lateRegions, regionName)}`);
    }
    await panel.screenshot({ path: join(SHOTS, 'overview-late-towns.png') });
    await page.close();
  });
});
