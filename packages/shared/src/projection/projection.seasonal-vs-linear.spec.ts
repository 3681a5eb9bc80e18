import { describe, expect, it } from 'vitest';
import { projectYearEnd } from './projection.js';

describe('year-end projection of a flow', () => {
  it('uses last year’s seasonal share when last year is complete', () => {
    // last year: 800 of 3200 by March (25 %) → 900 now projects 3600
    expect(projectYearEnd({ ytd: '900', month: 3, lastYearYtdAtMonth: '800', lastYearTotal: '3200' })).toEqual({
      value: '3600',
      method: 'seasonal',
    });
  });

  it('falls back to a straight line ×12/m without a complete last year', () => {
    expect(projectYearEnd({ ytd: '1580', month: 6 })).toEqual({ value: '3160', method: 'linear' });
    expect(projectYearEnd({ ytd: '1580', month: 6, lastYearYtdAtMonth: '1500', lastYearTotal: null })).toEqual({
      value: '3160',
      method: 'linear',
    });
    expect(projectYearEnd({ ytd: '100', month: 7 }).value).toBe('171.42857142857142857');
  });

  it('falls back when last year gave nothing by this month (no share to scale by)', () => {
    expect(projectYearEnd({ ytd: '50', month: 2, lastYearYtdAtMonth: '0', lastYearTotal: '1200' }).method).toBe('linear');
  });

  it('projects December as the year itself', () => {
    expect(projectYearEnd({ ytd: '3310', month: 12, lastYearYtdAtMonth: '3250', lastYearTotal: '3250' }).value).toBe('3310');
    expect(projectYearEnd({ ytd: '3310', month: 12 }).value).toBe('3310');
  });

  it('rejects a month outside 1–12', () => {
    expect(() => projectYearEnd({ ytd: '1', month: 0 })).toThrow(RangeError);
  });
});
