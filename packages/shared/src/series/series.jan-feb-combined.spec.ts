import { describe, expect, it } from 'vitest';
import { buildFlowYear } from './flow-year.js';

describe('January and February published together (1–2月)', () => {
  it('a February YTD with no January gives one Jan–Feb segment and no January value', () => {
    const year = buildFlowYear(2025, [
      { period: '2025-02', basis: 'ytd', value: '520' },
      { period: '2025-03', basis: 'ytd', value: '790' },
    ]);
    expect(year.ytd.slice(0, 3)).toEqual([
      { period: '2025-01', value: null, derived: true },
      { period: '2025-02', value: '520', derived: false },
      { period: '2025-03', value: '790', derived: false },
    ]);
    expect(year.segments).toEqual([
      { from: '2025-01', to: '2025-02', value: '520', derived: false },
      { from: '2025-03', to: '2025-03', value: '270', derived: true },
    ]);
    expect(year.conflicts).toEqual([]);
  });

  it('a 当月 figure spanning 1–2月 is kept as one segment and accumulates', () => {
    const year = buildFlowYear(2025, [
      { period: '2025-02', spanStart: '2025-01', basis: 'month', value: '520.5' },
      { period: '2025-03', basis: 'month', value: '270.25' },
    ]);
    expect(year.segments).toEqual([
      { from: '2025-01', to: '2025-02', value: '520.5', derived: false },
      { from: '2025-03', to: '2025-03', value: '270.25', derived: false },
    ]);
    expect(year.ytd.map((m) => m.value).slice(0, 4)).toEqual([null, '520.5', '790.75', null]);
    expect(year.ytd[2]?.derived).toBe(true);
  });

  it('a later separate January splits the combined figure without inventing anything', () => {
    const year = buildFlowYear(2025, [
      { period: '2025-02', basis: 'ytd', value: '520' },
      { period: '2025-01', basis: 'month', value: '250' },
    ]);
    expect(year.segments).toEqual([
      { from: '2025-01', to: '2025-01', value: '250', derived: false },
      { from: '2025-02', to: '2025-02', value: '270', derived: true },
    ]);
    expect(year.ytd[0]).toEqual({ period: '2025-01', value: '250', derived: true });
  });
});
