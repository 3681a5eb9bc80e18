/**
 * The web app's own defences, against the running system: security headers on every page and
 * on the API proxy, pages that render and work under their Content-Security-Policy without a
 * single violation, and browser sessions whose spent refresh token, replayed from elsewhere,
 * gets nothing but the end of the user's sessions.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { SCREEN_RENDERED } from '../support/screen.js';

const PASSWORD = 'planwatch2026';
const PAGES = ['/', '/screen', '/overview', '/chains/green_coal', '/regions/140404103', '/indicators/coal_output', '/projects', '/briefing', '/login', '/reporting', '/alerts', '/admin/users', '/no-such-page'];

type Jar = Record<string, string>;

function cookiesOf(response: Response): Jar {
  return Object.fromEntries(response.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]).map(([k, v]) => [k, decodeURIComponent(v)]));
}
const cookieHeader = (jar: Jar) => Object.entries(jar).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');

describe('web security', () => {
  const { webUrl } = inject('system');
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Signs in through the web app as a browser on this site would; returns the session cookies. */
  async function signIn(username: string): Promise<Jar> {
    const response = await fetch(`${webUrl}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: webUrl },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    expect(response.status).toBe(200);
    return cookiesOf(response);
  }
  /** A request of a page through the API proxy, with the session's cookies; returns the answer and the cookies it set. */
  async function viaProxy(jar: Jar, path = '/api/auth/me') {
    const response = await fetch(`${webUrl}${path}`, { headers: { cookie: cookieHeader(jar) } });
    return { status: response.status, set: cookiesOf(response) };
  }
  /** The session as the browser holds it once its access token has run out: the next request must refresh. */
  const expired = (jar: Jar): Jar => ({ ...Object.fromEntries(Object.entries(jar).filter(([k]) => k !== 'pw_at')), pw_exp: '0' });

  it('sends a Content-Security-Policy with frame-ancestors, nosniff and a referrer policy on every page, a fresh nonce each time', async () => {
    const nonces = new Set<string>();
    for (const path of PAGES) {
      const response = await fetch(`${webUrl}${path}`, { redirect: 'manual' });
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy, path).toContain("frame-ancestors 'self'");
      expect(policy, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
      expect(policy, path).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
      nonces.add(/'nonce-([^']+)'/.exec(policy)![1]!);
    }
    expect(nonces.size).toBe(PAGES.length);
    // The API proxy's answers: nosniff, and nothing may run in them.
    const api = await fetch(`${webUrl}/api/plan`);
    expect(api.headers.get('x-content-type-options')).toBe('nosniff');
    expect(api.headers.get('content-security-policy')).toMatch(/^default-src 'none';.*frame-ancestors 'self'/);
  });

  it('renders and runs every page under its policy without a single violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    await context.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}`));
    });
    const violations: string[] = [];
    const visit = async (page: Page, path: string, ready: () => Promise<unknown>) => {
      await page.goto(`${webUrl}${path}`);
      await ready();
      violations.push(...(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).map((v) => `${path}: ${v}`));
    };
    const page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`console: ${message.text()}`);
    });
    try {
      await visit(page, '/screen', () => page.waitForFunction(SCREEN_RENDERED, 3, { timeout: 60_000 }));
      // The inline scaling script ran (by its nonce): the stage has its scale.
      expect(await page.evaluate(() => document.getElementById('pw-stage')?.style.getPropertyValue('--s'))).not.toBe('');
      await visit(page, '/indicators/coal_output', () => page.locator('canvas').first().waitFor({ timeout: 60_000 }));
      // A table exported: exceljs loads on click, under the same policy.
      const download = page.waitForEvent('download', { timeout: 60_000 });
      await page.getByRole('button', { name: /导出XLSX/ }).first().click();
      expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
      await visit(page, '/overview', () => page.locator('canvas').first().waitFor({ timeout: 60_000 }));
      await visit(page, '/briefing', () => page.locator('iframe').waitFor({ timeout: 60_000 }));
      await visit(page, '/login', () => page.locator('input[name=username]').waitFor());
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', PASSWORD);
      await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 30_000 }), page.click('button[type=submit]')]);
      await visit(page, '/admin/users', () => page.getByText('energy', { exact: true }).first().waitFor({ timeout: 30_000 }));
      await visit(page, '/alerts', () => page.locator('main').waitFor());
      await visit(page, '/reporting/review', () => page.locator('main').waitFor());
    } finally {
      await context.close();
    }
    expect(violations, JSON.stringify(violations)).toEqual([]);
  }, 240_000);

  it('shares a refresh among the requests of one browser session only: a replayed refresh token ends the sessions', async () => {
    // One page's requests at once, each finding the access token run out: one refresh, one new pair for all.
    const own = expired(await signIn('energy'));
    const together = await Promise.all([1, 2, 3].map(() => viaProxy(own)));
    expect(together.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(together.map((r) => r.set.pw_rt)).size).toBe(1);
    const renewed = { ...own, ...together[0]!.set };

    // The old refresh token, copied into another browser, moments later: the API sees it come back …
    const thief = await viaProxy({ pw_rt: own.pw_rt!, pw_exp: '0' });
    expect(thief.status).toBe(401);
    expect(thief.set.pw_at ?? '').toBe('');
    // … and ends every session of the user at once: the rightful browser signs in again too.
    const afterwards = await viaProxy(renewed);
    expect(afterwards.status).toBe(401);
    expect(afterwards.set.pw_rt).toBe('');
    expect((await viaProxy(expired(renewed))).status).toBe(401);
  });
});
