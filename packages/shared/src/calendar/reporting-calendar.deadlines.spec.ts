import { describe, expect, it } from 'vitest';
import { isLate, latestDuePeriod, reportingDeadline } from './reporting-calendar.js';

// 2026-11-10 23:30 and 2026-11-11 00:30 in China (UTC+8).
const tenthLate = new Date('2026-11-10T15:30:00Z');
const eleventh = new Date('2026-11-10T16:30:00Z');

describe('reporting calendar', () => {
  it('makes October due once day 10 of November is over, in China time', () => {
    expect(latestDuePeriod('monthly', tenthLate)).toBe('2026-09');
    expect(latestDuePeriod('monthly', eleventh)).toBe('2026-10');
  });

  it('respects a per-indicator deadline day', () => {
    expect(latestDuePeriod('monthly', eleventh, 20)).toBe('2026-09');
  });

  it('gives quarter ends for quarterly and December for annual indicators', () => {
    expect(latestDuePeriod('quarterly', eleventh)).toBe('2026-09');
    expect(latestDuePeriod('quarterly', new Date('2026-02-20T00:00:00Z'))).toBe('2025-12');
    expect(latestDuePeriod('annual', eleventh)).toBe('2025-12');
    expect(latestDuePeriod('annual', new Date('2027-01-20T00:00:00Z'))).toBe('2026-12');
  });

  it('calls a department late only after the deadline', () => {
    expect(isLate('2026-09', 'monthly', tenthLate)).toBe(false);
    expect(isLate('2026-09', 'monthly', eleventh)).toBe(true);
    expect(isLate(null, 'monthly', eleventh)).toBe(true);
    expect(reportingDeadline('2026-10')).toBe('2026-11-10');
  });
});

describe('reporting calendar, January and February published together (1–2月)', () => {
  const combined = { janFebCombined: true };
  const feb20 = new Date('2026-02-20T09:00:00+08:00');
  const mar10Late = new Date('2026-03-10T23:30:00+08:00');
  const mar11 = new Date('2026-03-11T09:00:00+08:00');

  it('never makes January due: December stays due until February is, by day N of March', () => {
    expect(latestDuePeriod('monthly', feb20, 10, combined)).toBe('2025-12');
    expect(latestDuePeriod('monthly', mar10Late, 10, combined)).toBe('2025-12');
    expect(latestDuePeriod('monthly', mar11, 10, combined)).toBe('2026-02');
    expect(latestDuePeriod('monthly', new Date('2026-01-20T09:00:00+08:00'), 10, combined)).toBe('2025-12');
    expect(latestDuePeriod('monthly', new Date('2026-04-11T09:00:00+08:00'), 10, combined)).toBe('2026-03');
  });

  it('is not late in February with December approved, and late from 11 March without February', () => {
    expect(isLate('2025-12', 'monthly', feb20, 10, combined)).toBe(false);
    expect(isLate('2025-12', 'monthly', mar10Late, 10, combined)).toBe(false);
    expect(isLate('2025-12', 'monthly', mar11, 10, combined)).toBe(true);
    expect(isLate('2026-02', 'monthly', mar11, 10, combined)).toBe(false);
    expect(isLate('2025-11', 'monthly', feb20, 10, combined)).toBe(true);
  });

  it("gives January the combined figure's deadline", () => {
    expect(reportingDeadline('2026-01', 10, combined)).toBe('2026-03-10');
    expect(reportingDeadline('2026-02', 10, combined)).toBe('2026-03-10');
    expect(reportingDeadline('2026-01', 10)).toBe('2026-02-10');
  });

  it('leaves indicators without the flag, quarterly and annual ones as they were', () => {
    expect(isLate('2025-12', 'monthly', feb20, 10)).toBe(true);
    expect(latestDuePeriod('monthly', feb20, 10)).toBe('2026-01');
    expect(latestDuePeriod('monthly', feb20, 10, { janFebCombined: false })).toBe('2026-01');
    expect(latestDuePeriod('quarterly', feb20, 10, combined)).toBe(latestDuePeriod('quarterly', feb20, 10));
    expect(latestDuePeriod('annual', feb20, 10, combined)).toBe(latestDuePeriod('annual', feb20, 10));
  });
});
