/**
 * 通知通道 in the browser: an administrator finds a WeCom robot whose key is wrong (the robot
 * answers 93000) marked 故障 with what to fix, puts it right and 测试发送 reaches the local robot.
 * Screenshots: artifacts/screenshots/channels-*.png; axe-core WCAG 2.1 AA on the page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startRobotServer, type RobotServer } from '../../apps/api/test/support/robot-server.js';
import { axeViolations } from '../support/axe.js';
import { DEMO_PASSWORD, launchChromium, signIn } from '../support/browser.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SHOTS, `channels-${name}.png`), fullPage: true });
}

describe('通知通道: 故障 after a 93000, and 测试发送', () => {
  let browser: Browser;
  let robot: RobotServer;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { robotUrl } = inject('system');
    robot = await startRobotServer({ port: Number(new URL(robotUrl).port) });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await robot?.close();
  });

  it('shows the fault with its explanation, and a test send that reaches the robot once it is fixed', async () => {
    const { webUrl, apiUrl, robotUrl } = inject('system');
    const login = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: DEMO_PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const channel = { code: 'energy_wecom', kind: 'wecom', departmentCode: 'energy', config: { url: `${robotUrl}/wecom/send?key=energy-group` } };
    const created = await fetch(`${apiUrl}/api/alerts/channels`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` }, body: JSON.stringify(channel) });
    expect(created.status).toBe(201);
    // The group's robot was removed and re-added: the stored key is no longer valid.
    robot.answer('/wecom/send', 93000);

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error(`[browser] ${error.message}`));
    await signIn(page, webUrl, 'admin');
    await page.goto(`${webUrl}/admin/channels`);
    const row = page.locator('tr[data-channel="energy_wecom"]');
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('正常');
    expect(await row.textContent()).toContain('企业微信机器人');
    expect(await row.textContent()).toContain('key=******');

    await row.getByRole('button', { name: '测试发送' }).click();
    const failure = page.getByRole('alert').filter({ hasText: '发送失败' });
    await failure.waitFor();
    expect(await failure.textContent()).toContain('企业微信机器人的 Webhook 地址无效');
    await expect.poll(() => row.textContent()).toContain('故障');
    expect(await row.getByTestId('fault').textContent()).toContain('请在群设置中重新复制机器人的 Webhook 地址');
    expect(await row.textContent()).toContain('错误码 93000');
    // It survives a reload: the mark is the channel's, in the database.
    await page.reload();
    await row.getByTestId('fault').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'fault');

    // The administrator fixes the robot; 测试发送 reaches it and the mark goes.
    robot.answer('/wecom/send', null);
    const before = robot.delivered('/wecom/send').length;
    await row.getByRole('button', { name: '测试发送' }).click();
    await page.getByRole('status').filter({ hasText: '测试消息已发出' }).waitFor();
    await expect.poll(() => row.textContent()).toContain('正常');
    const delivered = robot.delivered('/wecom/send').slice(before);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.json.msgtype).toBe('markdown');
    expect(delivered[0]!.json.markdown.content).toContain('通道测试');
    expect(delivered[0]!.json.markdown.content).toContain(`[打开预警页面](${webUrl}/alerts)`);
    expect(await axeViolations(page)).toEqual([]);
    await shot(page, 'fixed');
    await context.close();
  });
});
