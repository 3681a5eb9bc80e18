/**
 * Phones as the browser tests and the benchmark see them: Chromium's device emulation with
 * touch at the sizes leaders' phones have, and the layout checks a page must pass there.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export interface PhoneSize {
  name: string;
  width: number;
  height: number;
}

/** An iPhone 12–15 sized screen and a small Android one. */
export const PHONES: readonly PhoneSize[] = [
  { name: '390x844', width: 390, height: 844 },
  { name: '360x740', width: 360, height: 740 },
];

/** A phone: mobile viewport (the page may not zoom out to fit), touch, a 3× screen, Chinese locale. */
export function phoneContextOptions(size: PhoneSize = PHONES[0]!): BrowserContextOptions {
  return {
    viewport: { width: size.width, height: size.height },
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 3,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  };
}

/** A fresh phone (no session, no cache). */
export function newPhoneContext(browser: Browser, size: PhoneSize = PHONES[0]!): Promise<BrowserContext> {
  return browser.newContext(phoneContextOptions(size));
}

export interface PhoneLayout {
  scrollWidth: number;
  /** Visible elements reaching outside the viewport's width other than inside a scroll container. */
  outside: string[];
  /** Height of the page header and what of it spills out of its one row. */
  header: { height: number; spill: string[] };
  /** Text set smaller than 14 px (element, size, text). */
  smallText: string[];
  /** Controls, and links that stand alone, smaller than 44 × 44 px. */
  smallTargets: string[];
  viewportMeta: string | null;
}

/**
 * Runs in the page (page.evaluate): what the phone checks look at. An element counts as outside
 * when the part of it not clipped by any scrolling or clipping ancestor lies beyond the viewport;
 * text is any element with a text node of its own; inline links flow with their sentence or cell
 * and are exempt from the target size (as WCAG 2.5.5 exempts inline targets).
 */
export function measurePhoneLayout(viewportWidth: number): PhoneLayout {
  const label = (el: Element, extra = '') => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(el.getAttribute('class') ?? '').split(' ')[0]?.replace(/^.*__/, '') ?? ''}${extra} "${(el.textContent ?? '').trim().slice(0, 24)}"`;
  const visible = (el: Element) => el.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  const hiddenText = (el: Element) => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.clip === 'rect(0px, 0px, 0px, 0px)' || (style.position === 'absolute' && e.getBoundingClientRect().width <= 1)) return true;
    }
    return false;
  };
  const all = [...document.body.querySelectorAll('*')].filter(visible);

  const outside: string[] = [];
  for (const el of all) {
    let { left, right } = el.getBoundingClientRect();
    for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX === 'visible') continue;
      const clip = parent.getBoundingClientRect();
      left = Math.max(left, clip.left);
      right = Math.min(right, clip.right);
    }
    if (right - left > 0 && (left < -1 || right > viewportWidth + 1)) outside.push(label(el, ` ${Math.round(left)}→${Math.round(right)}`));
  }

  const header = document.querySelector('body header');
  const headerBox = header?.getBoundingClientRect();
  const spill = header && headerBox
    ? [...header.querySelectorAll('*')]
        .filter(visible)
        .filter((el) => {
          const r = el.getBoundingClientRect();
          return r.height > 0 && (r.top < headerBox.top - 1 || r.bottom > headerBox.bottom + 1);
        })
        .map((el) => label(el))
    : [];

  const smallText: string[] = [];
  for (const el of all) {
    if (el.closest('svg, canvas, script, style, noscript') || hiddenText(el)) continue;
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!ownText) continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 14) smallText.push(label(el, ` ${size}px`));
  }

  const smallTargets: string[] = [];
  for (const el of document.body.querySelectorAll<HTMLElement>('a[href], button, select, summary, textarea, input:not([type=hidden])')) {
    if (!visible(el) || hiddenText(el)) continue;
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') continue;
    // A check box is tapped through its label.
    const target = el instanceof HTMLInputElement && (el.type === 'checkbox' || el.type === 'radio') ? (el.closest('label') ?? el) : el;
    const r = target.getBoundingClientRect();
    if (r.width > 0 && (r.height < 43.5 || r.width < 43.5)) smallTargets.push(label(el, ` ${Math.round(r.width)}×${Math.round(r.height)}`));
  }

  return {
    scrollWidth: document.documentElement.scrollWidth,
    outside: outside.slice(0, 12),
    header: { height: headerBox?.height ?? 0, spill: spill.slice(0, 8) },
    smallText: smallText.slice(0, 12),
    smallTargets: smallTargets.slice(0, 12),
    viewportMeta: document.querySelector('meta[name=viewport]')?.getAttribute('content') ?? null,
  };
}

/** Waits until no panel is still loading (skeletons gone) and the network is quiet. */
export async function settled(page: Page, ready?: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  if (ready) await page.locator(ready).first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0, undefined, { timeout: 60_000 });
  await page.waitForTimeout(600); // chart animations settle
}
