import { describe, expect, it } from 'vitest';
import { isReportingMonth, previousReportingPeriod, reportingScope, type ScopeIndicator } from './reporting-scope.js';

const DISTRICT = '140404';
const XIHUO = '140404103';
const towns = ['140404201', '140404104', XIHUO, '140404107'];

const indicators: ScopeIndicator[] = [
  { code: 'coal_output', departmentCode: 'energy', regionCodes: towns, frequency: 'monthly', districtReported: false, janFebCombined: true },
  { code: 'coal_sales', departmentCode: 'energy', regionCodes: [], frequency: 'monthly', districtReported: true, janFebCombined: false },
  { code: 'coal_capacity', departmentCode: 'energy', regionCodes: towns, frequency: 'quarterly', districtReported: false, janFebCombined: false },
  { code: 'green_mines', departmentCode: 'energy', regionCodes: [], frequency: 'annual', districtReported: true, janFebCombined: false },
  { code: 'gangue_utilized', departmentCode: 'industry', regionCodes: ['140404106', XIHUO], frequency: 'monthly', districtReported: false, janFebCombined: false },
];
const keys = (items: ReturnType<typeof reportingScope>) => items.map((i) => `${i.indicator.code}@${i.regionCode}`);

describe('reporting scope', () => {
  it('gives a bureau its district figures and the towns its indicators list, by frequency', () => {
    const energy = { code: 'energy', kind: 'bureau' as const, regionCode: DISTRICT };
    expect(keys(reportingScope(energy, indicators, DISTRICT, '2026-10'))).toEqual([...towns.map((t) => `coal_output@${t}`), 'coal_sales@140404']);
    expect(keys(reportingScope(energy, indicators, DISTRICT, '2026-09'))).toContain('coal_capacity@140404103');
    expect(keys(reportingScope(energy, indicators, DISTRICT, '2026-12'))).toContain('green_mines@140404');
    expect(keys(reportingScope(energy, indicators, DISTRICT, '2026-01'))).toEqual(['coal_sales@140404']);
  });

  it('gives a town only its own region, across the departments whose indicators list it', () => {
    const xihuo = { code: 'town_xihuo', kind: 'town' as const, regionCode: XIHUO };
    expect(keys(reportingScope(xihuo, indicators, DISTRICT, '2026-10'))).toEqual(['coal_output@140404103', 'gangue_utilized@140404103']);
    expect(keys(reportingScope(xihuo, indicators, DISTRICT))).toEqual(['coal_output@140404103', 'coal_capacity@140404103', 'gangue_utilized@140404103']);
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
