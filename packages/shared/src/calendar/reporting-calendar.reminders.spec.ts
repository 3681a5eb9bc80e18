import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysUntil, reportingDeadline, workingDaysBefore } from './reporting-calendar.js';

describe('reminders before the deadline', () => {
  it('counts working days back from the deadline, skipping weekends', () => {
    // 2026-12-10 is a Thursday: three working days before is Monday 7 December.
    expect(workingDaysBefore(reportingDeadline('2026-11'), 3)).toBe('2026-12-07');
    // 2026-11-10 is a Tuesday: three working days before is Thursday 5 November.
    expect(workingDaysBefore('2026-11-10', 3)).toBe('2026-11-05');
    expect(workingDaysBefore('2026-11-10', 1)).toBe('2026-11-09');
  });

  it('says how many days are left, negative once overdue', () => {
    expect(daysUntil('2026-11-23', '2026-12-10')).toBe(17);
    expect(daysUntil('2026-12-10', '2026-12-10')).toBe(0);
    expect(daysUntil('2026-11-23', '2026-11-10')).toBe(-13);
  });

  it('always lands on a weekday, n working days and at most n + 2·⌈n/5⌉ calendar days before', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2035-12-31'), noInvalidDate: true }), fc.integer({ min: 1, max: 15 }), (date, n) => {
        const deadline = date.toISOString().slice(0, 10);
        const reminder = workingDaysBefore(deadline, n);
        const weekday = new Date(`${reminder}T00:00:00Z`).getUTCDay();
        expect(weekday).not.toBe(0);
        expect(weekday).not.toBe(6);
        const back = -daysUntil(deadline, reminder);
        expect(back).toBeGreaterThanOrEqual(n);
        expect(back).toBeLessThanOrEqual(n + 2 * Math.ceil(n / 5) + 2);
      }),
    );
  });
});
