/**
 * The wall screen at the sizes a meeting room has: every panel rendered with data, nothing
 * outside the viewport, no scrollbar. Screenshots land in artifacts/screenshots to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { SCREEN_RENDERED } from '../support/screen.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');
/** Gauges, map, trend and chain charts of the overview page. */
const MIN_CHARTS = 5;


describe('wall screen layout', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  for (const [width, height] of [
    [1920, 1080],
    [1280, 720],
    [3840, 2160],
    [5760, 1080],
  ] as const) {
    it(`fits ${width}×${height} without scrollbars or overflow`, async () => {
      const page = await browser.newPage({ viewport: { width, height } });
      await page.goto(`${inject('system').webUrl}/screen?pages=overview&refresh=3600`, { waitUntil: 'networkidle' });
      await page.waitForFunction(SCREEN_RENDERED, MIN_CHARTS, { timeout: 60_000 });
      await page.waitForTimeout(1000); // chart animations settle
      const layout = await page.evaluate(() => {
        const root = document.documentElement;
        const stage = document.querySelector('#pw-stage')!;
        // What is visible of each element: its box cut by every ancestor that clips (a ticker
        // scrolls its content inside such a box by design). Anything visible must lie in the viewport.
        const visibleBox = (el: Element) => {
          let { left, top, right, bottom } = el.getBoundingClientRect();
          for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
            const style = getComputedStyle(parent);
            if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
            const clip = parent.getBoundingClientRect();
            left = Math.max(left, clip.left);
            top = Math.max(top, clip.top);
            right = Math.min(right, clip.right);
            bottom = Math.min(bottom, clip.bottom);
          }
          return { left, top, right, bottom };
        };
        const outside = [...stage.querySelectorAll<HTMLElement>('*')]
          .filter((el) => el.getClientRects().length > 0)
          .map((el) => ({ el, rect: visibleBox(el) }))
          .filter(({ rect }) => rect.right - rect.left > 0 && rect.bottom - rect.top > 0)
          .filter(({ rect }) => rect.left < -1 || rect.top < -1 || rect.right > window.innerWidth + 1 || rect.bottom > window.innerHeight + 1)
          .map(({ el, rect }) => `${el.tagName}.${el.getAttribute('class') ?? ''} ${Math.round(rect.left)},${Math.round(rect.top)}→${Math.round(rect.right)},${Math.round(rect.bottom)}`);
        return {
          scrollX: root.scrollWidth > window.innerWidth,
          scrollY: root.scrollHeight > window.innerHeight,
          outside: outside.slice(0, 10),
          panels: stage.querySelectorAll('section').length,
          asOf: (stage.textContent?.match(/数据截至/g) ?? []).length,
          sample: stage.textContent?.includes('示例数据') ?? false,
          stale: stage.getAttribute('data-stale'),
        };
      });
      await page.screenshot({ path: join(SHOTS, `screen-${width}x${height}.png`) });
      expect(layout.scrollX).toBe(false);
      expect(layout.scrollY).toBe(false);
      expect(layout.outside).toEqual([]);
      expect(layout.panels).toBeGreaterThanOrEqual(8);
      // Every data panel says what its data is as of (the alert ticker is the only other section).
      expect(layout.asOf).toBeGreaterThanOrEqual(layout.panels - 1);
      expect(layout.sample).toBe(true);
      expect(layout.stale).toBe('false');
      await page.close();
    });
  }
});
