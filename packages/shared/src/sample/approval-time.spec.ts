import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reportingDeadline } from '../calendar/reporting-calendar.js';
import { formatPeriod } from '../periods/periods.js';
import { sampleApprovedAt } from './approval-time.js';

const DAY_MS = 86_400_000;
const period = fc.record({ year: fc.integer({ min: 2021, max: 2035 }), month: fc.integer({ min: 1, max: 12 }) }).map(({ year, month }) => formatPeriod(year, month));
const figure = fc.record({ indicator: fc.constantFrom('coal_output', 'pv_glass_output', 'gdp'), region: fc.constantFrom('140404', '140404201'), period });

describe('sample approval times', () => {
  it('law: within five days before and two after the deadline, never after now, the same every time', () => {
    fc.assert(
      fc.property(figure, fc.boolean(), (f, janFeb) => {
        const far = new Date('2040-01-01T00:00:00Z');
        const at = sampleApprovedAt(f, janFeb, far);
        const deadline = new Date(`${reportingDeadline(f.period, undefined, { janFebCombined: janFeb })}T10:00:00+08:00`).getTime();
        expect(at.getTime()).toBeGreaterThanOrEqual(deadline - 5 * DAY_MS);
        expect(at.getTime()).toBeLessThanOrEqual(deadline + 2 * DAY_MS);
        expect(sampleApprovedAt(f, janFeb, far)).toEqual(at);
        const now = new Date(deadline - 10 * DAY_MS);
        expect(sampleApprovedAt(f, janFeb, now)).toEqual(now);
      }),
    );
  });

  it('has most figures on time and some late, as a real district does', () => {
    const far = new Date('2040-01-01T00:00:00Z');
    const figures = ['coal_output', 'pv_glass_output', 'nev_output', 'gdp'].flatMap((indicator) =>
      ['140404201', '140404103', '140404104'].flatMap((region) => Array.from({ length: 12 }, (_, m) => ({ indicator, region, period: formatPeriod(2026, m + 1) }))),
    );
    const late = figures.filter((f) => sampleApprovedAt(f, false, far).getTime() > new Date(`${reportingDeadline(f.period)}T23:59:59+08:00`).getTime()).length;
    expect(late / figures.length).toBeGreaterThan(0.1);
    expect(late / figures.length).toBeLessThan(0.4);
  });
});
