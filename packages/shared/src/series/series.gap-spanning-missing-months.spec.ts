import { describe, expect, it } from 'vitest';
import { buildFlowYear } from './flow-year.js';

describe('a month that was never reported is spanned, never invented', () => {
  it('YTD April with March missing gives one March–April segment', () => {
    const year = buildFlowYear(2025, [
      { period: '2025-02', basis: 'ytd', value: '100' },
      { period: '2025-04', basis: 'ytd', value: '400' },
    ]);
    expect(year.segments).toEqual([
      { from: '2025-01', to: '2025-02', value: '100', derived: false },
      { from: '2025-03', to: '2025-04', value: '300', derived: true },
    ]);
    expect(year.ytd.map((m) => m.value)).toEqual([null, '100', null, '400', null, null, null, null, null, null, null, null]);
  });

  it('monthly figures with a hole keep their months but lose the YTD after the hole', () => {
    const year = buildFlowYear(2025, [
      { period: '2025-01', basis: 'month', value: '10' },
      { period: '2025-03', basis: 'month', value: '30' },
    ]);
    expect(year.segments).toEqual([
      { from: '2025-01', to: '2025-01', value: '10', derived: false },
      { from: '2025-03', to: '2025-03', value: '30', derived: false },
    ]);
    expect(year.ytd.map((m) => m.value).slice(0, 3)).toEqual(['10', null, null]);
  });

  it('a YTD and the same month’s 当月 together reveal the YTD before it', () => {
    const year = buildFlowYear(2025, [
      { period: '2025-03', basis: 'ytd', value: '150' },
      { period: '2025-03', basis: 'month', value: '60' },
    ]);
    expect(year.ytd.map((m) => m.value).slice(0, 3)).toEqual([null, '90', '150']);
    expect(year.segments).toEqual([
      { from: '2025-01', to: '2025-02', value: '90', derived: true },
      { from: '2025-03', to: '2025-03', value: '60', derived: false },
    ]);
  });

  it('overlapping odd spans give way to the view covering most months', () => {
    const year = buildFlowYear(2025, [
      { period: '2025-03', basis: 'ytd', value: '150' },
      { period: '2025-06', spanStart: '2025-03', basis: 'month', value: '200' },
    ]);
    expect(year.segments).toEqual([{ from: '2025-03', to: '2025-06', value: '200', derived: false }]);
    expect(year.ytd[2]?.value).toBe('150');
    expect(year.ytd[5]?.value).toBeNull();
  });

  it('has nothing to say about a year without figures', () => {
    const year = buildFlowYear(2025, [{ period: '2024-12', basis: 'ytd', value: '1000' }]);
    expect(year.segments).toEqual([]);
    expect(year.ytd.every((m) => m.value === null)).toBe(true);
  });
});
