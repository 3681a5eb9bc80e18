/**
 * Leaders on the phone: every public and 督办 page (and the clerk's task list) at 390×844 and
 * 360×740 in Chromium's device emulation with touch. On each: no sideways page scroll, nothing
 * outside the viewport except inside a box that scrolls, a header of one row, no text under
 * 14 px, controls of at least 44 × 44 px, pinch-zoom allowed, axe-core WCAG 2.1 AA clean.
 * Screenshots: artifacts/screenshots/phone-<size>-<page>.png (looked at when changed). Then the
 * menu, a chart's tooltip by tap, the first render without script, and the phone home on a
 * network that drops out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from '../support/axe.js';
import { DEMO_PASSWORD, launchChromium, signIn } from '../support/browser.js';
import { measurePhoneLayout, newPhoneContext, PHONES, settled, type PhoneLayout } from '../support/phone.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');
type Who = 'anonymous' | 'leader' | 'energy';

interface Ids {
  alert: string;
  supervision: string;
  project: string;
}

/** Each page: who opens it, and what shows it has loaded. */
const PAGES: Array<{ name: string; who: Who; path: (ids: Ids) => string; ready: string }> = [
  { name: 'home', who: 'anonymous', path: () => '/', ready: 'text=监测指标' },
  { name: 'phone-home', who: 'leader', path: () => '/m', ready: '[data-testid=phone-home] [data-panel=supervision][data-ready=true]' },
  { name: 'overview', who: 'anonymous', path: () => '/overview', ready: 'canvas' },
  { name: 'chain', who: 'anonymous', path: () => '/chains/green_coal', ready: 'text=产业链图谱' },
  { name: 'town', who: 'anonymous', path: () => '/regions/140404103', ready: 'text=规划定位' },
  { name: 'indicator', who: 'anonymous', path: () => '/indicators/coal_output?to=2026-09', ready: 'canvas' },
  { name: 'projects', who: 'anonymous', path: () => '/projects', ready: 'text=项目清单' },
  { name: 'project', who: 'anonymous', path: (ids) => `/projects/${ids.project}`, ready: 'canvas' },
  { name: 'briefing', who: 'anonymous', path: () => '/briefing', ready: 'iframe' },
  { name: 'alerts', who: 'leader', path: () => '/alerts', ready: '[data-testid=alerts]' },
  { name: 'alert', who: 'leader', path: (ids) => `/alerts/${ids.alert}`, ready: '[data-testid=alert-detail]' },
  { name: 'supervision', who: 'leader', path: () => '/supervision', ready: '[data-testid=supervisions]' },
  { name: 'supervision-detail', who: 'leader', path: (ids) => `/supervision/${ids.supervision}`, ready: '[data-testid=timeline]' },
  { name: 'reporting', who: 'energy', path: () => '/reporting', ready: '[data-testid=tasks]' },
];

async function apiToken(apiUrl: string, username: string): Promise<string> {
  const response = await fetch(`${apiUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function apiGet<T>(apiUrl: string, path: string, token: string): Promise<T> {
  return (await (await fetch(`${apiUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })).json()) as T;
}

/**
 * The page as the phone shows it, screen by screen from the top (up to `SCREENS`): a full-page
 * capture would resize the emulated screen and show what no phone does.
 */
const SCREENS = 4;
async function screenshots(page: Page, name: string, height: number): Promise<void> {
  const total = await page.evaluate(() => document.documentElement.scrollHeight);
  for (let i = 0; i < SCREENS && i * height < total; i += 1) {
    await page.evaluate((y) => window.scrollTo(0, y), i * height);
    await page.waitForTimeout(150);
    await page.screenshot({ path: join(SHOTS, `${name}-${i + 1}.png`), scale: 'css' });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Everything a page at phone width must satisfy, as a list of what is wrong (empty when it passes). */
function problems(layout: PhoneLayout, width: number): string[] {
  const found: string[] = [];
  if (layout.scrollWidth !== width) found.push(`page scrolls sideways: scrollWidth ${layout.scrollWidth} ≠ ${width}`);
  for (const el of layout.outside) found.push(`outside the viewport: ${el}`);
  if (layout.header.height > 64) found.push(`header ${layout.header.height}px high, more than one row`);
  for (const el of layout.header.spill) found.push(`header spills out of its row: ${el}`);
  for (const el of layout.smallText) found.push(`text under 14px: ${el}`);
  for (const el of layout.smallTargets) found.push(`tap target under 44px: ${el}`);
  if (!layout.viewportMeta || /user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0*)?(\s|,|$)/.test(layout.viewportMeta)) found.push(`pinch-zoom disabled: ${layout.viewportMeta}`);
  return found;
}

describe('every page on a phone', () => {
  let browser: Browser;
  let ids: Ids;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
    const { apiUrl } = inject('system');
    const leader = await apiToken(apiUrl, 'leader');
    const alerts = await apiGet<{ items: Array<{ id: string }> }>(apiUrl, '/api/alerts?state=firing&severity=red&limit=1', leader);
    const supervision = await apiGet<{ items: Array<{ id: string }> }>(apiUrl, '/api/supervision?limit=1&overdue=true', leader);
    const projects = await apiGet<Array<{ code: string }>>(apiUrl, '/api/projects', leader);
    ids = { alert: alerts.items[0]!.id, supervision: supervision.items[0]!.id, project: projects[0]!.code };
  });
  afterAll(() => browser?.close());

  for (const size of PHONES) {
    describe(`at ${size.name}`, () => {
      const contexts = new Map<Who, BrowserContext>();
      const pages = new Map<Who, Page>();
      beforeAll(async () => {
        const { webUrl } = inject('system');
        for (const who of ['anonymous', 'leader', 'energy'] as const) {
          const context = await newPhoneContext(browser, size);
          const page = await context.newPage();
          page.on('pageerror', (error) => console.error(`[browser ${size.name} ${who}] ${error.message}`));
          if (who !== 'anonymous') await signIn(page, webUrl, who);
          contexts.set(who, context);
          pages.set(who, page);
        }
      });
      afterAll(async () => {
        for (const context of contexts.values()) await context.close();
      });

      for (const spec of PAGES) {
        it(`${spec.name}: fits, reads at 14 px, taps at 44 px, passes axe`, async () => {
          const page = pages.get(spec.who)!;
          await page.goto(`${inject('system').webUrl}${spec.path(ids)}`);
          await settled(page, spec.ready);
          const layout = await page.evaluate(measurePhoneLayout, size.width);
          const violations = await axeViolations(page);
          await screenshots(page, `phone-${size.name}-${spec.name}`, size.height);
          const found = problems(layout, size.width);
          expect(found, found.join('\n')).toEqual([]);
          expect(violations, violations.join('\n')).toEqual([]);
        });
      }
    });
  }
});

describe('touch and weak networks', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('opens the navigation from 菜单, in the viewport, and closes it on the next page', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('system').webUrl}/overview`);
    const menu = page.getByTestId('phone-menu');
    await menu.locator('summary').tap();
    const nav = menu.getByRole('navigation', { name: '主导航' });
    await nav.waitFor();
    const box = (await nav.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(await nav.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['首页', '手机速览', '总览', '重点项目', '月度通报', '大屏 ↗']));
    await page.screenshot({ path: join(SHOTS, 'phone-390x844-menu.png'), scale: 'css' });
    await Promise.all([page.waitForURL(/\/projects$/), nav.getByRole('link', { name: '重点项目' }).tap()]);
    await expect.poll(() => menu.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await context.close();
  });

  it('shows a chart point by tap, not only by hover', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('system').webUrl}/indicators/coal_output?to=2026-09`);
    await settled(page, 'canvas');
    const chart = page.getByRole('img', { name: '原煤产量年度走势' });
    await chart.scrollIntoViewIfNeeded();
    const box = (await chart.boundingBox())!;
    // A month in the middle of the plot.
    await page.touchscreen.tap(box.x + box.width * 0.55, box.y + box.height * 0.6);
    // echarts' tooltip: the one element it lays over the chart (z-index 9999999).
    const tooltip = chart.locator('div[style*="z-index: 9999999"]');
    await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await tooltip.innerText()).toMatch(/\d+月[\s\S]*万吨/);
    await page.screenshot({ path: join(SHOTS, 'phone-390x844-chart-tap.png'), scale: 'css' });
    await context.close();
  });

  it('draws the figures before the page script has loaded (server-rendered first)', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    // A weak network: the script bundles never arrive (the HTML and its inline stream do).
    await page.route('**/_next/static/**/*.js', (route) => route.abort('timedout'));
    await page.goto(`${inject('system').webUrl}/m`, { waitUntil: 'load' });
    const home = page.getByTestId('phone-home');
    expect(await home.getByRole('heading', { name: '核心指标' }).count()).toBe(1);
    expect(await home.locator('[data-panel=kpis] b').first().innerText()).toMatch(/\d/);
    expect(await home.locator('[data-panel=chains] li').count()).toBeGreaterThanOrEqual(6);
    expect(await home.getAttribute('data-live')).toBe('false');
    await page.goto(`${inject('system').webUrl}/overview`, { waitUntil: 'load' });
    expect(await page.getByRole('link', { name: /原煤产量/ }).first().innerText({ timeout: 30_000 })).toMatch(/\d/);
    await page.screenshot({ path: join(SHOTS, 'phone-390x844-overview-no-script.png'), scale: 'css' });
    await context.close();
  });

  it('keeps the phone home figures with their age when a refresh fails, and recovers', async () => {
    const context = await newPhoneContext(browser);
    const page = await context.newPage();
    await page.goto(`${inject('system').webUrl}/m`);
    await settled(page, '[data-testid=phone-home]');
    const home = page.getByTestId('phone-home');
    const figure = home.locator('[data-panel=kpis] b').first();
    const before = await figure.innerText();
    // The network drops; the leader comes back to the app (a refresh at once).
    await page.route('**/api/**', (route) => route.abort('internetdisconnected'));
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const stale = page.getByTestId('phone-stale');
    await stale.waitFor({ timeout: 30_000 });
    expect(await home.getAttribute('data-stale')).toBe('true');
    expect(await figure.innerText()).toBe(before);
    expect(await stale.innerText()).toMatch(/数据更新中断，正在重试|数据已 \d+ 分钟未更新/);
    expect(await stale.innerText()).toMatch(/上次更新 \d{2}:\d{2}/);
    await page.screenshot({ path: join(SHOTS, 'phone-390x844-phone-home-stale.png'), scale: 'css' });
    // Back online: the next retry (within 15 s) clears it.
    await page.unroute('**/api/**');
    await stale.waitFor({ state: 'detached', timeout: 45_000 });
    expect(await home.getAttribute('data-stale')).toBe('false');
    await context.close();
  });
});
