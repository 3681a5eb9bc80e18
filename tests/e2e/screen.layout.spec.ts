/**
 * The wall screen at the sizes a meeting room has: every panel rendered with data, nothing
 * outside the viewport, no scrollbar. Screenshots land in artifacts/screenshots to be looked at.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { ROOT } from '../support/system.js';

const SHOTS = join(ROOT, 'artifacts/screenshots');

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
      await page.goto(`${inject('system').webUrl}/screen?refresh=3600`, { waitUntil: 'networkidle' });
      // Every panel announces the period its data is as of once it has data.
      await page.waitForFunction(() => document.querySelectorAll('[data-panel][data-ready="true"]').length >= 6, undefined, { timeout: 60_000 });
      await page.waitForTimeout(800); // chart animations settle
      const layout = await page.evaluate(() => {
        const root = document.documentElement;
        const outside = [...document.querySelectorAll<HTMLElement>('[data-panel], [data-panel] *')]
          .filter((el) => el.offsetParent !== null || el.tagName === 'svg')
          .map((el) => ({ el, rect: el.getBoundingClientRect() }))
          .filter(({ rect }) => rect.width > 0 && rect.height > 0)
          .filter(({ rect }) => rect.left < -1 || rect.top < -1 || rect.right > window.innerWidth + 1 || rect.bottom > window.innerHeight + 1)
          .map(({ el, rect }) => `${el.tagName}.${el.className} ${Math.round(rect.left)},${Math.round(rect.top)}→${Math.round(rect.right)},${Math.round(rect.bottom)}`);
        return {
          scrollX: root.scrollWidth > window.innerWidth,
          scrollY: root.scrollHeight > window.innerHeight,
          outside: outside.slice(0, 10),
          panels: document.querySelectorAll('[data-panel]').length,
          asOf: [...document.querySelectorAll('[data-panel]')].filter((p) => p.textContent?.includes('数据截至')).length,
          sample: document.body.textContent?.includes('示例数据') ?? false,
        };
      });
      await page.screenshot({ path: join(SHOTS, `screen-${width}x${height}.png`) });
      expect(layout.scrollX).toBe(false);
      expect(layout.scrollY).toBe(false);
      expect(layout.outside).toEqual([]);
      expect(layout.panels).toBeGreaterThanOrEqual(6);
      expect(layout.asOf).toBe(layout.panels);
      expect(layout.sample).toBe(true);
      await page.close();
    });
  }
});
