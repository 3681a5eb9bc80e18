import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Period } from '../domain/types.js';
import { timeProgress } from '../progress/progress.js';
import { sumAcrossRegions } from '../series/aggregate.js';
import { assessIndicator, summarizeGroup } from './assess.js';
import type { AssessedIndicator, Figure, TargetRow } from './assessment.types.js';
import { coalOutput } from './fixtures.test.js';
import { judgementBasis, likeForLikeShare } from './like-for-like.js';
import { FigureIndex } from './resolve-value.js';

/*
 * DOMAIN.md: an incomplete sum is never judged as if it were the whole district. The towns that
 * reported are compared with their share of the target and with their own figures last year;
 * without shares the sum waits for the missing towns (待补报).
 */

const DISTRICT = '140404';
const XICHI = '140404201';
const BAYI = '140404104';
const XIHUO = '140404103';
const NANSONG = '140404107';
const TOWNS = [XICHI, BAYI, XIHUO, NANSONG];
const SHARES = { [XICHI]: '0.22', [BAYI]: '0.3', [XIHUO]: '0.28', [NANSONG]: '0.2' };
const NAMES = new Map([
  [XICHI, '西池乡'],
  [BAYI, '八义镇'],
  [XIHUO, '西火镇'],
  [NANSONG, '南宋镇'],
]);

const coal = coalOutput({ regionCodes: TOWNS, shares: SHARES });

const ytd = (regionCode: string, period: Period, value: string, indicatorCode = 'coal_output'): Figure => ({
  indicatorCode,
  regionCode,
  period,
  basis: 'ytd',
  spanStart: null,
  value,
  sample: false,
  provisional: false,
});

const annual = (year: number, value: string, extra: Partial<TargetRow> = {}): TargetRow => ({
  indicatorCode: 'coal_output',
  regionCode: DISTRICT,
  year,
  value,
  trajectory: 'linear',
  baseline: false,
  anchor: false,
  annual: true,
  illustrative: false,
  ...extra,
});

const assess = (indicator: AssessedIndicator, figures: Figure[], period: Period, targets: TargetRow[] = [annual(2026, '3300')]) =>
  assessIndicator({ indicator, regionCode: DISTRICT, districtCode: DISTRICT, period, figures: new FigureIndex(figures), targets, regionNames: NAMES });

describe('a district sum with a town missing, judged like for like (同口径)', () => {
  // Each town ran ahead of time progress through October; 西火镇 has not reported since July.
  // 2025: every town complete, the same towns gave 80 % of their year by October.
  const lastYear = [
    ytd(XICHI, '2025-10', '560'),
    ytd(BAYI, '2025-10', '760'),
    ytd(XIHUO, '2025-10', '700'),
    ytd(NANSONG, '2025-10', '520'),
    ytd(XICHI, '2025-12', '700'),
    ytd(BAYI, '2025-12', '950'),
    ytd(XIHUO, '2025-12', '875'),
    ytd(NANSONG, '2025-12', '650'),
  ];
  const thisYear = [ytd(XICHI, '2026-10', '620'), ytd(BAYI, '2026-10', '840'), ytd(XIHUO, '2026-07', '560'), ytd(NANSONG, '2026-10', '560')];
  const result = assess(coal, [...lastYear, ...thisYear], '2026-10');

  it('shows the real partial sum and names the towns left out', () => {
    expect(result).toMatchObject({
      value: '2020',
      dataAsOf: '2026-10',
      annualTarget: '3300',
      judgement: 'like_for_like',
      flags: { incomplete: true },
      missingRegions: [XIHUO],
    });
    expect(result.likeForLike).toEqual({ regions: [XICHI, BAYI, NANSONG], excludedRegions: [XIHUO], share: '0.72', target: '2376', label: '同口径（不含西火镇）' });
  });

  it('compares the reporting towns with their share of the target, not the whole', () => {
    // 2020 / (3300 × 0.72) = 85.02 % against 83.33 % time progress: ahead, where the whole target read 61.2 %.
    expect(result.completionPct!.toFixed(2)).toBe('85.02');
    expect(result.gapPp!.toFixed(2)).toBe('1.68');
    expect(result.status).toBe('green');
    expect(Number(result.expected).toFixed(6)).toBe('1980.000000');
    expect(result.sentence).toBe('原煤产量同口径（不含西火镇）完成年度目标85.0%，超过序时进度1.7个百分点。');
  });

  it('compares year on year and projects the season with the same towns', () => {
    expect(result.lastYearValue).toBe('1840');
    expect(result.yoyPct!.toFixed(2)).toBe('9.78');
    // The same towns reached 1840 of 2300 (80 %) by October last year.
    expect(result.projection).toMatchObject({ method: 'seasonal', value: '2525', shortfall: false });
    expect(result.projection!.completionPct.toFixed(2)).toBe('106.27');
  });

  it('gives no year on year when a reporting town lacks last year, rather than a different set of towns', () => {
    const partialLastYear = lastYear.filter((f) => f.regionCode !== NANSONG);
    const r = assess(coal, [...partialLastYear, ...thisYear], '2026-10');
    expect(r.lastYearValue).toBeNull();
    expect(r.yoyPct).toBeNull();
    expect(r.projection).toMatchObject({ method: 'linear' });
  });

  it('judges a stock the same way: the reporting towns against their share of the plan path', () => {
    const capacity: AssessedIndicator = { ...coal, code: 'coal_capacity', name: '煤炭产能', kind: 'stock', frequency: 'annual' };
    const anchors = [
      annual(2021, '3000', { indicatorCode: 'coal_capacity', baseline: true, annual: false, anchor: true }),
      annual(2025, '3600', { indicatorCode: 'coal_capacity', annual: false, anchor: true }),
    ];
    const figures = [ytd(XICHI, '2025-12', '800', 'coal_capacity'), ytd(BAYI, '2025-12', '1080', 'coal_capacity')];
    const r = assess(capacity, figures, '2025-12', anchors);
    expect(r.judgement).toBe('like_for_like');
    expect(r.likeForLike).toMatchObject({ share: '0.52', target: '1872' });
    expect(r.completionPct!.toFixed(2)).toBe('100.43');
    expect(r.status).toBe('green');
  });
});

describe('an incomplete sum without shares waits for the missing towns (待补报)', () => {
  const unshared: AssessedIndicator = { ...coal, shares: null };
  const figures = [ytd(XICHI, '2026-10', '100'), ytd(BAYI, '2026-10', '100'), ytd(NANSONG, '2026-10', '100'), ytd(XIHUO, '2026-07', '100')];
  const result = assess(unshared, figures, '2026-10');

  it('is neither red, yellow nor green, and has no gap, projection or year on year', () => {
    expect(result).toMatchObject({
      value: '300',
      judgement: 'pending',
      likeForLike: null,
      status: 'pending',
      completionPct: null,
      gapPp: null,
      score: null,
      projection: null,
      lastYearValue: null,
      yoyPct: null,
    });
    expect(result.sentence).toBe('原煤产量已报乡镇累计300万吨，西火镇未报，待补报后评价。');
  });

  it('counts as not judged in a roll-up, never as red', () => {
    const group = summarizeGroup({ code: 'green_coal', name: '绿色煤炭', kind: 'chain' }, [result]);
    expect(group.statusCounts).toEqual({ green: 0, yellow: 0, red: 0, pending: 1, no_data: 0 });
    expect(group.status).toBe('pending');
    expect(group.composite).toBeNull();
  });

  it('also when only some reporting towns have a share', () => {
    expect(likeForLikeShare({ [XICHI]: '0.5' }, [XICHI, BAYI])).toBeNull();
    expect(judgementBasis({ regionCodes: TOWNS, shares: { [XICHI]: '0.5' } }, { incomplete: true, missingRegions: [XIHUO, NANSONG] })).toEqual({
      judgement: 'pending',
      excludedRegions: [XIHUO, NANSONG],
    });
  });

  it('a ratio, which has no shares, is never judged on part of its towns', () => {
    const ratio: AssessedIndicator = { ...coal, code: 'share', kind: 'ratio', unit: '%', shares: null, numeratorCode: 'n', denominatorCode: 'd' };
    const parts = [ytd(XICHI, '2026-06', '90', 'n'), ytd(XICHI, '2026-06', '100', 'd')];
    expect(assess(ratio, parts, '2026-06', []).status).toBe('pending');
  });
});

// ── laws ──────────────────────────────────────────────────────────────────────────────────

/** Random towns with positive shares that add up to 1 (to 4 places), each with a YTD at a month. */
const townsArbitrary = fc
  .record({
    weights: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 2, maxLength: 6 }),
    values: fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 6, maxLength: 6 }),
    lastYear: fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 12, maxLength: 12 }),
    month: fc.integer({ min: 1, max: 11 }),
    target: fc.integer({ min: 1, max: 50_000_000 }),
  })
  .map(({ weights, values, lastYear, month, target }) => {
    const towns = weights.map((_, i) => `14040410${i}`);
    const total = weights.reduce((a, b) => a + b, 0);
    // Shares in ten-thousandths, the last one taking the rounding so they add up to exactly 1.
    const parts = weights.map((w) => Math.floor((w * 10_000) / total));
    parts[parts.length - 1]! += 10_000 - parts.reduce((a, b) => a + b, 0);
    const shares = Object.fromEntries(towns.map((t, i) => [t, String(parts[i]! / 10_000)]));
    const valid = parts.every((p) => p > 0);
    return { towns, shares, valid, values: towns.map((_, i) => String(values[i]! / 100)), lastYear, month, target: String(target / 100) };
  })
  .filter((s) => s.valid);

const period = (year: number, month: number) => `${year}-${String(month).padStart(2, '0')}` as Period;

describe('like-for-like laws (property)', () => {
  it('a complete sum is judged exactly as a district that reported the same figures itself', () => {
    fc.assert(
      fc.property(townsArbitrary, ({ towns, shares, values, lastYear, month, target }) => {
        const indicator: AssessedIndicator = { ...coal, regionCodes: towns, shares };
        const figures = towns.flatMap((town, i) => [
          ytd(town, period(2025, month), String(lastYear[i]!)),
          ytd(town, period(2025, 12), String(lastYear[i]! + lastYear[i + 6]!)),
          ytd(town, period(2026, month), values[i]!),
        ]);
        const sum = (at: Period) => sumAcrossRegions(figures.filter((f) => f.period === at).map((f) => f.value));
        const districtItself = [period(2025, month), period(2025, 12), period(2026, month)].map((at) => ytd(DISTRICT, at, sum(at)));
        const fromTowns = assess(indicator, figures, period(2026, month), [annual(2026, target)]);
        const reported = assess({ ...coal, regionCodes: [] }, districtItself, period(2026, month), [annual(2026, target)]);
        expect(fromTowns.judgement).toBe('whole');
        expect(fromTowns.likeForLike).toBeNull();
        for (const key of ['value', 'completionPct', 'gapPp', 'status', 'score', 'projection', 'lastYearValue', 'yoyPct', 'expected', 'sentence'] as const) {
          expect(fromTowns[key], key).toEqual(reported[key]);
        }
      }),
    );
  });

  it('the like-for-like completion lies between the reporting towns’ own completions, so removing a town never turns on-track towns red', () => {
    fc.assert(
      fc.property(townsArbitrary, fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), ({ towns, shares, values, month, target }, dropped) => {
        const missing = towns.filter((_, i) => dropped[i]);
        fc.pre(missing.length > 0 && missing.length < towns.length);
        const indicator: AssessedIndicator = { ...coal, regionCodes: towns, shares };
        const figures = towns.filter((t) => !missing.includes(t)).map((town) => ytd(town, period(2026, month), values[towns.indexOf(town)]!));
        const result = assess(indicator, figures, period(2026, month), [annual(2026, target)]);
        expect(result.judgement).toBe('like_for_like');
        const own = towns
          .filter((t) => !missing.includes(t))
          .map((town) => (Number(values[towns.indexOf(town)]) / (Number(target) * Number(shares[town]))) * 100);
        const tolerance = 1e-6 * Math.max(1, ...own);
        expect(result.completionPct!).toBeGreaterThanOrEqual(Math.min(...own) - tolerance);
        expect(result.completionPct!).toBeLessThanOrEqual(Math.max(...own) + tolerance);
        if (own.every((c) => c >= timeProgress(month, 'monthly') + tolerance)) expect(result.status).toBe('green');
      }),
    );
  });
});
