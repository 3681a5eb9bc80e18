import { describe, expect, it } from 'vitest';
import { coalDetail } from '../../test/fixtures';
import { planTrajectoryOption, trajectoryYears, yearActual } from './plan-trajectory.option';

type S = { id: string; data: unknown[]; markLine?: { data: Array<{ xAxis: string }> } };

describe('planTrajectoryOption', () => {
  const detail = coalDetail();
  const option = planTrajectoryOption({ detail, theme: 'light' });
  const byId = (id: string) => (option.series as S[]).find((s) => s.id === id)!;

  it('spans the plan horizon 2021 → 2035', () => {
    const years = trajectoryYears(detail);
    expect(years[0]).toBe(2021);
    expect(years.at(-1)).toBe(2035);
  });

  it('counts a flow year only when it is complete (December YTD)', () => {
    expect(yearActual(detail, 2024)).toBe(3300);
    expect(yearActual(detail, 2025)).toBeNull();
  });

  it('marks the 2025 and 2035 anchors', () => {
    expect(byId('trajectory').markLine!.data.map((d) => d.xAxis)).toEqual(['2025', '2035']);
  });

  it('draws illustrative targets hollow and says 示意', () => {
    const targets = byId('targets').data as Array<{ symbol: string; illustrative: boolean; label: { formatter: string } }>;
    const t2035 = targets.find((t) => t.label.formatter.startsWith('2035'))!;
    expect(t2035.symbol).toBe('emptyCircle');
    expect(t2035.label.formatter).toContain('示意');
    expect(targets.some((t) => t.label.formatter.startsWith('2024'))).toBe(false); // derived targets are not plan targets
  });

  it('adds plan-progress targets the annual targets lack (2035 when only this year is listed)', () => {
    const d = { ...detail, annualTargets: detail.annualTargets.filter((t) => t.year !== 2035) };
    const targets = (planTrajectoryOption({ detail: d, theme: 'light' }).series as S[]).find((s) => s.id === 'targets')!.data as Array<{ label: { formatter: string } }>;
    expect(targets.some((t) => t.label.formatter.startsWith('2035年目标（示意）'))).toBe(true);
  });

  it('puts this year’s projection on the current year', () => {
    const points = byId('projection').data as Array<{ value: [number, number] }>;
    expect(points[0]!.value).toEqual([4, 3291.7]);
  });

  it('marks the figures a source published (已公布) apart from the sample years, with when they hold', () => {
    const published = [
      { indicatorCode: 'coal_output', regionCode: '140404', period: '2024-09' as const, dated: 'month' as const, basis: 'ytd' as const, value: '2400', source: { sourceId: 'article2024', sourceTitle: '报道', quote: '…', note: null } },
      { indicatorCode: 'coal_output', regionCode: '140404', period: '2023-12' as const, dated: 'year' as const, basis: 'ytd' as const, value: '3200', source: { sourceId: 'article2024', sourceTitle: '报道', quote: '…', note: null } },
    ];
    const series = (planTrajectoryOption({ detail, published, theme: 'light' }).series as S[]).find((s) => s.id === 'published')!;
    expect(series.data).toEqual([
      { value: [3, 2400], label: { show: true, formatter: '已公布（2024年9月）\n2,400' } },
      { value: [2, 3200], label: { show: true, formatter: '已公布（2023年）\n3,200' } },
    ]);
    expect(byId('published').data).toEqual([]);
  });
});
