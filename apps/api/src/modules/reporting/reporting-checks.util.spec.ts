import { describe, expect, it } from 'vitest';
import { jumpWarnings, toCsv } from './reporting-checks.util.js';

describe('jump warnings', () => {
  const month = { basis: 'month' as const, kind: 'flow' as const, frequency: 'monthly' as const };

  it('warns when a month jumps more than 50 % over last month', () => {
    const warnings = jumpWarnings({ ...month, value: '150', previous: { period: '2026-09', value: '90' } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ kind: 'month_on_month', comparedPeriod: '2026-09', changePct: 66.7 });
    expect(warnings[0]!.message).toContain('较上月（2026-09：90）增长66.7%');
  });

  it('stays quiet within the thresholds and warns on a fall of more than 80 % year on year', () => {
    expect(jumpWarnings({ ...month, value: '130', previous: { period: '2026-09', value: '90' }, lastYear: { period: '2025-10', value: '100' } })).toEqual([]);
    const [warning] = jumpWarnings({ ...month, value: '10', lastYear: { period: '2025-10', value: '100' } });
    expect(warning).toMatchObject({ kind: 'year_on_year', changePct: -90 });
    expect(warning!.message).toContain('下降90%');
  });

  it('compares a year-to-date flow with last year only, and flags a jump from zero', () => {
    const ytd = { basis: 'ytd' as const, kind: 'flow' as const, frequency: 'monthly' as const };
    expect(jumpWarnings({ ...ytd, value: '200', previous: { period: '2026-09', value: '100' } })).toEqual([]);
    expect(jumpWarnings({ ...month, value: '5', previous: { period: '2026-09', value: '0' } })[0]).toMatchObject({ changePct: null });
  });

  it('never compares a 1–2月 span with last month', () => {
    expect(jumpWarnings({ ...month, value: '500', spanStart: '2026-01', previous: { period: '2026-01', value: '100' } })).toEqual([]);
  });

  it('compares March with the monthly average of a 1–2月 figure, and says so', () => {
    const janFeb = { period: '2026-02' as const, value: '200', spanStart: '2026-01' as const };
    // 90 is 90% of the 1–2月 monthly average (100): no warning, though it is 55% below the two-month total.
    expect(jumpWarnings({ ...month, value: '90', previous: janFeb })).toEqual([]);
    // 160 is 60% above the average (but below the total): a real jump is flagged.
    const [jump] = jumpWarnings({ ...month, value: '160', previous: janFeb });
    expect(jump).toMatchObject({ kind: 'month_on_month', comparedPeriod: '2026-02', comparedValue: '100', changePct: 60 });
    expect(jump!.message).toBe('较1-2月月均（2026年1-2月合计200，月均100）增长60%，超过50%的提示阈值，请核实');
    // A fall against the average is worded the same way; an uneven average keeps four places.
    const [fall] = jumpWarnings({ ...month, value: '10', previous: { period: '2026-02', value: '100', spanStart: '2026-01' } });
    expect(fall).toMatchObject({ comparedValue: '50', changePct: -80 });
    expect(fall!.message).toContain('较1-2月月均（2026年1-2月合计100，月均50）下降80%');
    expect(jumpWarnings({ ...month, value: '1', previous: { period: '2026-03', value: '100', spanStart: '2026-01' } })[0]).toMatchObject({ comparedValue: '33.3333' });
    expect(jumpWarnings({ ...month, value: '5', previous: { ...janFeb, value: '0' } })[0]!.message).toBe('1-2月月均（2026年1-2月）为0，本期为5，请核实');
  });

  it('compares a stock or ratio with a 1–2月 figure as it is, naming the span', () => {
    const stock = { basis: 'month' as const, kind: 'stock' as const, frequency: 'monthly' as const };
    expect(jumpWarnings({ ...stock, value: '190', previous: { period: '2026-02', value: '200', spanStart: '2026-01' } })).toEqual([]);
    const [jump] = jumpWarnings({ ...stock, value: '90', previous: { period: '2026-02', value: '200', spanStart: '2026-01' } });
    expect(jump).toMatchObject({ comparedValue: '200', changePct: -55 });
    expect(jump!.message).toContain('较1-2月（2026年1-2月：200）下降55%');
  });

  it('keeps comparing a month with a single previous month or a quarter with the last quarter', () => {
    expect(jumpWarnings({ ...month, value: '90', previous: { period: '2026-02', value: '200', spanStart: null } })[0]!.message).toContain('较上月（2026-02：200）下降55%');
    const quarter = { basis: 'month' as const, kind: 'flow' as const, frequency: 'quarterly' as const };
    const [q] = jumpWarnings({ ...quarter, value: '90', previous: { period: '2026-06', value: '300', spanStart: '2026-04' } });
    expect(q!.message).toContain('较上季度（2026-06：300）下降70%');
  });
});

describe('spreadsheet cell escaping', () => {
  it('writes CSV with a BOM, quotes and escaped cells', () => {
    const csv = toCsv([['a', 'b,c'], ['=HYPERLINK("x")', '1']]).toString('utf8');
    expect(csv).toBe('\uFEFFa,"b,c"\r\n"\'=HYPERLINK(""x"")",1\r\n');
  });
});
