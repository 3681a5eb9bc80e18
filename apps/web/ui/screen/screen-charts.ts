/**
 * The wall screen's charts as options: one definition for the browser (panels.tsx) and for the
 * first frames the server draws (screen-frames.ts), so both draw the same chart.
 */
import type { GroupProgress, IndicatorDetailResponse, IndicatorProgress, PlanResponse } from '@planwatch/shared';
import { shortRegionName } from '@/lib/plan';
import { indicatorTrendOption } from '../charts/indicator-trend.option';
import { kpiGaugeOption } from '../charts/kpi-gauge.option';
import { townMapOption, type RegionStatus } from '../charts/town-map.option';
import type { ChartMap, ChartOption, GeoFeatureCollection } from '../charts/types';
import type { ScreenData } from './screen-data';

export interface MapSource {
  outline: GeoFeatureCollection | null;
  township: GeoFeatureCollection | null;
}

export interface TownMapLayout {
  fontSize: number;
  /** Smallest marker distance as a share of the map height (markers are fontSize × 1.6). */
  minSeparation: number;
}

/** The overview's map beside its key; the regions page's map fills its panel. */
export const OVERVIEW_MAP: TownMapLayout = { fontSize: 18, minSeparation: 0.11 };
export const REGIONS_MAP: TownMapLayout = { fontSize: 26, minSeparation: 0.07 };

export const gaugeInput = (kpi: IndicatorProgress) => [kpi.completionPct, kpi.timeProgressPct, kpi.status] as const;

export function screenGaugeOption([completionPct, timeProgressPct, status]: ReturnType<typeof gaugeInput>): ChartOption {
  return kpiGaugeOption({ completionPct, timeProgressPct, status, theme: 'dark', valueFontSize: 30 });
}

/** The indicator whose month-by-month trend the overview shows: coal, else the first flow indicator. */
export function trendDetail(data: ScreenData): IndicatorDetailResponse | null {
  const details = data.details;
  return details.coal_output ?? Object.values(details).find((d) => d.indicator.kind === 'flow') ?? null;
}

export function screenTrendOption(detail: IndicatorDetailResponse): ChartOption {
  return indicatorTrendOption({ detail, mode: 'month', theme: 'dark', compact: true });
}

export function townMapMaps(source: MapSource): ChartMap[] {
  const list: ChartMap[] = [];
  if (source.outline) list.push({ name: 'pw-shangdang-outline', geoJSON: source.outline });
  if (source.township) list.push({ name: 'pw-shangdang-townships', geoJSON: source.township });
  return list;
}

export function screenTownMapOption(plan: PlanResponse, regions: readonly GroupProgress[], source: MapSource, layout: TownMapLayout): ChartOption {
  const statuses = new Map<string, RegionStatus>(regions.map((r) => [r.code, { status: r.status, composite: r.composite }]));
  return townMapOption({
    regions: plan.regions.map((r) => ({ ...r, name: shortRegionName(r) })),
    statuses,
    theme: 'dark',
    outlineMap: 'pw-shangdang-outline',
    outline: source.outline,
    township: source.township ? { map: 'pw-shangdang-townships', geo: source.township } : null,
    fontSize: layout.fontSize,
    caption: false,
    minSeparation: layout.minSeparation,
  });
}
