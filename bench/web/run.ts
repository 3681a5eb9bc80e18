/**
 * bench:web — the wall screen in Chromium against the production build: time from navigation
 * until every panel has rendered with data, and the compressed JavaScript it transferred.
 * Runs the whole system (embedded PostgreSQL, API, `next start`) like the browser tests do.
 */
import { launchChromium } from '../../tests/support/browser.js';
import { startSystem } from '../../tests/support/system.js';
import { SCREEN_RENDERED } from '../../tests/support/screen.js';
import { percentile, round } from '../lib/stats.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Charts on the overview page: three KPI gauges, the town map, the trend and the chain chart. */
const MIN_CHARTS = 5;
const log = (line: string) => process.stdout.write(`[bench:web] ${line}\n`);

const system = await startSystem();
const browser = await launchChromium();
try {
  const renders: number[] = [];
  let jsBytes = 0;
  for (let run = 0; run <= RUNS; run += 1) {
    // A fresh context per run: no HTTP cache, as a wall screen after a restart.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${system.webUrl}/screen?pages=overview&refresh=3600`, { waitUntil: 'commit' });
    await page.waitForFunction(SCREEN_RENDERED, MIN_CHARTS, { timeout: 60_000, polling: 16 });
    const measured = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
        (entry) => entry.initiatorType === 'script' || entry.name.endsWith('.js'),
      );
      return { ms: performance.now() - navigation.startTime, js: scripts.reduce((sum, s) => sum + s.encodedBodySize, 0) };
    });
    // The first run warms Next's server-side caches; it is not counted.
    if (run > 0) renders.push(measured.ms);
    // The largest count is the cold one (a context may still serve some scripts from memory).
    jsBytes = Math.max(jsBytes, measured.js);
    log(`run ${run}: all panels with data after ${round(measured.ms, 0)} ms, ${round(measured.js / 1024, 1)} KB compressed JS${run === 0 ? ' (warm-up)' : ''}`);
    await context.close();
  }
  process.stdout.write(`bench web: screen_render_ms=${round(percentile(renders, 50), 0)} screen_js_gzip_kb=${round(jsBytes / 1024, 1)}\n`);
} finally {
  await browser.close();
  await system.stop();
}
