import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatPeriod } from '../periods/periods.js';
import { sumAcrossRegions } from './aggregate.js';
import { buildFlowYear, type FlowPoint } from './flow-year.js';

/** Twelve exact monthly values with up to four decimals, some negative (revisions happen). */
const monthlyValues = fc.array(
  fc.integer({ min: -1_000_000, max: 100_000_000 }).map((n) => (n / 10_000).toFixed(4)),
  { minLength: 12, maxLength: 12 },
);

const asMonthPoints = (values: string[]): FlowPoint[] =>
  values.map((value, i) => ({ period: formatPeriod(2025, i + 1), basis: 'month', value }));

describe('monthly → YTD → monthly round trip', () => {
  it('monthly figures accumulate to YTDs that give the same monthly figures back', () => {
    fc.assert(
      fc.property(monthlyValues, (values) => {
        const fromMonths = buildFlowYear(2025, asMonthPoints(values));
        const ytdPoints: FlowPoint[] = fromMonths.ytd.map((m) => ({ period: m.period, basis: 'ytd', value: m.value ?? 'missing' }));
        const fromYtd = buildFlowYear(2025, ytdPoints);
        expect(fromYtd.segments.map((s) => s.value)).toEqual(fromMonths.segments.map((s) => s.value));
        expect(fromYtd.segments.map((s) => s.value)).toEqual(values.map((v) => sumAcrossRegions([v])));
        expect(fromYtd.ytd.map((m) => m.value)).toEqual(fromMonths.ytd.map((m) => m.value));
      }),
    );
  });

  it('any subset of YTDs gives segments that end only at reported months and sum exactly', () => {
    fc.assert(
      fc.property(monthlyValues, fc.subarray([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { minLength: 1 }), (values, reported) => {
        const ytdAt = (month: number) => sumAcrossRegions(values.slice(0, month));
        const year = buildFlowYear(
          2025,
          reported.map((month) => ({ period: formatPeriod(2025, month), basis: 'ytd', value: ytdAt(month) })),
        );
        expect(year.segments.map((s) => Number(s.to.slice(5)))).toEqual(reported);
        for (const segment of year.segments) {
          const from = Number(segment.from.slice(5));
          const to = Number(segment.to.slice(5));
          expect(segment.value).toBe(sumAcrossRegions(values.slice(from - 1, to)));
        }
        year.ytd.forEach((m, i) => expect(m.value).toBe(reported.includes(i + 1) ? ytdAt(i + 1) : null));
      }),
    );
  });
});
