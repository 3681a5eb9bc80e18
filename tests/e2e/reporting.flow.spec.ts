/**
 * The reporting cycle through the UI, end to end, as a town, its bureau's reviewer and the
 * statistics bureau run it (issue 19): 西火镇's clerk signs in, downloads November's template,
 * fills it (a broken file first, refused row by row), uploads 798 万吨 of coal after October's
 * 85.37 — the preview flags it and submitting asks for a 说明 — and submits with one. 能源局's
 * reviewer sees the hit, the 说明, 上月 and 上年同期 on the review card and returns it. The clerk
 * finds the returned figure at the top of the task page (and in 部门通知), corrects it online;
 * the reviewer sees what changed (原报 798 → 87.6) and approves. 统计局 reads 报送进度 and sends a
 * 催报; the figure's history has both versions. Screenshots in artifacts/screenshots/flow-*.png;
 * axe-core WCAG 2.1 AA on each page.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe.js';
import { DEMO_PASSWORD, launchChromium, signIn } from '../support/browser.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');
const PERIOD = '2026-11'; // the month after the sample data's last: nothing reported yet
const XIHUO = '140404103';
const EXPLANATION = '新矿井11月投产，产量已与企业月报核实';

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header stays on top of a full-page shot
  await page.waitForTimeout(300); // let fonts and layout settle
  await page.screenshot({ path: join(SHOTS, `flow-${name}.png`), fullPage: true });
}

async function accessible(page: Page): Promise<void> {
  expect(await axeViolations(page), `axe on ${new URL(page.url()).pathname}`).toEqual([]);
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

/** Fills the 说明 of every row the submit panel asks one for (the coal row with `coal`, any other with a plain one). */
async function explainAll(page: Page, coal: string): Promise<void> {
  const rows = page.locator('[data-testid=submit-actions] li');
  for (let i = 0; i < (await rows.count()); i += 1) {
    const row = rows.nth(i);
    const note = row.locator('textarea');
    if ((await note.inputValue()).trim() === '') await note.fill((await row.getAttribute('data-indicator')) === 'coal_output' ? coal : '已与企业报表核对，数据无误');
  }
}

describe('reporting flow: report → check → return → correct → approve → 报送进度', () => {
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
    const { webUrl } = inject('system');

    // ── Signed-in pages send an anonymous visitor to /login, and back afterwards ──
    const clerk = await newPage();
    await clerk.goto(`${webUrl}/reporting?period=${PERIOD}`);
    await clerk.waitForURL(/\/login\?next=/);
    expect(new URL(clerk.url()).searchParams.get('next')).toBe(`/reporting?period=${PERIOD}`);
    await clerk.fill('input[name=username]', 'xihuo');
    await clerk.fill('input[name=password]', 'wrong-password');
    await clerk.click('button[type=submit]');
    await clerk.getByText('用户名或密码错误').waitFor();
    await clerk.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([clerk.waitForURL((url) => url.pathname === '/reporting'), clerk.click('button[type=submit]')]);

    // ── 1. 我的任务: the town's own coal figure, with its 审核单位 and a countdown ──
    const tasks = clerk.locator('[data-testid=tasks]');
    await tasks.waitFor();
    const coalTask = tasks.locator(`tr[data-indicator=coal_output][data-region="${XIHUO}"]`);
    await coalTask.waitFor();
    expect(await coalTask.textContent()).toMatch(/待填报|逾期未报/);
    expect(await coalTask.textContent()).toContain('能源局');
    expect(await coalTask.textContent()).toMatch(/剩余\d+天|今天截止|已逾期\d+天/);

    // ── 2. The template, downloaded through the UI ──
    const [download] = await Promise.all([clerk.waitForEvent('download'), clerk.getByRole('link', { name: /下载填报模板/ }).click()]);
    expect(download.suggestedFilename()).toBe(`西火镇人民政府-${PERIOD}-填报模板.xlsx`);
    const template = join(work, 'template.xlsx');
    await download.saveAs(template);

    // ── 3. A broken file: the preview names each refused row and its reason ──
    const broken = await fillTemplate(template, join(work, '西火镇-有误.xlsx'), [
      { indicator: 'coal_output', region: XIHUO, value: 798 },
      { indicator: 'tourist_visits', region: XIHUO, value: '七十' },
    ]);
    await clerk.getByRole('link', { name: /上传填报文件/ }).click();
    await clerk.waitForURL(/\/reporting\/upload/);
    await clerk.setInputFiles('input[type=file]', broken);
    await Promise.all([clerk.waitForURL(/\/reporting\/batches\//), clerk.getByRole('button', { name: '上传并预览' }).click()]);
    const rejects = clerk.locator('[data-testid=rejects]');
    await rejects.waitFor();
    expect(await rejects.locator('tbody tr').first().textContent()).toContain('七十');
    await expect.poll(() => clerk.getByRole('button', { name: '提交审核' }).isDisabled()).toBe(true);
    await clerk.getByRole('button', { name: '作废本次预览' }).click();
    await clerk.getByText('本次预览已作废').waitFor();

    // ── 4. 798 after 85.37: flagged (核实性审核); submitting without a 说明 is refused ──
    const filled = await fillTemplate(template, join(work, `西火镇-${PERIOD}.xlsx`), [{ indicator: 'coal_output', region: XIHUO, value: 798 }]);
    await clerk.goto(`${webUrl}/reporting/upload?period=${PERIOD}`);
    await clerk.setInputFiles('input[type=file]', filled);
    await Promise.all([clerk.waitForURL(/\/reporting\/batches\//), clerk.getByRole('button', { name: '上传并预览' }).click()]);
    const preview = clerk.locator('[data-testid=preview-report]');
    const flagged = preview.locator(`tr[data-indicator=coal_output][data-region="${XIHUO}"]`);
    await flagged.waitFor();
    expect(await flagged.textContent()).toContain('核实性审核');
    expect(await flagged.textContent()).toContain('须填写说明后才能提交');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await clerk.getByText(/行未通过核实性审核，须逐行填写说明/).waitFor();
    await shot(clerk, '01-preview-needs-explanation');
    await accessible(clerk);

    // ── 5. With a 说明 it goes to 能源局 ──
    await explainAll(clerk, EXPLANATION);
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await clerk.getByText('已提交审核。').waitFor();
    const firstBatch = clerk.url().split('/').pop()!;

    // ── 6. 能源局's reviewer: the card shows the hit, the 说明, 上月 and 上年同期; returns it ──
    const reviewer = await newPage();
    await signIn(reviewer, webUrl, 'energy_review');
    await reviewer.goto(`${webUrl}/reporting/review`);
    const card = reviewer.locator(`[data-testid=review-card][data-batch="${firstBatch}"]`);
    const reviewRow = card.locator(`tr[data-indicator=coal_output][data-region="${XIHUO}"]`);
    await reviewRow.waitFor();
    expect(await reviewRow.textContent()).toContain('798');
    expect(await reviewRow.locator('[data-col=previous]').textContent()).toContain('85.37');
    expect(await reviewRow.locator('[data-col=last-year]').textContent()).toContain('2025年11月');
    expect(await reviewRow.locator('[data-testid=explanation]').textContent()).toContain(EXPLANATION);
    expect(await reviewRow.textContent()).toMatch(/较上月（2026-10：85\.37）增长834\.8%/);
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(SHOTS, 'flow-02-review-card.png') });
    await accessible(reviewer);
    await card.locator('textarea[name=comment]').fill('与煤矿月报相差较大，请核对后重报');
    await card.getByRole('button', { name: /退回修改/ }).click();
    await reviewer.getByText('已退回：').waitFor();

    // ── 7. The clerk finds the returned figure at the top of the task page, and in 部门通知 ──
    await clerk.goto(`${webUrl}/reporting`);
    const firstRow = clerk.locator('[data-testid=priority-tasks] tbody tr').first();
    await expect.poll(async () => (await firstRow.textContent()) ?? '', { timeout: 30_000 }).toContain('已退回');
    expect(await firstRow.getAttribute('data-indicator')).toBe('coal_output');
    expect(await firstRow.textContent()).toContain('与煤矿月报相差较大，请核对后重报');
    await shot(clerk, '03-tasks-returned-on-top');
    await accessible(clerk);
    await clerk.goto(`${webUrl}/alerts`);
    await clerk.getByText(`2026年11月报送已被能源局退回`).waitFor();

    // ── 8. Corrected online: the returned 798 is in the box, changed to 87.6 ──
    await clerk.goto(`${webUrl}/reporting`);
    await Promise.all([clerk.waitForURL(/\/reporting\/entry/), firstRow.getByRole('link', { name: '修改重报' }).click()]);
    const box = clerk.locator(`input[name="value-coal_output|${XIHUO}"]`);
    await expect.poll(() => box.inputValue()).toBe('798');
    await box.fill('87.6');
    await clerk.locator(`input[name="note-coal_output|${XIHUO}"]`).fill('核对煤矿月报后更正');
    await Promise.all([clerk.waitForURL(/\/reporting\/batches\//), clerk.getByRole('button', { name: /生成预览/ }).click()]);
    await clerk.locator('[data-testid=preview-report]').waitFor();
    await clerk.getByText('重新报送：').waitFor();
    await explainAll(clerk, '核对煤矿月报后更正，已核实');
    await clerk.getByRole('button', { name: '提交审核' }).click();
    await clerk.getByText('已提交审核。').waitFor();
    const secondBatch = clerk.url().split('/').pop()!;

    // ── 9. The reviewer sees what changed and approves ──
    await reviewer.goto(`${webUrl}/reporting/review`);
    const again = reviewer.locator(`[data-testid=review-card][data-batch="${secondBatch}"]`);
    const changedRow = again.locator(`tr[data-indicator=coal_output][data-region="${XIHUO}"]`);
    await changedRow.waitFor();
    expect(await again.locator('[data-testid=earlier-comment]').textContent()).toBe('与煤矿月报相差较大，请核对后重报');
    expect(await again.locator('[data-testid=replaced-batch]').getAttribute('href')).toBe(`/reporting/batches/${firstBatch}`);
    expect(await changedRow.locator('[data-testid=resubmitted]').textContent()).toContain('798');
    expect(await changedRow.textContent()).toContain('87.6');
    await again.scrollIntoViewIfNeeded();
    await again.screenshot({ path: join(SHOTS, 'flow-04-review-resubmitted.png') });
    await accessible(reviewer);
    await again.locator('textarea[name=comment]').fill('已核实');
    await again.getByRole('button', { name: /审核通过/ }).click();
    await reviewer.getByText('已审核通过：').waitFor();

    // ── 10. 统计局: 报送进度, and a 催报 to a town that has sent nothing ──
    const stats = await newPage(1600, 1000);
    await signIn(stats, webUrl, 'stats');
    await stats.goto(`${webUrl}/reporting/progress?period=${PERIOD}`);
    const matrix = stats.locator('[data-testid=progress-matrix]');
    await matrix.waitFor();
    const xihuoRow = matrix.locator('tr[data-department=town_xihuo]');
    expect(await xihuoRow.locator('td[data-status=approved]').count()).toBeGreaterThan(0);
    const xichiRow = matrix.locator('tr[data-department=town_xichi]');
    await xichiRow.getByRole('button', { name: '催报' }).click();
    await stats.getByText(/已向西池乡人民政府催报/).waitFor();
    await shot(stats, '05-progress-matrix');
    await accessible(stats);

    // ── 11. The figure's history: the returned version and the approved one; the district sum by town ──
    await clerk.goto(`${webUrl}/reporting/history?indicator=coal_output&region=${XIHUO}&period=${PERIOD}`);
    const history = clerk.locator('[data-testid=history]');
    await history.waitFor();
    expect(await history.locator('tbody tr').count()).toBe(2);
    expect(await history.locator('tbody tr').first().textContent()).toContain('已退回');
    expect(await history.locator('tbody tr').nth(1).textContent()).toContain('现行有效');
    await clerk.goto(`${webUrl}/reporting/history?indicator=coal_output&region=140404&period=${PERIOD}`);
    await clerk.getByText('全区数据为各乡镇数据之和').waitFor();
    await clerk.getByText('西火镇 · 2026年11月').waitFor();
    await shot(clerk, '06-district-history');

    // ── 12. Sign out: the session is gone ──
    await clerk.locator('[data-testid=user-menu] summary').click();
    await Promise.all([clerk.waitForURL(/\/login\?reason=logout/), clerk.getByRole('button', { name: '退出登录' }).click()]);
    await clerk.goto(`${webUrl}/reporting`);
    await clerk.waitForURL(/\/login\?next=/);
  });
});
