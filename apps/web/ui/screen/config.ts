/**
 * Wall-screen settings from the URL, so a kiosk is set up with a link:
 * `/screen?pages=overview,chains,projects&interval=30&refresh=60`.
 */
export const SCREEN_PAGES = ['overview', 'chains', 'regions', 'projects', 'supervision'] as const;
export type ScreenPageId = (typeof SCREEN_PAGES)[number];

export const SCREEN_PAGE_TITLES: Record<ScreenPageId, string> = {
  overview: '总览',
  chains: '产业链',
  regions: '乡镇园区',
  projects: '重点项目',
  supervision: '督办',
};

export interface ScreenConfig {
  pages: ScreenPageId[];
  /** Seconds each page stays before the next (rotation only with two or more pages). */
  intervalSec: number;
  /** Seconds between data refreshes. */
  refreshSec: number;
}

export const SCREEN_DEFAULTS: ScreenConfig = { pages: [...SCREEN_PAGES], intervalSec: 45, refreshSec: 60 };

type Params = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function seconds(value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(max, Math.max(min, Math.round(n)));
}

/** Unknown page names are ignored; an empty list falls back to every page. */
export function parseScreenConfig(params: Params): ScreenConfig {
  const names = (first(params.pages) ?? '')
    .split(/[,，\s]+/)
    .map((s) => s.trim().toLowerCase())
    .filter((s): s is ScreenPageId => (SCREEN_PAGES as readonly string[]).includes(s));
  const pages = [...new Set(names)];
  return {
    pages: pages.length > 0 ? pages : [...SCREEN_DEFAULTS.pages],
    intervalSec: seconds(first(params.interval), SCREEN_DEFAULTS.intervalSec, 5, 3600),
    refreshSec: seconds(first(params.refresh), SCREEN_DEFAULTS.refreshSec, 2, 3600),
  };
}
