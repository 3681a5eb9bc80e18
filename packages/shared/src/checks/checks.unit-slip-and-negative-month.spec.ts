import { describe, expect, it } from 'vitest';
import { DEFAULT_CHECK_RULES, resolveCheckRules } from './check-rules.js';
import { checkFigures, type CheckedIndicator, type StoredFigure } from './check-figures.js';
import { coalHistory, coalOutput, context, XIHUO } from './checks.fixtures.test.js';

const september = { indicator: 'coal_output', region: XIHUO, period: '2026-09' as const, basis: 'month' as const };

describe('a figure typed in the wrong unit', () => {
  it('874,100 for 87.41 万吨: ≈10⁴ × the usual value, 疑似以吨填报', () => {
    const [check] = checkFigures([{ ...september, value: '874100' }], context(coalHistory()));
    const magnitude = check!.hits.find((h) => h.rule === 'magnitude')!;
    expect(magnitude.level).toBe('soft');
    expect(magnitude.message).toMatch(/^874100万吨约为常见值（近期中位数[\d.]+万吨）的[\d.]+倍，疑似以吨填报（应以万吨填报）$/);
    expect(check!.hits[0]!.rule).toBe('magnitude');
  });

  it('an 亿元 figure typed in 万元 names 万元; one typed in 亿吨 for 万吨 names 亿吨; an unnamed scale says so', () => {
    const revenue: CheckedIndicator = { ...coalOutput(), code: 'pv_sales_revenue', unit: '亿元', regionCodes: [] };
    const stored: StoredFigure[] = ['2026-06', '2026-07', '2026-08'].map((period) => ({ indicator: 'pv_sales_revenue', region: '140404', period: period as `${number}-${number}`, basis: 'month', value: '2.2', spanStart: null, status: 'approved' }));
    const [typedInWan] = checkFigures([{ indicator: 'pv_sales_revenue', region: '140404', period: '2026-09', basis: 'month', value: '22000' }], context(stored, revenue));
    expect(typedInWan!.hits.find((h) => h.rule === 'magnitude')!.message).toContain('疑似以万元填报（应以亿元填报）');
    const [tiny] = checkFigures([{ ...september, value: '0.0087' }], context(coalHistory()));
    expect(tiny!.hits.find((h) => h.rule === 'magnitude')!.message).toMatch(/分之一，疑似以亿吨填报（应以万吨填报）$/);
    const [thousand] = checkFigures([{ ...september, value: '87410' }], context(coalHistory()));
    expect(thousand!.hits.find((h) => h.rule === 'magnitude')!.message).toBe('87410万吨约为常见值（近期中位数87.41万吨）的1000倍，疑似单位或数量级有误');
  });

  it('the plan can switch a rule off or make it hard', () => {
    const strict = coalOutput(resolveCheckRules(DEFAULT_CHECK_RULES, { magnitude: { level: 'hard' }, yearOnYear: false, regionShare: false }));
    const [check] = checkFigures([{ ...september, value: '874100' }], context(coalHistory(), strict));
    expect(check!.refused).toBe(true);
    expect(check!.hits.map((h) => [h.rule, h.level])).toEqual([
      ['magnitude', 'hard'],
      ['month_on_month', 'soft'],
    ]);
  });
});

describe('a cumulative figure that makes the month negative', () => {
  const sales: CheckedIndicator = { ...coalOutput(), code: 'coal_sales', regionCodes: [], janFebCombined: false };
  const august: StoredFigure = { indicator: 'coal_sales', region: '140404', period: '2026-08', basis: 'ytd', value: '2400', spanStart: null, status: 'approved' };
  const sep = (value: string) => checkFigures([{ indicator: 'coal_sales', region: '140404', period: '2026-09', basis: 'ytd', value }], context([august], sales))[0]!;

  it('is refused (强制性审核) when below the stored figure of the month before', () => {
    expect(sep('2300')).toMatchObject({ refused: true, hits: [{ rule: 'negative_month', level: 'hard', comparedPeriod: '2026-08', comparedValue: '2400', message: '累计值2300小于上月累计2400（已入库数据），本期当月值将为负数' }] });
    expect(sep('2400').refused).toBe(false);
  });

  it('is not compared month on month (a year-to-date flow grows by construction)', () => {
    expect(sep('4000').hits).toEqual([]);
    expect(sep('4000').comparisons).toMatchObject({ previous: { period: '2026-08', value: '2400' }, monthOnMonthPct: null });
  });

  it('January starts a new year: December is not compared', () => {
    const december: StoredFigure = { ...august, period: '2025-12', value: '30000' };
    expect(checkFigures([{ indicator: 'coal_sales', region: '140404', period: '2026-01', basis: 'ytd', value: '2500' }], context([december], sales))[0]!.refused).toBe(false);
  });
});
