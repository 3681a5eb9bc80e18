/**
 * What the sources say, on the pages a leader who read the 2024 article opens: the 绿色煤炭
 * chain and the 智能化采掘工作面 indicator show the article's status figures as 已公布 (with
 * its words), their targets as 示意; the project pages of 日盛达 二期 and 大健康选品中心 show
 * the stage the article reports, the A-line milestone, and mark the illustrative dates 示意.
 * Screenshots land in artifacts/screenshots to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PlanResponse, ProjectDetailResponse } from '@planwatch/shared';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');
const getJson = async <T>(url: string): Promise<T> => (await (await fetch(url)).json()) as T;

describe('published figures (已公布) and illustrative parts (示意) on the drill-down pages', () => {
  let browser: Browser;
  let plan: PlanResponse;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    plan = await getJson<PlanResponse>(`${inject('system').apiUrl}/api/plan`);
  });
  afterAll(() => browser?.close());

  const open = async (path: string): Promise<Page> => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${inject('system').webUrl}${path}`, { waitUntil: 'networkidle' });
    return page;
  };

  it('the 绿色煤炭 chain lists the article’s status figures as 已公布 with its words, beside 示意 targets', async () => {
    const page = await open('/chains/green_coal');
    const panel = page.locator('section', { hasText: '来源文件：已公布数据与布局' });
    await panel.getByTestId('published-figures').waitFor({ timeout: 30_000 });
    const rows = panel.getByTestId('published-figures').locator('tbody tr');
    expect(await rows.count()).toBe(plan.published.length);
    // The figures' quotes name several indicators: a row is found by its first cell.
    const row = (indicator: string) => rows.filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${indicator}$`) }) });
    expect(await row('智能化采掘工作面').textContent()).toMatch(/2024年\s*25 处\s*已公布.*智能化采掘工作面25处.*产业焕新/);
    expect(await row('安全高效矿井').textContent()).toMatch(/2024年9月\s*25 座\s*已公布/);
    expect(await row('煤炭先进产能占比').textContent()).toContain('煤炭先进产能占比达到95%');
    // The indicators' targets, no longer the article's status figures, are marked 示意目标.
    const indicators = page.locator('section', { hasText: '指标完成情况' }).first();
    expect(await indicators.getByText('示意目标').count()).toBeGreaterThan(3);
    await page.screenshot({ path: join(SHOTS, 'sources-green-coal-chain.png'), fullPage: true });
    await page.close();
  });

  it('the 智能化采掘工作面 page shows 25 as 已公布 for 2024 and its 2025 target as 示意', async () => {
    const page = await open('/indicators/intelligent_mining_faces');
    const panel = page.locator('section', { hasText: '已公布数据（来源原文）' });
    await panel.waitFor({ timeout: 30_000 });
    expect(await panel.textContent()).toMatch(/2024年\s*25 处\s*已公布/);
    expect(await panel.textContent()).toContain('目前,全区已建成智能化矿井2座、智能化采掘工作面25处');
    // The figure in the data table is the published one, marked so; the sample's months around it are not.
    const details = page.locator('section', { hasText: '数据明细' });
    const row2024 = details.locator('tr', { hasText: '2024年12月' });
    expect(await row2024.textContent()).toMatch(/25\s*已公布/);
    expect(await details.locator('tr', { hasText: '2024年9月' }).getByText('已公布').count()).toBe(0);
    const targets = page.locator('section', { hasText: '规划目标进度' });
    expect(await targets.locator('tr', { hasText: '2025年' }).first().getByText('示意目标').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'sources-intelligent-mining-faces.png'), fullPage: true });
    await page.locator('section', { hasText: '规划轨迹（2021' }).screenshot({ path: join(SHOTS, 'sources-intelligent-mining-faces-trajectory.png') });
    await page.close();
  });

  for (const [code, name, shot] of [
    ['KP-001', '日盛达光伏玻璃二期项目', 'sources-project-rishengda.png'],
    ['KP-011', '大健康选品中心', 'sources-project-health-centre.png'],
  ] as const) {
    it(`the project page of ${name} shows the stage the article reports and marks the rest 示意`, async () => {
      const project = await getJson<ProjectDetailResponse>(`${inject('system').apiUrl}/api/projects/${code}`);
      expect(project).toMatchObject({ name, stage: 'completed', provenance: { stage: 'completed', stageYear: 2024 } });
      const page = await open(`/projects/${code}`);
      const sources = page.locator('section', { hasText: '来源记载（截至2024年）' });
      await sources.waitFor({ timeout: 30_000 });
      const text = (await sources.textContent()) ?? '';
      expect(text).toContain('投产/竣工');
      for (const citation of project.provenance!.citations) expect(text).toContain(citation.quote);
      if (code === 'KP-001') expect(text).toMatch(/2024年6月\s*二期工程A线窑炉点火投产/);
      else expect(await page.getByRole('link', { name: '中医药（现代医药）' }).count()).toBe(1);
      const progress = page.locator('section', { hasText: '项目进度' });
      expect(await progress.getByText('阶段据来源（2024年）').count()).toBe(1);
      for (const fact of ['计划开工', '实际开工', '年度计划投资']) {
        expect(await progress.locator('dt', { hasText: fact }).getByText('示意').count(), fact).toBe(1);
      }
      await page.screenshot({ path: join(SHOTS, shot), fullPage: true });
      await page.close();
    });
  }
});
