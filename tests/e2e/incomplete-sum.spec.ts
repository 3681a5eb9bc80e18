/**
 * A district figure summed from towns with a town missing: the indicator page says which towns
 * are missing, the wall screen and the indicator page judge it like for like on the towns that
 * reported, and the overview's reporting panel names the towns its department still owes.
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

  it('the wall screen and the indicator page judge it like for like (同口径), never red on a missing report', async () => {
    const { apiUrl, webUrl } = inject('system');
    const { indicator: coal } = await getJson<IndicatorDetailResponse>(`${apiUrl}/api/progress/indicators/coal_output`);
    expect(coal.judgement, 'the sample has shares for coal: the reporting towns are compared with theirs').toBe('like_for_like');
    const label = `同口径（不含${coal.missingRegions.map(regionName).join('、')}）`;
    expect(coal.likeForLike?.label).toBe(label);
    // Against the whole target the partial sum read 严重滞后; the reporting towns are not behind.
    expect(coal.status).not.toBe('red');

    const screen = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await screen.goto(`${webUrl}/screen`, { waitUntil: 'networkidle' });
    const card = screen.locator('[data-panel="kpi-coal_output"]');
    await card.waitFor({ timeout: 30_000 });
    const cardText = (await card.textContent()) ?? '';
    expect(cardText).toContain(label);
    expect(cardText).toContain('同口径完成率');
    expect(cardText).not.toContain('严重滞后');
    expect(await card.getAttribute('data-status')).toBe(coal.status);
    await screen.screenshot({ path: join(SHOTS, 'incomplete-coal-screen.png') });
    await screen.close();

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${webUrl}/indicators/coal_output`, { waitUntil: 'networkidle' });
    await page.getByText(`${label}目标`).waitFor({ timeout: 30_000 });
    const heading = page.locator('h1').locator('..');
    expect((await heading.textContent()) ?? '').not.toContain('严重滞后');
    expect(await page.getByText(coal.sentence).count()).toBeGreaterThan(0);
    expect(coal.sentence.startsWith(`原煤产量${label}`)).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'incomplete-coal-like-for-like.png'), fullPage: true });
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
