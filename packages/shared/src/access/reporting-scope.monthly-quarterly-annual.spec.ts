import { describe, expect, it } from 'vitest';
import { isReportingMonth, previousReportingPeriod, reportingScope, watchedFigures, type ScopeIndicator } from './reporting-scope.js';

const DISTRICT = '140404';
const XIHUO = '140404103';
const towns = ['140404201', '140404104', XIHUO, '140404107'];

const townOf = (region: string) => (region === XIHUO ? 'town_xihuo' : `town_${region}`);
const indicator = (code: string, departmentCode: string, regionCodes: string[], frequency: ScopeIndicator['frequency'], districtReported: boolean, janFebCombined = false): ScopeIndicator => ({
  code,
  departmentCode,
  regionCodes,
  frequency,
  janFebCombined,
  owners: [...(districtReported ? [DISTRICT] : []), ...regionCodes].map((region) => ({ region, reporter: region === DISTRICT ? departmentCode : townOf(region), reviewer: departmentCode })),
});
const indicators: ScopeIndicator[] = [
  indicator('coal_output', 'energy', towns, 'monthly', false, true),
  indicator('coal_sales', 'energy', [], 'monthly', true),
  indicator('coal_capacity', 'energy', towns, 'quarterly', false),
  indicator('green_mines', 'energy', [], 'annual', true),
  indicator('gangue_utilized', 'industry', ['140404106', XIHUO], 'monthly', false),
];
const keys = (items: ReturnType<typeof reportingScope>) => items.map((i) => `${i.indicator.code}@${i.regionCode}`);

describe('reporting scope', () => {
  it('gives a bureau the figures it is the 报送单位 of, by frequency, and the towns’ figures to watch', () => {
    const energy = { code: 'energy' };
    expect(keys(reportingScope(energy, indicators, '2026-10'))).toEqual(['coal_sales@140404']);
    expect(keys(reportingScope(energy, indicators, '2026-12'))).toEqual(['coal_sales@140404', 'green_mines@140404']);
    expect(keys(reportingScope(energy, indicators, '2026-01'))).toEqual(['coal_sales@140404']);
    expect(keys(watchedFigures(energy, indicators, '2026-10'))).toEqual(towns.map((t) => `coal_output@${t}`));
    expect(keys(watchedFigures(energy, indicators, '2026-09'))).toContain('coal_capacity@140404103');
    expect(keys(watchedFigures(energy, indicators, '2026-01'))).toEqual([]);
  });

  it('gives a town only its own region, across the departments whose indicators list it', () => {
    const xihuo = { code: 'town_xihuo' };
    expect(keys(reportingScope(xihuo, indicators, '2026-10'))).toEqual(['coal_output@140404103', 'gangue_utilized@140404103']);
    expect(keys(reportingScope(xihuo, indicators))).toEqual(['coal_output@140404103', 'coal_capacity@140404103', 'gangue_utilized@140404103']);
    expect(keys(watchedFigures(xihuo, indicators, '2026-10'))).toEqual([]);
  });

  it('knows reporting months and the previous period per frequency', () => {
    expect(isReportingMonth('monthly', '2026-01', true)).toBe(false);
    expect(isReportingMonth('monthly', '2026-02', true)).toBe(true);
    expect(isReportingMonth('quarterly', '2026-06')).toBe(true);
    expect(isReportingMonth('quarterly', '2026-07')).toBe(false);
    expect(isReportingMonth('annual', '2026-12')).toBe(true);
    expect(previousReportingPeriod('monthly', '2026-01')).toBe('2025-12');
    expect(previousReportingPeriod('quarterly', '2026-03')).toBe('2025-12');
    expect(previousReportingPeriod('annual', '2026-12')).toBe('2025-12');
  });
});
