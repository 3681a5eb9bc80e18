/**
 * 督办 through the UI, end to end: the leader opens a 督办 from a firing alert, the owner
 * department signs it and replies, the leader closes it; the list, the detail timeline and the
 * wall-screen page and the 红黑榜 page are photographed (artifacts/screenshots/supervision-*.png).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium, signIn } from '../support/browser.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');
/** Departments with a demo reporter, and that reporter. */
const REPORTER_OF: Record<string, string> = { energy: 'energy', industry: 'industry', town_xihuo: 'xihuo' };

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0)); // the sticky header belongs at the top of a full-page shot
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `supervision-${name}.png`), fullPage: true });
}

describe('督办 flow: alert → 开督办 → 签收 → 反馈 → 办结', () => {
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const newPage = async (width = 1440, height = 900) => {
    const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    return page;
  };

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
  });

  it('runs the loop through the pages', async () => {
    const { webUrl, apiUrl } = inject('system');
    // A firing alert owned by a department that has a demo reporter (alerts are evaluated at start-up),
    // read as the leader: anonymous callers are not told who owns an alert.
    const login = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'leader', password: DEMO_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    let alert: { id: string; type: string; severity: string; departmentCode: string; title: string } | undefined;
    await expect
      .poll(
        async () => {
          const response = await fetch(`${apiUrl}/api/alerts?state=firing&limit=500`, { headers: { authorization: `Bearer ${accessToken}` } });
          const body = (await response.json()) as { items: Array<NonNullable<typeof alert>> };
          alert = body.items.find((a) => a.departmentCode in REPORTER_OF);
          return alert !== undefined;
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
    const department = alert!.departmentCode;

    // ── 1. The leader opens a 督办 from the alert ──
    const leader = await newPage();
    await signIn(leader, webUrl, 'leader');
    await leader.goto(`${webUrl}/alerts?state=firing&type=${alert!.type}&severity=${alert!.severity}`);
    const row = leader.locator(`tr[data-alert="${alert!.id}"]`);
    await row.waitFor();
    await Promise.all([leader.waitForURL(/\/supervision\/new\?alert=/), row.getByRole('link', { name: /开督办/ }).click()]);
    await leader.getByText(alert!.title).first().waitFor();
    await leader.fill('textarea[name=request]', '请分析滞后原因，提出整改措施和完成时限，5个工作日内反馈。');
    await Promise.all([leader.waitForURL(/\/supervision\/\d+$/), leader.getByRole('button', { name: '开督办' }).click()]);
    const id = leader.url().split('/').pop()!;
    const detail = leader.locator('[data-testid=supervision-detail]');
    await detail.waitFor();
    expect(await detail.getAttribute('data-state')).toBe('open');
    expect(await detail.textContent()).toContain('未签收');

    // ── 2. The department finds it in its list, signs and replies ──
    const reporter = await newPage();
    await signIn(reporter, webUrl, REPORTER_OF[department]!);
    await reporter.goto(`${webUrl}/supervision`);
    const list = reporter.locator('[data-testid=supervisions]');
    await list.waitFor();
    const mine = list.locator(`tr[data-supervision="${id}"]`);
    await mine.waitFor();
    expect(await list.locator('tbody tr').count()).toBeGreaterThan(0);
    await shot(reporter, '01-list');
    await Promise.all([reporter.waitForURL(new RegExp(`/supervision/${id}$`)), mine.getByRole('link').first().click()]);
    await reporter.getByRole('button', { name: '✔ 签收' }).click();
    await expect.poll(() => reporter.locator('[data-testid=supervision-detail]').getAttribute('data-state')).toBe('signed');
    const expectedBy = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await reporter.fill('textarea[name=reason]', '主要企业10月检修停产，产量阶段性下降。');
    await reporter.fill('textarea[name=measures]', '督促企业11月中旬复产，按周调度，12月补足缺口。');
    await reporter.fill('input[name=expectedBy]', expectedBy);
    await reporter.getByRole('button', { name: '提交反馈' }).click();
    await expect.poll(() => reporter.locator('[data-testid=supervision-detail]').getAttribute('data-state')).toBe('replied');

    // ── 3. The leader closes it; the timeline shows every step ──
    await leader.reload();
    await detail.waitFor();
    await leader.fill('textarea[name=comment]', '同意办结，请按措施抓好落实。');
    await leader.getByRole('button', { name: '☑ 办结' }).click();
    await expect.poll(() => detail.getAttribute('data-state')).toBe('closed');
    const timeline = leader.locator('[data-testid=timeline] li');
    expect(await timeline.evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')))).toEqual(['opened', 'signed', 'replied', 'closed']);
    expect(await leader.locator('[data-testid=timeline]').textContent()).toContain('督促企业11月中旬复产');
    await shot(leader, '02-detail-timeline');

    // ── 4. The wall screen's 督办 page: counts and the red ones by name ──
    const screen = await newPage(1920, 1080);
    await screen.goto(`${webUrl}/screen?pages=supervision&refresh=3600`);
    const page = screen.locator('[data-testid=screen-supervision]');
    await page.waitFor({ timeout: 30_000 });
    expect(await page.textContent()).toContain('红色督办');
    await screen.waitForTimeout(800);
    await screen.screenshot({ path: join(SHOTS, 'supervision-03-screen.png') });

    // ── 5. The 红黑榜 page: each group's ranking of the last complete month and its trend ──
    await leader.goto(`${webUrl}/ranking`);
    const towns = leader.locator('[data-testid=ranking-towns]');
    await towns.waitFor({ timeout: 60_000 });
    expect(await towns.locator('tbody tr').count()).toBeGreaterThan(5);
    expect(await leader.locator('[data-testid=ranking]').textContent()).toContain('红榜');
    await leader.waitForTimeout(800);
    await shot(leader, '04-ranking');
  });
});
