import { describe, expect, it } from 'vitest';
import { checkDataWindow, checkFigures } from './check-figures.js';
import { coalHistory, context, XIHUO } from './checks.fixtures.test.js';

const september = { indicator: 'coal_output', region: XIHUO, period: '2026-09' as const, basis: 'month' as const };

describe('西火镇 reports 798 万吨 for September after 87.41 in August', () => {
  it('hits month on month, year on year and the town share, soft: submittable only with a 说明', () => {
    const [check] = checkFigures([{ ...september, value: '798' }], context(coalHistory()));
    expect(check!.refused).toBe(false);
    expect(check!.needsExplanation).toBe(true);
    expect(check!.hits.map((h) => [h.rule, h.level])).toEqual([
      ['month_on_month', 'soft'],
      ['year_on_year', 'soft'],
      ['region_share', 'soft'],
    ]);
    expect(check!.hits[0]).toMatchObject({ comparedPeriod: '2026-08', comparedValue: '87.41', changePct: 812.9 });
    expect(check!.hits[0]!.message).toBe('较上月（2026-08：87.41）增长812.9%，超出±50%的核实范围');
    expect(check!.hits[2]!.message).toMatch(/^占全区比重\d+(\.\d)?%，超出近期通常范围\d+(\.\d)?%–\d+(\.\d)?%（±10个百分点）；未报地区按上年同期或最近一期估算$/);
  });

  it('gives the reviewer 上月, 上年同期, 环比, 同比 and the share beside its usual range', () => {
    const [check] = checkFigures([{ ...september, value: '798' }], context(coalHistory()));
    expect(check!.comparisons).toMatchObject({
      previous: { period: '2026-08', value: '87.41', label: '上月' },
      lastYear: { period: '2025-09' },
      monthOnMonthPct: 812.9,
    });
    const share = check!.comparisons.share!;
    expect(share.estimated).toBe(true);
    expect(share.pct).toBeGreaterThan(70);
    expect(share.usualMinPct).toBeGreaterThan(25);
    expect(share.usualMaxPct).toBeLessThan(32);
  });

  it('a 说明 of a few characters lets it through; blanks, punctuation or two characters do not', () => {
    const withNote = (note: string) => checkFigures([{ ...september, value: '798', note }], context(coalHistory()))[0]!.needsExplanation;
    expect(withNote('新矿井9月投产，已核实')).toBe(false);
    expect(withNote('核实无误')).toBe(false);
    expect(withNote('ok')).toBe(true);
    expect(withNote('。。。  ，，')).toBe(true);
    expect(withNote('')).toBe(true);
  });

  it('87.5 after 87.41 hits nothing', () => {
    const [check] = checkFigures([{ ...september, value: '87.5' }], context(coalHistory()));
    expect(check!.hits).toEqual([]);
    expect(check!.needsExplanation).toBe(false);
  });

  it('asks for thirteen months of the indicators checked', () => {
    expect(checkDataWindow([{ ...september, value: '1' }])).toEqual({ indicatorCodes: ['coal_output'], from: '2025-08', to: '2026-09' });
    expect(checkDataWindow([])).toBeNull();
  });
});
