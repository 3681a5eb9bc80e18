/**
 * Charts laid out by the width of their box (responsive.ts): on a phone the legend scrolls in
 * one row instead of wrapping over the plot, long labels fold or give way, and every tooltip
 * opens on a tap and stays inside the chart. The desk layout is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { coalDetail, group } from '../../test/fixtures';
import { chainStatusOption } from './chain-status.option';
import { indicatorTrendOption } from './indicator-trend.option';
import { planTrajectoryOption } from './plan-trajectory.option';
import { projectProgressOption } from './project-progress.option';
import { isNarrow, NARROW_CHART_PX } from './responsive';
import { ssrChart } from './ssr.testing';
import { townMapOption } from './town-map.option';
import type { ChartOption } from './types';
import { COUNTY_OUTLINE } from '@/lib/county-outline';
import type { ProjectDetailResponse } from '@planwatch/shared';

const PHONE = 342; // a 390 px phone's panel, less its padding
const DESK = 1180;

type Legend = { type?: string };
type Tooltip = { triggerOn?: string; confine?: boolean; textStyle?: { fontSize?: number } };
const legend = (o: ChartOption) => o.legend as Legend;
const tooltip = (o: ChartOption) => o.tooltip as Tooltip;

const project = {
  code: 'P1',
  name: '测试项目',
  progress: Array.from({ length: 18 }, (_, i) => ({ period: `2025-${String((i % 12) + 1).padStart(2, '0')}`, investment: '100', stage: 'started' })),
} as unknown as ProjectDetailResponse;
const regions = [
  { code: '140404101', name: '苏店镇', kind: 'town' as const, parentCode: '140404', aliases: [], schematic: { x: 0.5, y: 0.5 } },
  { code: '140404102', name: '荫城镇', kind: 'town' as const, parentCode: '140404', aliases: [], schematic: { x: 0.52, y: 0.5 } },
];

/** Every light-theme builder at a given width. */
const builders: Record<string, (width: number | undefined) => ChartOption> = {
  chainStatus: (width) => chainStatusOption({ groups: [group('green_coal', '绿色煤炭', [3, 1, 0, 0]), group('tcm', '中医药（现代医药）', [1, 2, 1, 0])], theme: 'light', width }),
  indicatorTrend: (width) => indicatorTrendOption({ detail: coalDetail(), mode: 'month', theme: 'light', width }),
  planTrajectory: (width) => planTrajectoryOption({ detail: coalDetail(), theme: 'light', width }),
  projectProgress: (width) => projectProgressOption({ project, theme: 'light', width }),
};

describe('a chart is narrow below the phone breakpoint', () => {
  it('by its own box, and laid out for a desk while unmeasured', () => {
    expect(isNarrow(PHONE)).toBe(true);
    expect(isNarrow(NARROW_CHART_PX - 1)).toBe(true);
    expect(isNarrow(NARROW_CHART_PX)).toBe(false);
    expect(isNarrow(undefined)).toBe(false);
  });
});

describe.each(Object.entries(builders))('%s by width', (_name, build) => {
  it('scrolls its legend in one row on a phone, wraps it on a desk', () => {
    expect(legend(build(PHONE)).type).toBe('scroll');
    expect(legend(build(DESK)).type).toBeUndefined();
    expect(legend(build(undefined)).type).toBeUndefined();
  });

  it('opens its tooltip on a tap as on hover, inside the chart, at any width', () => {
    for (const width of [PHONE, DESK]) {
      expect(tooltip(build(width)).triggerOn?.split('|')).toEqual(expect.arrayContaining(['mousemove', 'click']));
      expect(tooltip(build(width)).confine).toBe(true);
    }
  });

  it('writes its tooltip in 14 px type on a phone', () => {
    expect(tooltip(build(PHONE)).textStyle?.fontSize).toBe(14);
    expect(tooltip(build(DESK)).textStyle?.fontSize ?? 13).toBeLessThan(14);
  });

  it('renders at a phone width', () => {
    const chart = ssrChart([], { width: PHONE, height: 300 });
    expect(() => chart.setOption(build(PHONE))).not.toThrow();
    expect(chart.renderToSVGString()).toContain('<svg');
    chart.dispose();
  });
});

describe('labels on a phone', () => {
  it('folds long chain names instead of giving them half the plot', () => {
    const yAxis = (o: ChartOption) => o.yAxis as { axisLabel: { width?: number; overflow?: string } };
    expect(yAxis(builders.chainStatus!(PHONE)).axisLabel).toMatchObject({ overflow: 'break', width: expect.any(Number) });
    expect(yAxis(builders.chainStatus!(DESK)).axisLabel.overflow).toBeUndefined();
  });

  it('keeps the plan targets short and the right margin small', () => {
    type Target = { label: { formatter: string } };
    const targets = (o: ChartOption) => ((o.series as Array<{ id: string; data: Target[] }>).find((s) => s.id === 'targets')!.data).map((t) => t.label.formatter);
    const grid = (o: ChartOption) => o.grid as { right: number };
    expect(targets(builders.planTrajectory!(PHONE))).toContain('2035目标\n3,300');
    expect(targets(builders.planTrajectory!(DESK))).toContain('2035年目标（示意）\n3,300');
    expect(grid(builders.planTrajectory!(PHONE)).right).toBeLessThan(grid(builders.planTrajectory!(DESK)).right);
  });

  it('lets month labels that would collide give way (the tooltip names each month)', () => {
    const xAxis = builders.projectProgress!(PHONE).xAxis as { axisLabel: { hideOverlap: boolean } };
    expect(xAxis.axisLabel.hideOverlap).toBe(true);
  });

  it('draws the town markers in 12 px type and keeps them apart on a narrow map', () => {
    const map = (width: number | undefined) =>
      townMapOption({ regions, statuses: new Map(), theme: 'light', outlineMap: 'outline', outline: COUNTY_OUTLINE, fontSize: 14, minSeparation: 0.075, caption: false, width });
    const towns = (o: ChartOption) => (o.series as Array<{ id: string; data: Array<{ symbolSize: number; value: [number, number] }> }>).find((s) => s.id === 'towns')!.data;
    const gap = (o: ChartOption) => Math.abs(towns(o)[0]!.value[0] - towns(o)[1]!.value[0]);
    expect(towns(map(PHONE))[0]!.symbolSize).toBeCloseTo(12 * 1.55);
    expect(towns(map(DESK))[0]!.symbolSize).toBeCloseTo(14 * 1.55);
    expect(gap(map(PHONE))).toBeGreaterThan(gap(map(DESK)));
    expect(tooltip(map(PHONE))).toMatchObject({ confine: true });
  });
});
