/**
 * Screenshots of the wall screen (and a few drill-down pages) for looking at, plus a layout
 * check: no scrollbar, nothing outside the viewport, no clipped text on the screen.
 *
 *   NEXT_TELEMETRY_DISABLED=1 npx tsx apps/web/scripts/screenshot.ts [baseUrl] [outDir]
 *
 * Defaults: http://127.0.0.1:3100 and /tmp/shots. Uses Debian's chromium (/usr/bin/chromium).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';

const base = (process.argv[2] ?? 'http://127.0.0.1:3100').replace(/\/+$/, '');
const out = process.argv[3] ?? '/tmp/shots';
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const SCREEN_SIZES = [
  [1920, 1080],
  [1280, 720],
  [3840, 2160],
  [5760, 1080],
] as const;
const SCREEN_PAGES = ['overview', 'chains', 'regions', 'projects'] as const;
const DASHBOARD = ['/', '/overview', '/chains/green_coal', '/regions/140404102', '/indicators/coal_output', '/projects'] as const;

async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth || doc.scrollHeight > window.innerHeight) {
      problems.push(`page scrolls: ${doc.scrollWidth}×${doc.scrollHeight} in ${window.innerWidth}×${window.innerHeight}`);
    }
    const stage = document.getElementById('pw-stage');
    if (!stage) return [...problems, 'no #pw-stage'];
    const box = stage.getBoundingClientRect();
    if (box.left < -1 || box.top < -1 || box.right > window.innerWidth + 1 || box.bottom > window.innerHeight + 1) {
      problems.push(`stage outside viewport: ${JSON.stringify(box)}`);
    }
    const active = stage.querySelector('[aria-hidden="false"]') ?? stage;
    for (const el of Array.from(active.querySelectorAll<HTMLElement>('*'))) {
      if (el.closest('[aria-hidden="true"]') || el.closest('canvas')) continue;
      const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!hasText) continue;
      if (getComputedStyle(el).overflow === 'visible' || el.closest('[class*="tickerTrack"]')) continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        problems.push(`clipped text: "${el.textContent!.trim().slice(0, 40)}" (width ${el.scrollWidth} > ${el.clientWidth})`);
      } else if (el.scrollHeight > el.clientHeight + 2) {
        problems.push(`clipped text: "${el.textContent!.trim().slice(0, 40)}" (height ${el.scrollHeight} > ${el.clientHeight})`);
      }
    }
    return problems;
  });
}

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  let failures = 0;
  try {
    for (const [width, height] of SCREEN_SIZES) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      for (const name of SCREEN_PAGES) {
        if (name !== 'overview' && width !== 1920) continue;
        await page.goto(`${base}/screen?pages=${name}&refresh=600`, { waitUntil: 'networkidle' });
        await page.waitForTimeout(1500);
        const file = join(out, `screen-${name}-${width}x${height}.png`);
        await page.screenshot({ path: file });
        const problems = await layoutProblems(page);
        failures += problems.length;
        process.stdout.write(`${file}${problems.length ? `\n  ${problems.join('\n  ')}` : '  ok'}\n`);
      }
      await context.close();
    }
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    for (const path of DASHBOARD) {
      const response = await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
      await page.waitForTimeout(800);
      const file = join(out, `page${path === '/' ? '-home' : path.replace(/[/?=&]+/g, '-')}.png`);
      await page.screenshot({ path: file, fullPage: true });
      process.stdout.write(`${file}  HTTP ${response?.status()}\n`);
    }
    await context.close();
  } finally {
    await browser.close();
  }
  process.stdout.write(failures ? `${failures} layout problem(s)\n` : 'no layout problems\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
