import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Period } from '../domain/types.js';
import {
  PeriodError,
  addMonths,
  comparePeriods,
  formatPeriod,
  isPeriod,
  lastCompleteMonth,
  parsePeriod,
  periodRange,
  quarterOf,
} from './periods.js';

describe('periods are strict calendar months', () => {
  it('parses and formats YYYY-MM', () => {
    expect(parsePeriod('2025-06')).toEqual({ year: 2025, month: 6 });
    expect(formatPeriod(2025, 6)).toBe('2025-06');
    expect(formatPeriod(2021, 12)).toBe('2021-12');
  });

  it.each(['2025-13', '2025-00', '2025-6', '25-06', '2025/06', '2025-06-01', ' 2025-06', '0999-01', ''])(
    'rejects %j',
    (bad) => {
      expect(isPeriod(bad)).toBe(false);
      expect(() => parsePeriod(bad)).toThrow(PeriodError);
    },
  );

  it('rejects non-strings and out-of-range parts', () => {
    expect(isPeriod(202506)).toBe(false);
    expect(isPeriod(null)).toBe(false);
    expect(() => formatPeriod(2025, 13)).toThrow(PeriodError);
    expect(() => formatPeriod(2025.5, 1)).toThrow(PeriodError);
    expect(() => addMonths('2025-01', 0.5)).toThrow(PeriodError);
  });

  it('adds months across year ends', () => {
    expect(addMonths('2025-11', 3)).toBe('2026-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(addMonths('2025-01', -25)).toBe('2022-12');
  });

  it('orders and enumerates months', () => {
    const periods: Period[] = ['2025-02', '2024-12', '2025-01'];
    expect([...periods].sort(comparePeriods)).toEqual(['2024-12', '2025-01', '2025-02']);
    expect(periodRange('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(periodRange('2025-03', '2025-02')).toEqual([]);
  });

  it('addMonths and comparePeriods agree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: -500, max: 500 }), (y, m, n) => {
        const p = formatPeriod(y, m);
        expect(comparePeriods(addMonths(p, n), p)).toBe(n);
        expect(addMonths(addMonths(p, n), -n)).toBe(p);
      }),
    );
  });
});

describe('the last complete month is read on the district calendar (UTC+8)', () => {
  it('is the month before the current one', () => {
    expect(lastCompleteMonth(new Date('2025-07-15T12:00:00+08:00'))).toBe('2025-06');
    expect(lastCompleteMonth(new Date('2025-01-10T00:00:00+08:00'))).toBe('2024-12');
  });

  it('turns over at midnight in 长治, not in UTC', () => {
    expect(lastCompleteMonth(new Date('2025-07-01T00:30:00+08:00'))).toBe('2025-06');
    expect(lastCompleteMonth(new Date('2025-06-30T23:30:00+08:00'))).toBe('2025-05');
    expect(lastCompleteMonth(new Date('2025-07-01T00:30:00+08:00'), 0)).toBe('2025-05');
  });

  it('rejects an invalid date', () => {
    expect(() => lastCompleteMonth(new Date('nonsense'))).toThrow(PeriodError);
  });
});

describe('quarters', () => {
  it('maps months to quarters', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(quarterOf)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]);
    expect(() => quarterOf(0)).toThrow(PeriodError);
  });
});
