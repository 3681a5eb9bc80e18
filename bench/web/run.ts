/**
 * bench:web — in Chromium against the production build: the wall screen (time from navigation
 * until every panel has rendered with data, its charts drawn and its script running; when the
 * first headline figure painted, by the Element Timing API; and the compressed JavaScript it
 * transferred, counted after a quiet second so chart code loaded late is not missed) and
 * the leaders' phone home /m on an emulated phone (touch, 390×844, 3× screen) with the CPU
 * slowed 4× over the DevTools protocol, signed in as the leader: time until every panel shows
 * data and the page's script runs (its figures are in the first paint, rendered on the server:
 * phone_first_paint_ms), and its compressed JavaScript. Runs the whole system
 * (embedded PostgreSQL, API, `next start`) like the browser tests do.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signIn } from '../../tests/support/browser.js';
import { newPhoneContext, phoneContextOptions } from '../../tests/support/phone.js';
import { startSystem } from '../../tests/support/system.js';
import { SCREEN_RENDERED } from '../../tests/support/screen.js';
import { percentile, round } from '../lib/stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Charts on the overview page: three KPI gauges, the town map and the trend. */
const MIN_CHARTS = 5;
/** The phone home's panels: headline indicators, chains, red alerts, overdue 督办. */
const PHONE_PANELS = 4;
/** How much slower than this machine a leader's phone is taken to be. */
const PHONE_CPU_SLOWDOWN = 4;
const log = (line: string) => process.stdout.write(`[bench:web] ${line}\n`);

interface Measured {
  /** Navigation start to the moment the page was found rendered. */
  ms: number;
  paintMs: number;
  /** Navigation start to the first paint of an element marked `elementtiming="screen-headline"` (NaN: none). */
  numbersMs: number;
  /** The breakdown: first byte of the page, last script in, and main-thread long tasks (≥ 50 ms) until rendered. */
  ttfbMs: number;
  scriptsInMs: number;
  longTasksMs: number;
  js: number;
}

/** Time since navigation start, the first contentful paint, the first headline figure's paint. */
function measureTimes(page: Page): Promise<Omit<Measured, 'js'>> {
  return page.evaluate(
    () =>
      new Promise<Omit<Measured, 'js'>>((resolve) => {
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const ms = performance.now() - navigation.startTime;
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const paintMs = paint ? paint.startTime - navigation.startTime : Number.NaN;
        const scriptsIn = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.initiatorType === 'script').reduce((last, e) => Math.max(last, e.responseEnd), 0);
        const breakdown = { ttfbMs: navigation.responseStart - navigation.startTime, scriptsInMs: scriptsIn - navigation.startTime, longTasksMs: 0 };
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          breakdown.longTasksMs = list.getEntries().filter((e) => e.startTime < ms).reduce((sum, e) => sum + Math.min(e.duration, ms - e.startTime), 0);
        }).observe({ type: 'longtask', buffered: true });
        // Element timing entries are only delivered to observers (buffered: the ones already painted).
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          const times = (list.getEntries() as Array<PerformanceEntry & { identifier: string; renderTime: number }>).filter((e) => e.identifier === 'screen-headline').map((e) => e.renderTime);
          setTimeout(() => resolve({ ms, paintMs, numbersMs: times.length > 0 ? Math.min(...times) - navigation.startTime : Number.NaN, ...breakdown }), 0);
        }).observe({ type: 'element', buffered: true });
        setTimeout(() => resolve({ ms, paintMs, numbersMs: Number.NaN, ...breakdown }), 500);
      }),
  );
}

/** The compressed bytes of the scripts the page has loaded. */
function scriptBytes(page: Page): Promise<number> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'))
      .reduce((sum, s) => sum + s.encodedBodySize, 0),
  );
}

/** How long the page must make no request for its script count to be taken (late chart code counts). */
const QUIET_MS = 1000;

/**
 * Runs `RUNS` cold contexts after one warm-up (Next's server-side caches), each fresh (no HTTP
 * cache); the median times and the largest script count (the cold one).
 */
async function coldRuns(
  name: string,
  open: () => Promise<{ context: BrowserContext; page: Page }>,
  visit: (page: Page) => Promise<void>,
): Promise<{ ms: number; paintMs: number; numbersMs: number; jsKb: number }> {
  const times: number[] = [];
  const paints: number[] = [];
  const numbers: number[] = [];
  let jsBytes = 0;
  for (let run = 0; run <= RUNS; run += 1) {
    const { context, page } = await open();
    let lastRequest = Date.now();
    page.on('request', () => (lastRequest = Date.now()));
    await visit(page);
    const timed = await measureTimes(page);
    while (Date.now() - lastRequest < QUIET_MS) await page.waitForTimeout(100);
    const measured: Measured = { ...timed, js: await scriptBytes(page) };
    if (run > 0) {
      times.push(measured.ms);
      paints.push(measured.paintMs);
      numbers.push(measured.numbersMs);
    }
    jsBytes = Math.max(jsBytes, measured.js);
    const numbersText = Number.isNaN(measured.numbersMs) ? '' : `, first headline figure ${round(measured.numbersMs, 0)} ms`;
    log(
      `${name} run ${run}: first byte ${round(measured.ttfbMs, 0)} ms, first paint ${round(measured.paintMs, 0)} ms${numbersText}, scripts in ${round(measured.scriptsInMs, 0)} ms, ` +
        `all panels with data after ${round(measured.ms, 0)} ms (main-thread long tasks ${round(measured.longTasksMs, 0)} ms), ${round(measured.js / 1024, 1)} KB compressed JS${run === 0 ? ' (warm-up)' : ''}`,
    );
    await context.close();
  }
  return { ms: round(percentile(times, 50), 0), paintMs: round(percentile(paints, 50), 0), numbersMs: round(percentile(numbers, 50), 0), jsKb: round(jsBytes / 1024, 1) };
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

const loadText = () => loadavg().map((n) => n.toFixed(2)).join(' ');
log(`load average before: ${loadText()} (${availableParallelism()} cores)`);
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
  log(`load average after: ${loadText()}`);
  process.stdout.write(`bench web: screen_render_ms=${screen.ms} screen_first_numbers_ms=${screen.numbersMs} screen_js_gzip_kb=${screen.jsKb} phone_render_ms=${phone.ms} phone_first_paint_ms=${phone.paintMs} phone_js_gzip_kb=${phone.jsKb}\n`);
} finally {
  await browser.close();
  await system.stop();
}
