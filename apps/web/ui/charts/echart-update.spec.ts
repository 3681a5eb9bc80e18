import { describe, expect, it } from 'vitest';
import type { ProjectDetailResponse } from '@planwatch/shared';
import { coalDetail, coalProgress, group } from '../../test/fixtures';
import { chainStatusOption } from './chain-status.option';
import { REPLACED_COMPONENTS, UPDATE_OPTIONS } from './echart-update';
import { indicatorTrendOption } from './indicator-trend.option';
import { kpiGaugeOption } from './kpi-gauge.option';
import { planTrajectoryOption } from './plan-trajectory.option';
import { projectProgressOption } from './project-progress.option';
import { STATUS_SYMBOLS } from '../status';
import { componentModels, ssrChart } from './ssr.testing';
import { townMapOption, type PlanRegion, type RegionStatus } from './town-map.option';
import type { ChartOption, GeoFeatureCollection } from './types';

// The wrapper's update, drawn at once: `lazyUpdate` only defers the drawing to the next frame,
// the merge (what is kept, replaced or dropped) happens when the option is set.
const update = (chart: ReturnType<typeof ssrChart>, option: ChartOption) => chart.setOption(option, { ...UPDATE_OPTIONS, lazyUpdate: false });

const square = (name: string, lon: number, lat: number, size: number) => ({
  type: 'Feature' as const,
  properties: { name },
  geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]] },
});
const outline: GeoFeatureCollection = { type: 'FeatureCollection', features: [square('上党区', 113.0, 36.0, 0.4)] };
const township: GeoFeatureCollection = { type: 'FeatureCollection', features: [square('荫城镇', 113.1, 36.0, 0.1), square('郝家庄镇', 113.2, 36.2, 0.1)] };
const maps = [
  { name: 'test-outline', geoJSON: outline },
  { name: 'test-townships', geoJSON: township },
];
const regions: PlanRegion[] = [
  { code: '140404', name: '上党区', kind: 'district', parentCode: null, aliases: [], schematic: null },
  { code: '140404102', name: '荫城镇', kind: 'town', parentCode: '140404', aliases: [], schematic: { x: 0.5, y: 0.9 } },
  { code: '140404106', name: '郝家庄镇', kind: 'town', parentCode: '140404', aliases: [], schematic: { x: 0, y: 0 } },
];
const red: ReadonlyMap<string, RegionStatus> = new Map([['140404102', { status: 'red', composite: 60 }]]);
const green: ReadonlyMap<string, RegionStatus> = new Map([['140404102', { status: 'green', composite: 101 }]]);
const schematic = (statuses = red) => townMapOption({ regions, statuses, theme: 'dark', outlineMap: 'test-outline', outline });
const townships = (statuses = red) => townMapOption({ regions, statuses, theme: 'dark', outlineMap: 'test-outline', outline, township: { map: 'test-townships', geo: township } });

const CAPTION = '示意图：编号位置为示意';
/** The SVG's shapes that are not drawn by a series (the outline, the caption's box). */
const nonSeriesPaths = (svg: string) => (svg.match(/<path [^>]*>/g) ?? []).filter((p) => !p.includes('ecmeta_series_index'));


/** A stock indicator's detail (one value, no monthly series): the trend's third shape. */
const stockDetail = () => ({
  ...coalDetail(),
  indicator: coalProgress({ kind: 'stock', unit: '座', projection: null }),
  monthly: [],
  ytd: [],
  values: [{ period: '2025-03' as const, value: '1', incomplete: false }],
});

describe('EChart updates: components that leave the option leave the chart', () => {
  it('drops the schematic outline (geo) and caption (title) when the town map switches to township polygons', () => {
    const chart = ssrChart(maps);
    chart.setOption(schematic());
    const before = chart.renderToSVGString();
    expect(before).toContain(CAPTION);
    expect(nonSeriesPaths(before).length).toBeGreaterThan(0);

    update(chart, townships());
    const after = chart.renderToSVGString();
    expect(componentModels(chart, 'geo')).toHaveLength(0);
    expect(componentModels(chart, 'title')).toHaveLength(0);
    expect(after).not.toContain(CAPTION);
    expect(nonSeriesPaths(after)).toEqual([]);
    expect(after).toContain('郝家庄镇');
    chart.dispose();
  });

  it('draws them again when it switches back', () => {
    const chart = ssrChart(maps);
    chart.setOption(townships());
    update(chart, schematic());
    expect(componentModels(chart, 'geo')).toHaveLength(1);
    expect(chart.renderToSVGString()).toContain(CAPTION);
    chart.dispose();
  });

  it('drops the 累计 axis when the trend switches from 当月 to 累计 and draws the YTD line on the one left', () => {
    const chart = ssrChart();
    chart.setOption(indicatorTrendOption({ detail: coalDetail(), mode: 'month', theme: 'light' }));
    expect(componentModels(chart, 'yAxis')).toHaveLength(2);
    update(chart, indicatorTrendOption({ detail: coalDetail(), mode: 'ytd', theme: 'light' }));
    expect(componentModels(chart, 'yAxis')).toHaveLength(1);
    // Removed series leave holes (null) in getOption().
    const ytd = (chart.getOption().series as Array<{ id: string; yAxisIndex?: number } | null>).find((s) => s?.id === 'ytd-this-year')!;
    expect(ytd.yAxisIndex).toBe(0);
    expect(() => chart.renderToSVGString()).not.toThrow();
    chart.dispose();
  });
});

describe('EChart updates: the trend moving between its shapes', () => {
  it('draws every change of mode and of indicator kind (the wall screen rotates indicators)', () => {
    const stock = stockDetail();
    const chart = ssrChart();
    chart.setOption(indicatorTrendOption({ detail: coalDetail(), mode: 'month', theme: 'dark' }));
    const steps = [
      [indicatorTrendOption({ detail: coalDetail(), mode: 'ytd', theme: 'dark' }), 1],
      [indicatorTrendOption({ detail: stock, mode: 'month', theme: 'dark' }), 1],
      [indicatorTrendOption({ detail: coalDetail(), mode: 'month', theme: 'dark' }), 2],
      [indicatorTrendOption({ detail: stock, mode: 'month', theme: 'dark' }), 1],
      [indicatorTrendOption({ detail: coalDetail(), mode: 'ytd', theme: 'dark' }), 1],
    ] as const;
    for (const [option, axes] of steps) {
      update(chart, option);
      expect(componentModels(chart, 'yAxis')).toHaveLength(axes);
      expect(() => chart.renderToSVGString()).not.toThrow();
    }
    chart.dispose();
  });
});

describe('EChart updates: a refresh of the same chart updates in place (wall screen)', () => {
  const models = (chart: ReturnType<typeof ssrChart>) => Object.fromEntries(REPLACED_COMPONENTS.map((type) => [type, componentModels(chart, type)]));

  it('keeps the town map’s outline, caption and series and changes only the data', () => {
    const chart = ssrChart(maps);
    chart.setOption(schematic(red));
    const before = models(chart);
    update(chart, schematic(green));
    const after = models(chart);
    for (const type of REPLACED_COMPONENTS) {
      expect(after[type]!.length).toBe(before[type]!.length);
      after[type]!.forEach((model, i) => expect(model).toBe(before[type]![i]));
    }
    const towns = (chart.getOption().series as Array<{ id: string; data: Array<{ code: string; symbol: string }> }>)[0]!;
    expect(towns.id).toBe('towns');
    expect(towns.data.find((d) => d.code === '140404102')!.symbol).toBe(STATUS_SYMBOLS.green);
    chart.dispose();
  });

  it('keeps the trend’s axes and series when new figures come in', () => {
    const chart = ssrChart();
    chart.setOption(indicatorTrendOption({ detail: coalDetail(), mode: 'month', theme: 'dark', compact: true }));
    const before = models(chart);
    const next = coalDetail();
    next.ytd = next.ytd.map((p) => (p.period === '2025-06' ? { ...p, value: '1600' } : p));
    update(chart, indicatorTrendOption({ detail: next, mode: 'month', theme: 'dark', compact: true }));
    const after = models(chart);
    for (const type of REPLACED_COMPONENTS) after[type]!.forEach((model, i) => expect(model).toBe(before[type]![i]));
    expect(after.yAxis).toHaveLength(2);
    chart.dispose();
  });
});

describe('option builders name what the update replace-merges', () => {
  const project = {
    code: 'P1',
    name: '测试项目',
    progress: [{ period: '2026-01', investment: '100', stage: 'signed' }],
  } as unknown as ProjectDetailResponse;
  const stock = stockDetail();
  const options: Array<[string, ChartOption]> = [
    ['town map, schematic with caption', townMapOption({ regions, statuses: red, theme: 'light', outlineMap: 'test-outline', outline, caption: true })],
    ['town map, townships', townships()],
    ['trend, 当月', indicatorTrendOption({ detail: coalDetail(), mode: 'month', theme: 'light' })],
    ['trend, 累计', indicatorTrendOption({ detail: coalDetail(), mode: 'ytd', theme: 'light' })],
    ['trend, stock', indicatorTrendOption({ detail: stock, mode: 'month', theme: 'light' })],
    ['chain status', chainStatusOption({ groups: [group('green_coal', '绿色煤炭', [3, 1, 0, 0])], theme: 'dark' })],
    ['plan trajectory', planTrajectoryOption({ detail: coalDetail(), theme: 'light' })],
    ['project progress', projectProgressOption({ project, theme: 'light' })],
    ['KPI gauge', kpiGaugeOption({ completionPct: 47.88, timeProgressPct: 50, status: 'yellow', theme: 'dark' })],
  ];

  it.each(options)('%s: every series, geo, title and y axis has an id, so refreshes merge into it', (_, option) => {
    for (const type of REPLACED_COMPONENTS) {
      const value = (option as Record<string, unknown>)[type];
      const list = value === undefined ? [] : Array.isArray(value) ? value : [value];
      for (const component of list as Array<{ id?: unknown }>) expect(typeof component.id === 'string' && component.id.length > 0, `${type} without id`).toBe(true);
    }
  });
});
