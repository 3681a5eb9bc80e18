import { describe, expect, it } from 'vitest';
import type { Period } from '../domain/types.js';
import { assessFreshness, lateTownsText, type FreshnessIndicator } from './freshness.js';

const NOW = new Date('2026-11-23T09:00:00+08:00'); // October is due by 10 November
const DISTRICT = '140404';
const TOWNS = ['140404101', '140404102', '140404103'];

const coal: FreshnessIndicator = {
  code: 'coal_output',
  name: '原煤产量',
  departmentCode: 'energy',
  departmentName: '能源局',
  frequency: 'monthly',
  deadlineDay: 10,
  janFebCombined: false,
  regionCodes: TOWNS,
};
const glass: FreshnessIndicator = { ...coal, code: 'pv_glass_output', name: '光伏玻璃产量', departmentCode: 'industry', departmentName: '工信局', regionCodes: [] };

function assess(indicators: FreshnessIndicator[], latest: Record<string, Record<string, Period>>, now = NOW) {
  const latestApproved = new Map(Object.entries(latest).map(([code, byRegion]) => [code, new Map(Object.entries(byRegion))]));
  return assessFreshness({ indicators, districtCode: DISTRICT, latestApproved, now });
}

describe('data freshness', () => {
  it('a district-level indicator is late when its latest approved month is behind the one due', () => {
    const { indicators, lateDepartments } = assess([glass], { pv_glass_output: { [DISTRICT]: '2026-09' } });
    expect(indicators[0]).toEqual({
      indicatorCode: 'pv_glass_output',
      indicatorName: '光伏玻璃产量',
      departmentCode: 'industry',
      latestApproved: '2026-09',
      completeThrough: '2026-09',
      late: true,
      lateRegions: [],
    });
    expect(lateDepartments).toEqual([{ code: 'industry', name: '工信局', indicators: ['pv_glass_output'], expectedPeriod: '2026-10' }]);
    expect(assess([glass], { pv_glass_output: { [DISTRICT]: '2026-10' } }).indicators[0]!.late).toBe(false);
  });

  it('a sum of towns is late while one town is missing, and names it', () => {
    const { indicators } = assess([coal], { coal_output: { '140404101': '2026-10', '140404102': '2026-10', '140404103': '2026-07' } });
    expect(indicators[0]).toMatchObject({
      latestApproved: '2026-10',
      completeThrough: '2026-07',
      late: true,
      lateRegions: [{ regionCode: '140404103', latestApproved: '2026-07', missingFrom: null }],
    });
    const noneYet = assess([coal], { coal_output: { '140404101': '2026-10', '140404102': '2026-10' } }).indicators[0]!;
    expect(noneYet.lateRegions).toEqual([{ regionCode: '140404103', latestApproved: null, missingFrom: null }]);
  });

  it('a town with a hole (a month missing before its latest report) holds the sum back from that month', () => {
    const latestApproved = new Map([['coal_output', new Map<string, Period>([['140404101', '2026-10'], ['140404102', '2026-10'], ['140404103', '2026-10']])]]);
    const firstMissing = new Map([['coal_output', new Map<string, Period>([['140404103', '2026-08']])]]);
    const { indicators } = assessFreshness({ indicators: [coal], districtCode: DISTRICT, latestApproved, firstMissing, now: NOW });
    expect(indicators[0]).toMatchObject({
      latestApproved: '2026-10',
      completeThrough: '2026-07',
      late: true,
      lateRegions: [{ regionCode: '140404103', latestApproved: '2026-10', missingFrom: '2026-08' }],
    });
    // Every town behind, one of them with a hole: all are named, the hole with its month.
    const behind = new Map([['coal_output', new Map<string, Period>([['140404101', '2026-09'], ['140404102', '2026-09'], ['140404103', '2026-10']])]]);
    const all = assessFreshness({ indicators: [coal], districtCode: DISTRICT, latestApproved: behind, firstMissing, now: NOW }).indicators[0]!;
    expect(all.lateRegions).toEqual([
      { regionCode: '140404101', latestApproved: '2026-09', missingFrom: null },
      { regionCode: '140404102', latestApproved: '2026-09', missingFrom: null },
      { regionCode: '140404103', latestApproved: '2026-10', missingFrom: '2026-08' },
    ]);
  });

  it("the district's own report makes the figure complete, whatever the towns", () => {
    const { indicators, lateDepartments } = assess([coal], { coal_output: { [DISTRICT]: '2026-10', '140404101': '2026-08' } });
    expect(indicators[0]).toMatchObject({ completeThrough: '2026-10', late: false, lateRegions: [] });
    expect(lateDepartments).toEqual([]);
  });

  it('nothing in from any town: late, without a list of every town', () => {
    const { indicators } = assess([coal], { coal_output: { '140404101': '2026-09', '140404102': '2026-09', '140404103': '2026-09' } });
    expect(indicators[0]).toMatchObject({ completeThrough: '2026-09', late: true, lateRegions: [] });
    expect(assess([coal], {}).indicators[0]).toMatchObject({ latestApproved: null, completeThrough: null, late: true, lateRegions: [] });
  });

  it('an indicator published for January and February together is not late in February for want of January', () => {
    const combined: FreshnessIndicator = { ...glass, janFebCombined: true };
    const december = { pv_glass_output: { [DISTRICT]: '2025-12' as Period } };
    const february20 = new Date('2026-02-20T09:00:00+08:00');
    expect(assess([combined], december, february20)).toMatchObject({ indicators: [{ late: false }], lateDepartments: [] });
    // Without the flag the same figures are late, January expected.
    expect(assess([glass], december, february20).lateDepartments).toEqual([{ code: 'industry', name: '工信局', indicators: ['pv_glass_output'], expectedPeriod: '2026-01' }]);
    // Once day 10 of March is over, February (the 1–2月 figure) is expected.
    const march11 = new Date('2026-03-11T09:00:00+08:00');
    expect(assess([combined], december, march11).lateDepartments).toEqual([{ code: 'industry', name: '工信局', indicators: ['pv_glass_output'], expectedPeriod: '2026-02' }]);
  });

  it('names the towns for a sentence, a hole with its month', () => {
    const names: Record<string, string> = { '140404103': '西火镇', '140404104': '八义镇' };
    const towns = [
      { regionCode: '140404103', latestApproved: '2026-10' as const, missingFrom: '2026-08' as const },
      { regionCode: '140404104', latestApproved: '2026-09' as const, missingFrom: null },
    ];
    expect(lateTownsText(towns, (code) => names[code] ?? code)).toBe('（缺西火镇8月、八义镇）');
    expect(lateTownsText([], (code) => code)).toBe('');
  });
});
