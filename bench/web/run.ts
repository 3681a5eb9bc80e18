/**
 * bench:web — in Chromium against the production build: the wall screen (time from navigation
 * until every panel has rendered with data, and the compressed JavaScript it transferred) and
 * the leaders' phone home /m on an emulated phone (touch, 390×844, 3× screen) with the CPU
 * slowed 4× over the DevTools protocol, signed in as the leader: time until every panel shows
 * data and the page's script runs (its figures are in the first paint, rendered on the server:
 * phone_first_paint_ms), and its compressed JavaScript. Runs the whole system
 * (embedded PostgreSQL, API, `next start`) like the browser tests do.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signIn } from '../../tests/support/browser.js';
import { newPhoneContext, phoneContextOptions } from '../../tests/support/phone.js';
import { startSystem } from '../../tests/support/system.js';
import { SCREEN_RENDERED } from '../../tests/support/screen.js';
import { percentile, round } from '../lib/stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Charts on the overview page: three KPI gauges, the town map, the trend and the chain chart. */
const MIN_CHARTS = 5;
/** The phone home's panels: headline indicators, chains, red alerts, overdue 督办. */
const PHONE_PANELS = 4;
/** How much slower than this machine a leader's phone is taken to be. */
const PHONE_CPU_SLOWDOWN = 4;
const log = (line: string) => process.stdout.write(`[bench:web] ${line}\n`);

/** Time since navigation start, the first contentful paint, and the compressed bytes of the scripts loaded. */
function measure(page: Page): Promise<{ ms: number; paintMs: number; js: number }> {
  return page.evaluate(() => {
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'));
    return { ms: performance.now() - navigation.startTime, paintMs: paint ? paint.startTime - navigation.startTime : Number.NaN, js: scripts.reduce((sum, s) => sum + s.encodedBodySize, 0) };
  });
}

/**
 * Runs `RUNS` cold contexts after one warm-up (Next's server-side caches), each fresh (no HTTP
 * cache); the median times and the largest script count (the cold one).
 */
async function coldRuns(name: string, open: () => Promise<{ context: BrowserContext; page: Page }>, visit: (page: Page) => Promise<void>): Promise<{ ms: number; paintMs: number; jsKb: number }> {
  const times: number[] = [];
  const paints: number[] = [];
  let jsBytes = 0;
  for (let run = 0; run <= RUNS; run += 1) {
    const { context, page } = await open();
    await visit(page);
    const measured = await measure(page);
    if (run > 0) {
      times.push(measured.ms);
      paints.push(measured.paintMs);
    }
    jsBytes = Math.max(jsBytes, measured.js);
    log(`${name} run ${run}: first paint ${round(measured.paintMs, 0)} ms, all panels with data after ${round(measured.ms, 0)} ms, ${round(measured.js / 1024, 1)} KB compressed JS${run === 0 ? ' (warm-up)' : ''}`);
    await context.close();
  }
  return { ms: round(percentile(times, 50), 0), paintMs: round(percentile(paints, 50), 0), jsKb: round(jsBytes / 1024, 1) };
}

/** The leader's session (cookies only: each run's context starts with an empty HTTP cache). */
async function leaderSession(browser: Browser, webUrl: string) {
  const context = await newPhoneContext(browser);
  const page = await context.newPage();
  await signIn(page, webUrl, 'leader');
  const state = await context.storageState();
  await context.close();
  return state;
}

const system = await startSystem();
const browser = await launchChromium();
try {
  const screen = await coldRuns(
    'screen',
    async () => {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      return { context, page: await context.newPage() };
    },
    async (page) => {
      await page.goto(`${system.webUrl}/screen?pages=overview&refresh=3600`, { waitUntil: 'commit' });
      await page.waitForFunction(SCREEN_RENDERED, MIN_CHARTS, { timeout: 60_000, polling: 16 });
    },
  );
  const session = await leaderSession(browser, system.webUrl);
  const phone = await coldRuns(
    'phone',
    async () => {
      const context = await browser.newContext({ ...phoneContextOptions(), storageState: session });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_CPU_SLOWDOWN });
      return { context, page };
    },
    async (page) => {
      await page.goto(`${system.webUrl}/m`, { waitUntil: 'commit' });
      await page.waitForFunction(
        (panels) => document.querySelectorAll('[data-testid=phone-home][data-live=true] [data-panel][data-ready=true]').length >= panels,
        PHONE_PANELS,
        { timeout: 60_000, polling: 16 },
      );
    },
  );
  process.stdout.write(`bench web: screen_render_ms=${screen.ms} screen_js_gzip_kb=${screen.jsKb} phone_render_ms=${phone.ms} phone_first_paint_ms=${phone.paintMs} phone_js_gzip_kb=${phone.jsKb}\n`);
} finally {
  await browser.close();
  await system.stop();
}
