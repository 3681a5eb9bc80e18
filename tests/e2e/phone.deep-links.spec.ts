/**
 * A message's link opened on a phone by someone signed out: it goes through /login and lands on
 * the exact page — the 督办 a robot message names (its link taken from the webhook the outbox
 * really sent, PUBLIC_WEB_URL being this web app), an alert, an indicator for a month, a
 * filtered list. The `next` rule stays strict: a link that leaves the site is dropped.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_PASSWORD, launchChromium } from '../support/browser.js';
import { newPhoneContext } from '../support/phone.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');
const CHANNEL = 'phone_e2e_hook';

async function api<T>(path: string, init: { token?: string; method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const response = await fetch(`${inject('system').apiUrl}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

const token = async (username: string) => (await api<{ accessToken: string }>('/api/auth/login', { body: { username, password: DEMO_PASSWORD } })).body.accessToken;

/** Opens `link` in a fresh phone (no session), signs in on the page it is sent to, and returns the page where it landed. */
async function openSignedOut(browser: Browser, link: string, username: string): Promise<Page> {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await page.goto(link);
  await page.waitForURL(/\/login\?/);
  const next = new URL(page.url()).searchParams.get('next');
  expect(next).toBe(new URL(link).pathname + new URL(link).search);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', DEMO_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 }), page.getByRole('button', { name: '登录' }).tap()]);
  return page;
}

describe('a message link on a phone, signed out', () => {
  let browser: Browser;
  let receiver: Server;
  let received: Array<{ supervision?: { id: string; url: string } }> = [];
  let admin: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    received = [];
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        received.push(JSON.parse(body) as (typeof received)[number]);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    admin = await token('admin');
    // 能源局's robot: a plain webhook on this machine, told when a 督办 is opened.
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/robot`;
    const created = await api('/api/alerts/channels', { token: admin, body: { code: CHANNEL, kind: 'webhook', departmentCode: 'energy', enabled: true, config: { url, filter: { events: ['supervision_opened'] } } } });
    expect(created.status).toBe(201);
  });
  afterAll(async () => {
    await api(`/api/alerts/channels/${CHANNEL}`, { token: admin, method: 'DELETE' }).catch(() => undefined);
    await new Promise((resolve) => receiver?.close(resolve));
    await browser?.close();
  });

  it('lands on the 督办 the robot message links to', async () => {
    const { webUrl } = inject('system');
    const leader = await token('leader');
    // Opened by hand for a figure (no alert), so no other test's 督办 of an alert is in the way.
    const opened = await api<{ id: string }>('/api/supervision', {
      token: leader,
      body: { subject: { kind: 'indicator', indicatorCode: 'coal_output', regionCode: '140404' }, departmentCode: 'energy', title: '原煤产量月度进度督办', request: '请说明滞后原因和整改措施，5个工作日内反馈。' },
    });
    expect(opened.status).toBe(201);
    await expect
      .poll(
        async () => {
          await api('/api/alerts/deliver', { token: admin, method: 'POST' });
          return received.find((m) => m.supervision?.id === opened.body.id);
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeTruthy();
    const link = received.find((m) => m.supervision?.id === opened.body.id)!.supervision!.url;
    expect(link).toBe(`${webUrl}/supervision/${opened.body.id}`);

    const page = await openSignedOut(browser, link, 'energy');
    expect(new URL(page.url()).pathname).toBe(`/supervision/${opened.body.id}`);
    const detail = page.getByTestId('supervision-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-state')).toBe('open');
    // 能源局 can sign it from where the message brought it.
    expect(await page.getByRole('button', { name: '✔ 签收' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'phone-390x844-link-supervision.png'), fullPage: true });
    await page.context().close();
  });

  it('lands on the alert, with what it is about a tap away', async () => {
    const { webUrl } = inject('system');
    const energy = await token('energy');
    const alert = (await api<{ items: Array<{ id: string; title: string }> }>('/api/alerts?state=firing&limit=1', { token: energy })).body.items[0]!;
    const page = await openSignedOut(browser, `${webUrl}/alerts/${alert.id}`, 'energy');
    expect(new URL(page.url()).pathname).toBe(`/alerts/${alert.id}`);
    const detail = page.getByTestId('alert-detail');
    await detail.waitFor();
    expect(await detail.getAttribute('data-alert')).toBe(alert.id);
    expect(await detail.innerText()).toContain(alert.title.replace(/（示例数据）$/, ''));
    expect(await page.getByRole('button', { name: '✔ 确认' }).count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'phone-390x844-link-alert.png'), fullPage: true });
    await page.context().close();
  });

  it('keeps a filtered list through the sign-in', async () => {
    const { webUrl } = inject('system');
    const page = await openSignedOut(browser, `${webUrl}/supervision?overdue=true`, 'leader');
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/supervision?overdue=true');
    await page.getByTestId('supervisions').waitFor();
    expect(await page.getByLabel('逾期').inputValue()).toBe('true');
    await page.context().close();
  });

  it('opens an indicator for a month straight away (public, no sign-in)', async () => {
    const { webUrl } = inject('system');
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${webUrl}/indicators/coal_output?region=140404103&to=2026-08`);
    expect(new URL(page.url()).pathname).toBe('/indicators/coal_output');
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('原煤产量 · 西火镇');
    expect(await page.getByRole('heading', { name: /数据明细（.* – 2026年8月）/ }).count()).toBe(1);
    await context.close();
  });

  it('drops a link that would leave the site, as before', async () => {
    const { webUrl } = inject('system');
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${webUrl}/login?next=${encodeURIComponent('//evil.example/supervision/1')}`);
    await page.fill('input[name=username]', 'leader');
    await page.fill('input[name=password]', DEMO_PASSWORD);
    await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 }), page.getByRole('button', { name: '登录' }).tap()]);
    expect(new URL(page.url()).origin).toBe(webUrl);
    expect(new URL(page.url()).pathname).toBe('/overview');
    await context.close();
  });
});
