import { describe, expect, it } from 'vitest';
import { coalDetail, coalProgress } from '../../test/fixtures';
import { indicatorTrendOption, trendYear } from './indicator-trend.option';
import { planTrajectoryOption } from './plan-trajectory.option';
import { ssrChart } from './ssr.testing';

type S = { id: string; name: string; type: string; data: unknown[]; yAxisIndex?: number; markLine?: { data: Array<{ yAxis: number }>; label: { formatter: string } } };
const series = (o: ReturnType<typeof indicatorTrendOption>) => o.series as S[];
const byId = (o: ReturnType<typeof indicatorTrendOption>, id: string) => series(o).find((s) => s.id === id);

describe('indicatorTrendOption, monthly mode (coal, Jan–Feb reported together)', () => {
  const option = indicatorTrendOption({ detail: coalDetail(), mode: 'month', theme: 'dark' });

  it('is about the year of the data', () => {
    expect(trendYear(coalDetail())).toBe(2025);
  });

  it('shows this year against the same months last year', () => {
    const last = byId(option, 'month-last-year')!;
    const now = byId(option, 'month-this-year')!;
    expect((last.data as Array<{ value: unknown }>).map((d) => d.value)).toEqual(Array(12).fill(275));
    expect((now.data as Array<{ value: unknown }>).slice(0, 7).map((d) => d.value)).toEqual(['-', 520, 265, 265, 265, 265, '-']);
  });

  it('puts a combined Jan–Feb figure on February and says it spans both months (January is not invented)', () => {
    const now = byId(option, 'month-this-year')!;
    const feb = now.data[1] as { value: number; span: string };
    expect(feb).toEqual({ value: 520, span: '1–2月' });
    expect((now.data[0] as { value: unknown }).value).toBe('-');
  });

  it('draws YTD on the second axis with the annual target line', () => {
    const ytd = byId(option, 'ytd-this-year')!;
    expect(ytd.yAxisIndex).toBe(1);
    expect(ytd.data.slice(0, 6)).toEqual([null, 520, 785, 1050, 1315, 1580]);
    expect(ytd.markLine!.data[0]!.yAxis).toBe(3300);
    expect(ytd.markLine!.label.formatter).toContain('2025年目标');
  });

  it('projects from the last YTD point to December and marks a shortfall', () => {
    const projection = byId(option, 'projection')!;
    expect(projection.data[5]).toBe(1580);
    expect(projection.data[11]).toBeCloseTo(3291.7);
    expect(projection.name).toContain('不达标');
  });

  it('draws the time-progress line reaching the target in December', () => {
    const pace = byId(option, 'pace')!;
    expect(pace.data[5]).toBe(1650);
    expect(pace.data[11]).toBe(3300);
  });

  it('gives every series an id so refreshes update in place', () => {
    expect(series(option).every((s) => typeof s.id === 'string' && s.id.length > 0)).toBe(true);
  });
});

describe('indicatorTrendOption, monthly mode, last year also reported Jan–Feb together', () => {
  type Bars = S & {
    label: { show: boolean; position: string; color: string; fontSize: number; formatter: (p: { dataIndex: number }) => string };
    tooltip: { valueFormatter: (value: unknown, dataIndex: number) => string };
  };
  /** The fixture with 2024's January and February as one 1–2月 segment, as 2025's are. */
  const detail = coalDetail();
  detail.monthly = [{ from: '2024-01', to: '2024-02', value: '550', derived: false }, ...detail.monthly.filter((s) => s.to !== '2024-01' && s.to !== '2024-02')];
  const option = indicatorTrendOption({ detail, mode: 'month', theme: 'light' });
  const last = byId(option, 'month-last-year') as Bars;
  const now = byId(option, 'month-this-year') as Bars;

  it("puts last year's combined figure on February, January empty", () => {
    expect(last.data.slice(0, 3)).toEqual([
      { value: '-', span: null },
      { value: 550, span: '1–2月' },
      { value: 275, span: null },
    ]);
  });

  it("labels last year's combined bar with its span, like this year's", () => {
    expect(last.label.show).toBe(true);
    expect(last.label.formatter({ dataIndex: 1 })).toBe('1–2月');
    expect(last.label.formatter({ dataIndex: 2 })).toBe('');
    const { formatter: _l, ...lastStyle } = last.label;
    const { formatter: _n, ...nowStyle } = now.label;
    expect(lastStyle).toEqual(nowStyle);
  });

  it('says the span in the tooltip of either year, and nothing more for single months', () => {
    expect(last.tooltip.valueFormatter(550, 1)).toBe('550 万吨（1–2月合计）');
    expect(now.tooltip.valueFormatter(520, 1)).toBe('520 万吨（1–2月合计）');
    expect(last.tooltip.valueFormatter(275, 2)).toBe('275 万吨');
    expect(last.tooltip.valueFormatter('-', 0)).toBe('—');
  });

  it('draws the span over each combined bar, once over the pair where the two labels would overprint', () => {
    const spanLabels = (lastYearValue: string) => {
      const d = coalDetail();
      d.monthly = [{ from: '2024-01', to: '2024-02', value: lastYearValue, derived: false }, ...d.monthly.filter((s) => s.to !== '2024-01' && s.to !== '2024-02')];
      const chart = ssrChart([], { width: 700, height: 360 });
      chart.setOption(indicatorTrendOption({ detail: d, mode: 'month', theme: 'light' }));
      const count = (chart.renderToSVGString().match(/>1–2月</g) ?? []).length;
      chart.dispose();
      return count;
    };
    expect(spanLabels('300')).toBe(2);
    expect(spanLabels('530')).toBe(1);
  });

  it("shows no span label on last year's bars when each month came alone", () => {
    const plain = byId(indicatorTrendOption({ detail: coalDetail(), mode: 'month', theme: 'light' }), 'month-last-year') as Bars;
    expect(plain.label.show).toBe(false);
  });
});

describe('indicatorTrendOption, YTD mode', () => {
  it('compares cumulative lines this year and last', () => {
    const option = indicatorTrendOption({ detail: coalDetail(), mode: 'ytd', theme: 'light' });
    expect(byId(option, 'ytd-last-year')!.data[11]).toBe(3300);
    expect(byId(option, 'ytd-this-year')!.data[5]).toBe(1580);
    expect(byId(option, 'month-this-year')).toBeUndefined();
  });

  it('draws a YTD point that sums towns with a town missing hollow and labelled, so a dip is not read as a fall', () => {
    const detail = coalDetail();
    detail.ytd = detail.ytd.map((point) => (point.period === '2025-05' ? { ...point, value: '1100', incomplete: true } : point));
    for (const mode of ['month', 'ytd'] as const) {
      const data = byId(indicatorTrendOption({ detail, mode, theme: 'light' }), 'ytd-this-year')!.data as unknown[];
      expect(data[3]).toBe(1050);
      expect(data[4]).toMatchObject({ value: 1100, symbol: 'emptyCircle', label: { show: true, formatter: '不完整' } });
      expect(data[5]).toBe(1580);
    }
  });

  it('labels a run of incomplete months once, at its first month, clear of the target line’s label', () => {
    const detail = coalDetail();
    detail.ytd = detail.ytd.map((point) => (point.period >= '2025-03' && point.period <= '2025-05' ? { ...point, incomplete: true } : point));
    const option = indicatorTrendOption({ detail, mode: 'month', theme: 'dark', compact: true });
    const line = byId(option, 'ytd-this-year')!;
    const labels = (line.data as Array<{ label?: { show: boolean } } | number | null>).map((d) => (typeof d === 'object' && d !== null ? d.label?.show : undefined));
    expect(labels.slice(0, 6)).toEqual([undefined, undefined, true, false, false, undefined]);
    const target = (line as unknown as { markLine: { label: { position: string } } }).markLine.label.position;
    expect(target).toBe('insideMiddleTop');
  });

  it('draws the like-for-like target beside the whole one, and names the projection 同口径', () => {
    const likeForLike = { regions: ['140404201'], excludedRegions: ['140404103'], share: '0.72', target: '2376', label: '同口径（不含西火镇）' };
    const detail = { ...coalDetail(), indicator: coalProgress({ judgement: 'like_for_like', likeForLike }) };
    const option = indicatorTrendOption({ detail, mode: 'month', theme: 'light' });
    const markLine = (byId(option, 'ytd-this-year') as unknown as { markLine: { data: Array<{ yAxis: number; label?: { formatter: string } }> } }).markLine;
    expect(markLine.data.map((d) => d.yAxis)).toEqual([3300, 2376]);
    expect(markLine.data[1]!.label!.formatter).toBe('同口径（不含西火镇）目标 2,376');
    expect(byId(option, 'projection')!.name).toBe('同口径年末预测（不达标）');
    expect(byId(planTrajectoryOption({ detail, theme: 'light' }), 'projection')!.data).toEqual([]);
  });

  it('leaves out the projection when there is none', () => {
    const detail = { ...coalDetail(), indicator: coalProgress({ projection: null }) };
    const option = indicatorTrendOption({ detail, mode: 'ytd', theme: 'light' });
    expect(byId(option, 'projection')).toBeUndefined();
  });
});

describe('indicatorTrendOption, stock indicator', () => {
  it('plots values and the trajectory within the year from expected(y−1) to expected(y)', () => {
    const detail = {
      ...coalDetail(),
      indicator: coalProgress({ kind: 'stock', unit: '座', code: 'smart_mines', name: '智能化煤矿', projection: null }),
      monthly: [],
      ytd: [],
      values: [
        { period: '2025-03' as const, value: '1', incomplete: false },
        { period: '2025-06' as const, value: '2', incomplete: false },
      ],
      trajectory: [
        { year: 2024, expected: '0' },
        { year: 2025, expected: '12' },
      ],
    };
    const option = indicatorTrendOption({ detail, mode: 'month', theme: 'light' });
    expect(byId(option, 'values-this-year')!.data[5]).toBe(2);
    const trajectory = byId(option, 'trajectory')!;
    expect(trajectory.data[5]).toBe(6);
    expect(trajectory.data[11]).toBe(12);
    expect(byId(option, 'pace')).toBeUndefined();
  });
});
