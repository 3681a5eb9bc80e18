import { reportingDeadline } from '../calendar/reporting-calendar.js';
import type { Period } from '../domain/types.js';
import { fnv1a } from './rng.js';

const DAY_MS = 86_400_000;

/**
 * When a sample figure was approved: between five days before and two days after its reporting
 * deadline (most on time, about one in four late, the same on every setup), at 10:00 China
 * time, and never after `now`. Stamped with the setup's clock instead, every sample figure would
 * read as approved weeks late in the 红黑榜's 报送及时率.
 */
export function sampleApprovedAt(figure: { indicator: string; region: string; period: Period }, janFebCombined: boolean, now: Date): Date {
  const deadline = reportingDeadline(figure.period, undefined, { janFebCombined });
  const offsetDays = (fnv1a(`${figure.indicator}|${figure.region}|${figure.period}`) % 8) - 5;
  const at = new Date(`${deadline}T10:00:00+08:00`).getTime() + offsetDays * DAY_MS;
  return new Date(Math.min(at, now.getTime()));
}
