import { describe, expect, it } from 'vitest';
import { InvalidDecimalError } from '../units/decimal.js';
import { SeriesError, buildFlowYear } from './flow-year.js';

describe('累计 and 当月 that disagree', () => {
  it('keeps the YTD figures and lists the contradicting month with the implied value', () => {
    const month = { period: '2025-03', basis: 'month', value: '60' } as const;
    const year = buildFlowYear(2025, [
      { period: '2025-02', basis: 'ytd', value: '100' },
      month,
      { period: '2025-03', basis: 'ytd', value: '150' },
    ]);
    expect(year.conflicts).toEqual([{ point: month, impliedValue: '50' }]);
    expect(year.segments).toContainEqual({ from: '2025-03', to: '2025-03', value: '50', derived: true });
    expect(year.ytd[2]).toEqual({ period: '2025-03', value: '150', derived: false });
  });

  it('keeps the first of two different YTDs for one month', () => {
    const second = { period: '2025-06', basis: 'ytd', value: '1600' } as const;
    const year = buildFlowYear(2025, [{ period: '2025-06', basis: 'ytd', value: '1580' }, second]);
    expect(year.ytd[5]?.value).toBe('1580');
    expect(year.conflicts).toEqual([{ point: second, impliedValue: '1580' }]);
  });

  it('accepts the same figure twice, written differently', () => {
    const year = buildFlowYear(2025, [
      { period: '2025-06', basis: 'ytd', value: '1580' },
      { period: '2025-06', basis: 'ytd', value: '1580.00' },
    ]);
    expect(year.conflicts).toEqual([]);
  });

  it('rejects spans that cross the year, run backwards, or start a YTD after January', () => {
    expect(() =>
      buildFlowYear(2025, [{ period: '2025-01', spanStart: '2024-12', basis: 'month', value: '1' }]),
    ).toThrow(SeriesError);
    expect(() =>
      buildFlowYear(2025, [{ period: '2025-02', spanStart: '2025-03', basis: 'month', value: '1' }]),
    ).toThrow(SeriesError);
    expect(() =>
      buildFlowYear(2025, [{ period: '2025-04', spanStart: '2025-03', basis: 'ytd', value: '1' }]),
    ).toThrow(SeriesError);
    expect(buildFlowYear(2025, [{ period: '2025-02', spanStart: '2025-01', basis: 'ytd', value: '1' }]).ytd[1]?.value).toBe('1');
    expect(() => buildFlowYear(2025, [{ period: '2025-02', basis: 'ytd', value: '1,580' }])).toThrow(
      InvalidDecimalError,
    );
  });
});
