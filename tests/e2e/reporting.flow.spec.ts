/**
 * The reporting cycle through the UI, end to end: the 能源局 reporter signs in, downloads the
 * month's template, fills it, uploads it, reads the preview (a rejected file first, then the
 * real one with a changed value old → new) and submits it with a reason; the 统计局 reviewer
 * approves it; the wall screen then shows the new district figure; the alert the new figure
 * raises appears in the reporter's alerts inbox and is acknowledged. Every step leaves a
 * screenshot in artifacts/screenshots/flow-*.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatQuantity, type OverviewResponse } from '@planwatch/shared';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium, signIn } from '../support/browser.js';
import { E2E_AS_OF, ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');
const PERIOD = E2E_AS_OF; // 2026-10: the last month of the sample data
const XIHUO = '140404103'; // 西火镇: an approved October figure the reporter corrects
const XICHI = '140404201'; // 西池乡: its October figure is late; the reporter sends it now
const XIHUO_NEW = 160; // vs 85.37 approved (and 89.7 in September): a jump worth a warning
const XICHI_NEW = 70;

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // let fonts and layout settle
  await page.screenshot({ path: join(SHOTS, `flow-${name}.png`), fullPage: true });
}

/** Sets 数值 for (indicator, region) rows of the downloaded template; returns the file's path. */
async function fillTemplate(template: string, out: string, values: Array<{ indicator: string; region: string; value: number | string }>): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const sheet = workbook.getWorksheet('填报表') ?? workbook.worksheets[0]!;
  let headerRow = 0;
  const columns = new Map<string, number>();
  for (let r = 1; r <= 10 && headerRow === 0; r += 1) {
    sheet.getRow(r).eachCell((cell, col) => {
      if (String(cell.value).trim() === '指标编码') headerRow = r;
      columns.set(String(cell.value).trim(), col);
    });
    if (headerRow === 0) columns.clear();
  }
  expect(headerRow, 'template header row').toBeGreaterThan(0);
  const [codeCol, regionCol, valueCol] = ['指标编码', '地区编码', '数值'].map((h) => columns.get(h));
  expect([codeCol, regionCol, valueCol].every((c) => c !== undefined), 'template columns').toBe(true);
  const pending = new Set(values.map((v) => `${v.indicator}|${v.region}`));
  sheet.eachRow((row, n) => {
    if (n <= headerRow) return;
    const key = `${String(row.getCell(codeCol!).value)}|${String(row.getCell(regionCol!).value)}`;
    const wanted = values.find((v) => `${v.indicator}|${v.region}` === key);
    if (wanted) {
      row.getCell(valueCol!).value = wanted.value;
      pending.delete(key);
    }
  });
  expect([...pending], 'rows found in the template').toEqual([]);
  await workbook.xlsx.writeFile(out);
  return out;
}

async function overviewCoal(apiUrl: string) {
  const overview = (await (await fetch(`${apiUrl}/api/progress/overview`)).json()) as OverviewResponse;
  return overview.headline.find((h) => h.code === 'coal_output')!;
}

describe('reporting flow: report → review → wall screen → alert', () => {
  let browser: Browser;
  let work: string;
  const contexts: BrowserContext[] = [];
  const newPage = async (width = 1440, height = 900) => {
    const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    work = mkdtempSync(join(tmpdir(), 'planwatch-flow-'));
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('runs the month’s reporting cycle through the UI', async () => {
    const { webUrl, apiUrl } = inject('system');
    const before = await overviewCoal(apiUrl);

    // ── Signed-in pages send an anonymous visitor to /login, and back afterwards ──
    const reporter = await newPage();
    await reporter.goto(`${webUrl}/reporting?period=${PERIOD}`);
    await reporter.waitForURL(/\/login\?next=/);
    expect(new URL(reporter.url()).searchParams.get('next')).toBe(`/reporting?period=${PERIOD}`);
    await reporter.fill('input[name=username]', 'energy');
    await reporter.fill('input[name=password]', 'wrong-password');
    await reporter.click('button[type=submit]');
    await reporter.getByText('用户名或密码错误').waitFor();
    await shot(reporter, '00-login');
    await reporter.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([reporter.waitForURL((url) => url.pathname === '/reporting'), reporter.click('button[type=submit]')]);

    // ── 1. 我的任务: the month's tasks, with the approved value the reporter will correct ──
    const tasks = reporter.locator('[data-testid=tasks]');
    await tasks.waitFor();
    await expect.poll(() => reporter.locator('[data-testid=user-menu]').textContent()).toContain('能源局');
    const xihuoTask = tasks.locator('tr', { hasText: '西火镇' }).filter({ hasText: '原煤产量' });
    const approvedText = (await xihuoTask.locator('td').nth(5).textContent())?.trim() ?? '';
    const approved = Number(approvedText.replaceAll(',', ''));
    expect(approved, `approved 西火镇 October figure (${approvedText})`).toBeGreaterThan(0);
    expect(Math.abs(XIHUO_NEW - approved)).toBeGreaterThan(20);
    await expect.poll(() => tasks.locator('tr', { hasText: '西池乡' }).filter({ hasText: '原煤产量' }).textContent()).toContain('逾期未报');
    await shot(reporter, '01-tasks');

    // ── 2. The template, downloaded through the UI ──
    const [download] = await Promise.all([reporter.waitForEvent('download'), reporter.getByRole('link', { name: /下载填报模板/ }).click()]);
    expect(download.suggestedFilename()).toBe(`能源局-${PERIOD}-填报模板.xlsx`);
    const template = join(work, 'template.xlsx');
    await download.saveAs(template);

    // ── 3. A file with a wrong value: the preview names the row, column, value and reason ──
    const broken = await fillTemplate(template, join(work, '能源局-有误.xlsx'), [
      { indicator: 'coal_output', region: XIHUO, value: XIHUO_NEW },
      { indicator: 'coal_output', region: XICHI, value: '七十' },
    ]);
    await reporter.getByRole('link', { name: /上传填报文件/ }).click();
    await reporter.waitForURL(/\/reporting\/upload/);
    await reporter.setInputFiles('input[type=file]', broken);
    await Promise.all([reporter.waitForURL(/\/reporting\/batches\//), reporter.getByRole('button', { name: '上传并预览' }).click()]);
    const rejects = reporter.locator('[data-testid=rejects]');
    await rejects.waitFor();
    const rejectRow = rejects.locator('tbody tr').first();
    expect(await rejectRow.textContent()).toContain('七十');
    expect(await rejectRow.locator('td').nth(2).textContent()).toMatch(/^\d+$/); // the spreadsheet row
    await expect.poll(() => reporter.getByRole('button', { name: '提交审核' }).isDisabled()).toBe(true);
    await shot(reporter, '02-rejected');
    await reporter.getByRole('button', { name: '作废本次预览' }).click();
    await reporter.getByText('本次预览已作废').waitFor();

    // ── 4. The corrected file: 西火镇 changes old → new (highlighted), 西池乡 is new ──
    const filled = await fillTemplate(template, join(work, `能源局-${PERIOD}-填报.xlsx`), [
      { indicator: 'coal_output', region: XIHUO, value: XIHUO_NEW },
      { indicator: 'coal_output', region: XICHI, value: XICHI_NEW },
    ]);
    await reporter.goto(`${webUrl}/reporting/upload?period=${PERIOD}`);
    await reporter.setInputFiles('input[type=file]', filled);
    await Promise.all([reporter.waitForURL(/\/reporting\/batches\//), reporter.getByRole('button', { name: '上传并预览' }).click()]);
    const batchId = reporter.url().split('/').pop()!;
    const preview = reporter.locator('[data-testid=preview-report]');
    await preview.waitFor();
    const changed = preview.locator(`tr[data-kind=changed][data-region="${XIHUO}"]`);
    await changed.waitFor();
    expect(await changed.locator('del').textContent()).toBe(approvedText);
    expect(await changed.locator('ins').textContent()).toBe(String(XIHUO_NEW));
    expect(await changed.textContent()).toContain('变更');
    expect(await changed.textContent()).toContain('较上月'); // the jump is flagged
    await preview.locator(`tr[data-kind=new][data-region="${XICHI}"]`).waitFor();
    expect(await preview.locator('[data-testid=rejects]').count()).toBe(0);
    await shot(reporter, '03-preview');

    // ── 5. Submit: a changed approved figure needs a reason ──
    const submit = reporter.getByRole('button', { name: '提交审核' });
    expect(await submit.isDisabled()).toBe(true);
    await reporter.fill('textarea[name=reason]', '西火镇10月原煤产量按企业核定数更正；西池乡补报10月数据');
    await submit.click();
    await reporter.getByText('已提交审核。').waitFor();
    expect(await reporter.locator('main').textContent()).toContain('已提交待审核');
    await shot(reporter, '04-submitted');

    // ── 6. The 统计局 reviewer approves it from the review queue ──
    const reviewer = await newPage();
    await signIn(reviewer, webUrl, 'stats');
    expect(new URL(reviewer.url()).pathname).toBe('/reporting/review');
    const card = reviewer.locator(`[data-testid=review-card][data-batch="${batchId}"]`);
    await card.waitFor();
    const reviewRow = card.locator(`tr[data-kind=changed][data-region="${XIHUO}"]`);
    await reviewRow.waitFor();
    expect(await reviewRow.locator('del').textContent()).toBe(approvedText);
    expect(await reviewRow.locator('ins').textContent()).toBe(String(XIHUO_NEW));
    expect(await card.textContent()).toContain('按企业核定数更正');
    await card.scrollIntoViewIfNeeded();
    await shot(reviewer, '05-review');
    await card.locator('textarea[name=comment]').fill('已与能源局核实');
    await card.getByRole('button', { name: /审核通过/ }).click();
    await reviewer.getByText('已审核通过：').waitFor();
    await shot(reviewer, '06-approved');

    // ── 7. The wall screen shows the new district figure (its cache follows the data version) ──
    let after = await overviewCoal(apiUrl);
    const deadline = Date.now() + 60_000;
    while ((after.value === before.value && after.dataAsOf === before.dataAsOf) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      after = await overviewCoal(apiUrl);
    }
    expect(after.dataAsOf).toBe(PERIOD);
    expect(after.value).not.toBe(before.value);
    const expected = formatQuantity(after.value!);
    const screen = await newPage(1920, 1080);
    await screen.goto(`${webUrl}/screen?pages=overview&refresh=3`);
    const kpi = screen.locator('[data-panel="kpi-coal_output"]');
    await expect.poll(async () => (await kpi.textContent()) ?? '', { timeout: 60_000, interval: 1000 }).toContain(expected);
    expect(await kpi.textContent()).toContain('数据截至 2026年10月');
    await screen.waitForTimeout(800);
    await screen.screenshot({ path: join(SHOTS, 'flow-07-screen.png') });

    // ── 8. The alert the new figure raised, in the reporter's alerts inbox ──
    await reporter.goto(`${webUrl}/alerts?state=active&type=anomaly`);
    const alerts = reporter.locator('[data-testid=alerts]');
    const anomaly = alerts.locator('tr', { hasText: '原煤产量' }).filter({ hasText: '西火镇' });
    await expect
      .poll(
        async () => {
          if ((await anomaly.count()) > 0) return true;
          await reporter.reload();
          await alerts.or(reporter.getByText('没有待处理的预警')).first().waitFor();
          return (await anomaly.count()) > 0;
        },
        { timeout: 60_000, interval: 2000 },
      )
      .toBe(true);
    const row = anomaly.first();
    expect(await row.textContent()).toContain('预警中');
    await row.getByRole('button', { name: /确认/ }).click();
    await row.locator('textarea').fill('已核实：企业10月复产，产量属实');
    await row.getByRole('button', { name: '确认预警' }).click();
    await expect.poll(() => row.textContent()).toContain('已确认');
    await shot(reporter, '08-alerts');

    // ── 9. The indicator page links each figure to its revision history ──
    await reporter.goto(`${webUrl}/indicators/coal_output?region=${XIHUO}`);
    await Promise.all([reporter.waitForURL(/\/reporting\/history/), reporter.getByRole('link', { name: '修订记录' }).first().click()]);
    const history = reporter.locator('[data-testid=history]');
    await history.waitFor();
    expect(await history.textContent()).toContain('按企业核定数更正');
    expect(await history.locator('ins').first().textContent()).toBe(String(XIHUO_NEW));
    await shot(reporter, '09-history');

    // ── 10. Sign out: the session is gone ──
    await reporter.locator('[data-testid=user-menu] summary').click();
    await Promise.all([reporter.waitForURL(/\/login\?reason=logout/), reporter.getByRole('button', { name: '退出登录' }).click()]);
    await reporter.goto(`${webUrl}/reporting`);
    await reporter.waitForURL(/\/login\?next=/);
  });
});
