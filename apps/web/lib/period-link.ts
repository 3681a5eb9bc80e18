/**
 * Carrying the chosen 监测期 along the drill-down links (总览 → 产业链 / 乡镇园区 → 指标), so a
 * page opened for March keeps showing March. Pure: used by server pages and client charts alike.
 */
import type { Period } from '@planwatch/shared';

/**
 * `href` with the period as the query parameter `key`: `period` for the overview, chain and
 * region pages, `to` for the indicator page (the end of the range it shows). Without a period
 * the link is returned unchanged (the pages then load the latest month). Other query
 * parameters and a `#hash` are kept; an existing `key` is replaced.
 */
export function withPeriod(href: string, period: Period | null | undefined, key: 'period' | 'to' = 'period'): string {
  if (!period) return href;
  const hashAt = href.indexOf('#');
  const hash = hashAt >= 0 ? href.slice(hashAt) : '';
  const rest = hashAt >= 0 ? href.slice(0, hashAt) : href;
  const queryAt = rest.indexOf('?');
  const path = queryAt >= 0 ? rest.slice(0, queryAt) : rest;
  const params = new URLSearchParams(queryAt >= 0 ? rest.slice(queryAt + 1) : '');
  params.set(key, period);
  return `${path}?${params.toString()}${hash}`;
}

/** A link to an indicator's page (optionally one region's figures) as of the chosen period. */
export function indicatorHref(code: string, { region, period }: { region?: string; period?: Period | null } = {}): string {
  return withPeriod(`/indicators/${code}${region ? `?region=${region}` : ''}`, period, 'to');
}
