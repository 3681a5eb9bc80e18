import { describe, expect, it } from 'vitest';
import type { Period } from '../domain/types.js';
import { assessIndicator, summarizeGroup } from './assess.js';
import type { AssessedIndicator, Figure, TargetRow } from './assessment.types.js';
import { coalOutput } from './fixtures.test.js';
import { FigureIndex, resolveValue, yearSeries } from './resolve-value.js';

const coal = coalOutput();

const figure = (regionCode: string, period: Period, value: string, basis: 'ytd' | 'month' = 'ytd'): Figure => ({
  indicatorCode: 'coal_output',
  regionCode,
  period,
  basis,
  spanStart: null,
  value,
  sample: false,
  provisional: false,
});

const target = (year: number, value: string, extra: Partial<TargetRow> = {}): TargetRow => ({
  indicatorCode: 'coal_output',
  regionCode: '140404',
  year,
  value,
  trajectory: 'linear',
  baseline: false,
  anchor: false,
  annual: true,
  illustrative: false,
  ...extra,
});

describe('DOMAIN.md worked example through the assessment', () => {
  // Last year: the first half gave 48 % of the year (1584 of 3300).
  const figures = new FigureIndex([
    figure('140404', '2025-06', '1584'),
    figure('140404', '2025-12', '3300'),
    figure('140404', '2026-06', '1580'),
  ]);
  const result = assessIndicator({
    indicator: coal,
    regionCode: '140404',
    districtCode: '140404',
    period: '2026-06',
    figures,
    targets: [target(2026, '3300')],
  });

  it('computes time progress, completion, gap and status to the hundredth', () => {
    expect(result.value).toBe('1580');
    expect(result.timeProgressPct).toBe(50);
    expect(result.completionPct!.toFixed(2)).toBe('47.88');
    expect(result.gapPp!.toFixed(2)).toBe('-2.12');
    expect(result.status).toBe('yellow');
    expect(result.sentence).toBe('原煤产量完成年度目标47.9%，落后序时进度2.1个百分点。');
  });

  it('projects the year end by last year\'s seasonal share and flags the shortfall', () => {
    expect(result.projection).not.toBeNull();
    expect(result.projection!.method).toBe('seasonal');
    expect(Number(result.projection!.value).toFixed(1)).toBe('3291.7');
    expect(result.projection!.completionPct.toFixed(2)).toBe('99.75');
    expect(result.projection!.shortfall).toBe(true);
  });

  it('compares with the same month last year', () => {
    expect(result.lastYearValue).toBe('1584');
    expect(result.yoyPct!.toFixed(2)).toBe('-0.25');
  });
});

describe('district figures from towns', () => {
  const byTowns: AssessedIndicator = { ...coal, regionCodes: ['140404201', '140404104'] };
  const townTargets = [target(2026, '3300')];

  it('sums the towns when the district is not reported, and marks a missing town incomplete', () => {
    const figures = new FigureIndex([figure('140404201', '2026-03', '500'), figure('140404104', '2026-02', '300')]);
    const march = assessIndicator({ indicator: byTowns, regionCode: '140404', districtCode: '140404', period: '2026-03', figures, targets: townTargets });
    expect(march).toMatchObject({ value: '500', dataAsOf: '2026-03', flags: { incomplete: true } });
    const february = assessIndicator({ indicator: byTowns, regionCode: '140404', districtCode: '140404', period: '2026-02', figures, targets: townTargets });
    expect(february).toMatchObject({ value: '300', flags: { incomplete: true } });
  });

  it("projects linearly when last year's sums are incomplete, and compares with no incomplete month", () => {
    // Two towns report 100 a month; in 2025 the second missed September, so 2025's December sum is one town's.
    const monthly = (region: string, year: number, skip: number[] = []) =>
      Array.from({ length: 12 }, (_, i) => i + 1)
        .filter((m) => !skip.includes(m) && (year === 2025 || m <= 6))
        .map((m) => figure(region, `${year}-${String(m).padStart(2, '0')}` as Period, '100', 'month'));
    const figures = new FigureIndex([...monthly('140404201', 2025), ...monthly('140404104', 2025, [9]), ...monthly('140404201', 2026), ...monthly('140404104', 2026)]);
    const result = assessIndicator({ indicator: byTowns, regionCode: '140404', districtCode: '140404', period: '2026-06', figures, targets: [target(2026, '2400')] });
    expect(result).toMatchObject({ value: '1200', flags: { incomplete: false } });
    expect(result.projection).toMatchObject({ method: 'linear', value: '2400', shortfall: false });
    // June 2025 was complete: the comparison stands.
    expect(result.lastYearValue).toBe('1200');
  });

  it('lets a reported district figure win over the sum of its towns', () => {
    const figures = new FigureIndex([
      figure('140404', '2026-03', '900'),
      figure('140404201', '2026-03', '500'),
      figure('140404104', '2026-03', '300'),
    ]);
    const result = assessIndicator({ indicator: byTowns, regionCode: '140404', districtCode: '140404', period: '2026-03', figures, targets: townTargets });
    expect(result).toMatchObject({ value: '900', flags: { incomplete: false } });
  });

  it('says so when there is no data, never zero', () => {
    const result = assessIndicator({ indicator: coal, regionCode: '140404', districtCode: '140404', period: '2026-03', figures: new FigureIndex([]), targets: townTargets });
    expect(result).toMatchObject({ value: null, status: 'no_data', completionPct: null, dataAsOf: null });
    expect(result.sentence).toContain('暂无');
  });

  it('derives a missing annual target from the plan trajectory and marks it', () => {
    const anchors = [
      target(2021, '3000', { baseline: true, annual: false, anchor: true }),
      target(2025, '3400', { annual: false, anchor: true, illustrative: true }),
    ];
    const figures = new FigureIndex([figure('140404', '2023-06', '1600')]);
    const result = assessIndicator({ indicator: coal, regionCode: '140404', districtCode: '140404', period: '2023-06', figures, targets: anchors });
    expect(result.annualTarget).toBe('3200');
    expect(result.flags.illustrativeTarget).toBe(true);
  });
});

describe('group roll-up', () => {
  it('counts statuses, reports the worst and caps the composite', () => {
    const base = { flags: { sample: false, illustrativeTarget: false, incomplete: false, provisional: false }, dataAsOf: '2026-06' as Period };
    const items = [
      { ...base, status: 'green' as const, score: 500 },
      { ...base, status: 'red' as const, score: 60 },
      { ...base, status: 'no_data' as const, score: null, dataAsOf: null },
    ].map((i) => i as unknown as Parameters<typeof summarizeGroup>[1][number]);
    const group = summarizeGroup({ code: 'green_coal', name: '绿色煤炭', kind: 'chain' }, items);
    expect(group.statusCounts).toEqual({ green: 1, yellow: 0, red: 1, pending: 0, no_data: 1 });
    expect(group.status).toBe('red');
    expect(group.composite).toBe(90); // (120 capped + 60) / 2
    expect(group.sentence).toContain('绿色煤炭');
  });
});

describe('stocks between their reports', () => {
  const greenMines: AssessedIndicator = { ...coal, code: 'green_mines', name: '绿色矿山', unit: '座', kind: 'stock', frequency: 'annual', thresholds: { green: 0, yellow: -10 } };
  const level = (period: Period, value: string): Figure => ({ ...figure('140404', period, value), indicatorCode: 'green_mines', basis: 'ytd' });
  const targets = [
    { ...target(2021, '2', { baseline: true, annual: false, anchor: true }), indicatorCode: 'green_mines' },
    { ...target(2025, '10', { annual: false, anchor: true }), indicatorCode: 'green_mines' },
  ];

  it('an annual figure of December stands through the next year, as of its own month, until a year old', () => {
    const figures = new FigureIndex([level('2024-12', '7'), level('2025-12', '10')]);
    for (const period of ['2026-01', '2026-06', '2026-12'] as const) {
      const result = assessIndicator({ indicator: greenMines, regionCode: '140404', districtCode: '140404', period, figures, targets });
      expect(result, period).toMatchObject({ value: '10', dataAsOf: '2025-12' });
      expect(result.status, period).not.toBe('no_data');
    }
    const stale = assessIndicator({ indicator: greenMines, regionCode: '140404', districtCode: '140404', period: '2027-01', figures, targets });
    expect(stale).toMatchObject({ value: null, status: 'no_data' });
  });
});

describe('a district ratio from its towns’ parts', () => {
  const share: AssessedIndicator = {
    ...coal,
    code: 'advanced_capacity_share',
    name: '先进产能占比',
    unit: '%',
    kind: 'ratio',
    frequency: 'quarterly',
    regionCodes: ['140404201', '140404104'],
    numeratorCode: 'advanced_capacity',
    denominatorCode: 'total_capacity',
  };
  const part = (indicatorCode: string, regionCode: string, value: string): Figure => ({ ...figure(regionCode, '2026-03', value), indicatorCode });
  const figures = new FigureIndex([
    part('advanced_capacity', '140404201', '90'),
    part('total_capacity', '140404201', '100'),
    part('advanced_capacity', '140404104', '60'),
    part('total_capacity', '140404104', '100'),
  ]);

  it('is Σ numerators / Σ denominators, as of the month its parts were reported', () => {
    const result = resolveValue(share, '140404', '140404', '2026-05', figures);
    expect(result).toMatchObject({ value: '75', period: '2026-03', incomplete: false });
    const months = yearSeries(share, '140404', '140404', 2026, 5, figures);
    expect(months.filter((m) => m.value !== null).map((m) => m.period)).toEqual(['2026-03']);
  });
});

describe('holes in a town’s monthly reports', () => {
  const months = (region: string, list: number[], basis: 'month' | 'ytd' = 'month') =>
    list.map((m) => figure(region, `2026-${String(m).padStart(2, '0')}` as Period, String(100 * (basis === 'ytd' ? m : 1)), basis));

  it('names the first month missing when it hides the latest year-to-date', () => {
    const figures = new FigureIndex(months('140404103', [1, 2, 3, 4, 5, 6, 7, 9, 10]));
    expect(figures.firstMissingMonth('coal_output', '140404103', '2026-10')).toBe('2026-08');
  });

  it('is none when the latest year-to-date stands: reported as YTD, or complete months', () => {
    expect(new FigureIndex(months('140404103', [7, 9, 10], 'ytd')).firstMissingMonth('coal_output', '140404103', '2026-10')).toBeNull();
    expect(new FigureIndex(months('140404103', [1, 2, 3])).firstMissingMonth('coal_output', '140404103', '2026-03')).toBeNull();
  });

  it('counts January published with February (1–2月) as no hole', () => {
    const jointly: Figure = { ...figure('140404103', '2026-02', '200', 'month'), spanStart: '2026-01' };
    const figures = new FigureIndex([jointly, ...months('140404103', [3, 5])]);
    expect(figures.firstMissingMonth('coal_output', '140404103', '2026-05')).toBe('2026-04');
  });
});
