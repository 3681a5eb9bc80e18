/** Reading page search parameters (server components). */
import { isPeriod, lastCompleteMonth, type Period } from '@planwatch/shared';

export type SearchParams = Record<string, string | string[] | undefined>;

export const one = (v: string | string[] | undefined): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

export function periodParam(v: string | string[] | undefined): Period | undefined {
  const s = one(v);
  return s && isPeriod(s) ? s : undefined;
}

/** The month a department reports now: the last complete month in China time. */
export function reportingPeriod(now = new Date()): Period {
  return lastCompleteMonth(now);
}

/** The current path with its query, for coming back after signing in. */
export function pathWith(path: string, q: SearchParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (typeof value === 'string') params.set(key, value);
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
