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
