/**
 * Towns and zones of 上党区 coloured by status. By default the towns are a schematic (示意图):
 * points at the plan's `schematic` positions (x 0 = west … 1 = east, y 0 = north … 1 = south)
 * laid over the county outline of 长治县 (today's 上党区, renamed 2018). When a deployment
 * provides a township GeoJSON, its polygons are filled instead.
 */
import type { PlanResponse, ProgressStatus } from '@planwatch/shared';
import { formatPercent } from '@/lib/format';
import { STATUS_COLORS, STATUS_GLYPHS, STATUS_ORDER, STATUS_SYMBOLS, statusLabel } from '../status';
import { PALETTES } from './palette';
import { isNarrow, tapTooltip } from './responsive';
import type { ChartOption, ChartTheme, GeoFeatureCollection } from './types';

/** What the map and the region tree use of a plan region. */
export type PlanRegion = Pick<PlanResponse['regions'][number], 'code' | 'name' | 'kind' | 'parentCode' | 'aliases' | 'schematic'>;

export interface RegionStatus {
  status: ProgressStatus;
  composite: number | null;
}

export interface Bounds {
  minLon: number;
  maxLon: number;
  minLat: number;
  maxLat: number;
}

/** Kinds drawn on the map (the district itself and parks are not). */
export const MAPPED_KINDS: ReadonlySet<PlanRegion['kind']> = new Set(['subdistrict', 'town', 'township', 'special_zone', 'development_zone']);

function walk(coords: unknown, visit: (lon: number, lat: number) => void): void {
  if (!Array.isArray(coords)) return;
  if (coords.length >= 2 && typeof coords[0] === 'number' && typeof coords[1] === 'number') {
    visit(coords[0], coords[1]);
    return;
  }
  for (const c of coords) walk(c, visit);
}

/** Bounding box of every coordinate in a collection. */
export function geoBounds(geo: GeoFeatureCollection): Bounds | null {
  let b: Bounds | null = null;
  for (const f of geo.features) {
    walk(f.geometry?.coordinates, (lon, lat) => {
      if (!b) b = { minLon: lon, maxLon: lon, minLat: lat, maxLat: lat };
      else {
        b.minLon = Math.min(b.minLon, lon);
        b.maxLon = Math.max(b.maxLon, lon);
        b.minLat = Math.min(b.minLat, lat);
        b.maxLat = Math.max(b.maxLat, lat);
      }
    });
  }
  return b;
}

/**
 * A schematic position (0–1 each way, north at the top) to longitude/latitude inside the
 * outline's box, inset so points near the edges stay within the county.
 */
export function schematicToLonLat(point: { x: number; y: number }, bounds: Bounds, inset = 0.12): [number, number] {
  const w = bounds.maxLon - bounds.minLon;
  const h = bounds.maxLat - bounds.minLat;
  const x = inset + Math.min(1, Math.max(0, point.x)) * (1 - 2 * inset);
  const y = inset + Math.min(1, Math.max(0, point.y)) * (1 - 2 * inset);
  return [bounds.minLon + x * w, bounds.maxLat - y * h];
}

/**
 * Numbers for the schematic's markers (1-based, in the plan's order of towns and zones), so a
 * list beside the map can name each number: labels never collide, however close two towns are.
 */
export function mapNumbering(regions: readonly PlanRegion[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of regions) if (MAPPED_KINDS.has(r.kind) && r.schematic) out.set(r.code, out.size + 1);
  return out;
}

/**
 * Nudges schematic points apart until no two are closer than `minDist` (in units of the map's
 * height; x is scaled by the map's width/height `aspect`), so markers never overlap. Points
 * already far enough apart do not move. Deterministic; the result stays within 0–1.
 */
export function separatePoints<T extends { x: number; y: number }>(points: readonly T[], minDist: number, aspect: number, iterations = 80): T[] {
  const out = points.map((p) => ({ ...p }));
  const a = aspect > 0 ? aspect : 1;
  for (let it = 0; it < iterations; it += 1) {
    let moved = false;
    for (let i = 0; i < out.length; i += 1) {
      for (let j = i + 1; j < out.length; j += 1) {
        const p = out[i]!;
        const q = out[j]!;
        let dx = (q.x - p.x) * a;
        let dy = q.y - p.y;
        let d = Math.hypot(dx, dy);
        if (d >= minDist) continue;
        if (d < 1e-9) {
          dx = 1;
          dy = 0;
          d = 1;
        }
        const push = (minDist - d) / 2 + 1e-6;
        const ux = dx / d;
        const uy = dy / d;
        p.x = Math.min(1, Math.max(0, p.x - (ux * push) / a));
        p.y = Math.min(1, Math.max(0, p.y - uy * push));
        q.x = Math.min(1, Math.max(0, q.x + (ux * push) / a));
        q.y = Math.min(1, Math.max(0, q.y + uy * push));
        moved = true;
      }
    }
    if (!moved) break;
  }
  return out;
}

/** Matches township features to plan regions by code (code/adcode/id), then name or alias. */
export function matchTownshipFeatures(geo: GeoFeatureCollection, regions: readonly PlanRegion[]): Map<string, string> {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const byName = new Map<string, PlanRegion | null>();
  const addName = (name: string, r: PlanRegion) => {
    const key = name.replace(/\s+/g, '');
    const existing = byName.get(key);
    byName.set(key, existing && existing.code !== r.code ? null : r); // ambiguous → null
  };
  for (const r of regions) {
    addName(r.name, r);
    for (const a of r.aliases) addName(a, r);
  }
  const featureToRegion = new Map<string, string>(); // feature name → region code
  for (const f of geo.features) {
    const props = f.properties ?? {};
    const name = typeof props.name === 'string' ? props.name : undefined;
    if (!name) continue;
    const codes = [props.code, props.adcode, props.id, f.id].filter((c) => c !== undefined && c !== null).map(String);
    const viaCode = codes.map((c) => byCode.get(c) ?? byCode.get(c.slice(0, 9))).find(Boolean);
    const viaName = byName.get(name.replace(/\s+/g, ''));
    const region = viaCode ?? viaName ?? null;
    if (region) featureToRegion.set(name, region.code);
  }
  return featureToRegion;
}

export interface TownMapInput {
  regions: readonly PlanRegion[];
  statuses: ReadonlyMap<string, RegionStatus>;
  theme: ChartTheme;
  /** Registered name of the county outline map (schematic mode). */
  outlineMap: string;
  outline: GeoFeatureCollection | null;
  /** Registered name and data of a township GeoJSON (replaces the schematic). */
  township?: { map: string; geo: GeoFeatureCollection } | null;
  fontSize?: number;
  /** Draw the caption that says the towns are schematic. */
  caption?: boolean;
  /** Smallest distance between two markers, as a share of the map's height (default 0.1). */
  minSeparation?: number;
  /** Width of the chart's box in CSS px (responsive.ts); unknown: the desk layout. */
  width?: number;
}

function regionLabel(name: string, rs: RegionStatus | undefined): string {
  const status = rs?.status ?? 'no_data';
  return `{st${status}|${STATUS_GLYPHS[status]}} {name|${name}}`;
}

function tooltipText(name: string, rs: RegionStatus | undefined): string {
  const status = rs?.status ?? 'no_data';
  const score = rs?.composite ?? null;
  return `${name}<br/>${STATUS_GLYPHS[status]} ${statusLabel(status)}${score !== null ? `　综合得分 ${formatPercent(score, 0).replace('%', '')}` : ''}`;
}

export function townMapOption(input: TownMapInput): ChartOption {
  const p = PALETTES[input.theme];
  const colors = STATUS_COLORS[input.theme];
  // On a narrow map the markers shrink to 12 px type and keep a little more apart, so none overlap.
  const narrow = isNarrow(input.width);
  const fs = narrow ? Math.min(12, input.fontSize ?? p.fontSize) : (input.fontSize ?? p.fontSize);
  const minSeparation = narrow ? Math.max(0.1, input.minSeparation ?? 0.1) : (input.minSeparation ?? 0.1);
  const mapped = input.regions.filter((r) => MAPPED_KINDS.has(r.kind));
  const rich = {
    name: { color: p.text, fontSize: fs, fontWeight: 700 as const, fontFamily: p.fontFamily },
    ...Object.fromEntries(
      STATUS_ORDER.map((s) => [
        `st${s}`,
        { color: colors[s], fontSize: fs, fontWeight: 700 as const, fontFamily: p.fontFamily },
      ]),
    ),
  };
  const base: ChartOption = {
    animationDurationUpdate: 400,
    textStyle: { fontFamily: p.fontFamily, fontSize: fs, color: p.text },
    tooltip: tapTooltip({ trigger: 'item' as const, formatter: (params: unknown) => String((params as { data?: { tip?: string } }).data?.tip ?? '') }, input.width),
  };

  if (input.township) {
    const match = matchTownshipFeatures(input.township.geo, input.regions);
    const byCode = new Map(input.regions.map((r) => [r.code, r]));
    const data = [...match.entries()].map(([featureName, code]) => {
      const rs = input.statuses.get(code);
      const status = rs?.status ?? 'no_data';
      return {
        name: featureName,
        code,
        tip: tooltipText(byCode.get(code)?.name ?? featureName, rs),
        itemStyle: { areaColor: colors[status], opacity: 0.85 },
        label: { formatter: regionLabel(byCode.get(code)?.name ?? featureName, rs) },
      };
    });
    return {
      ...base,
      series: [
        {
          id: 'townships',
          type: 'map',
          map: input.township.map,
          roam: false,
          layoutCenter: ['50%', '50%'],
          layoutSize: '96%',
          itemStyle: { areaColor: p.mapFill, borderColor: p.mapBorder, borderWidth: 1 },
          emphasis: { disabled: true },
          select: { disabled: true },
          label: { show: true, rich },
          data: data as never,
        },
      ],
    };
  }

  const bounds = input.outline ? geoBounds(input.outline) : null;
  const numbers = mapNumbering(input.regions);
  const placed = mapped.filter((r) => r.schematic);
  const INSET = 0.12;
  const aspect = bounds ? ((bounds.maxLon - bounds.minLon) * 0.81) / Math.max(1e-9, bounds.maxLat - bounds.minLat) : 1;
  // Separation is asked in map heights; schematic units span the map minus the inset.
  const spread = separatePoints(
    placed.map((r) => ({ code: r.code, x: r.schematic!.x, y: r.schematic!.y })),
    minSeparation / (1 - 2 * INSET),
    aspect,
  );
  const at = new Map(spread.map((p) => [p.code, p]));
  const points = bounds
    ? placed.map((r) => {
          const rs = input.statuses.get(r.code);
          const status = rs?.status ?? 'no_data';
          const n = numbers.get(r.code)!;
          return {
            name: r.name,
            code: r.code,
            number: n,
            tip: `${n}. ${tooltipText(r.name, rs)}`,
            value: schematicToLonLat(at.get(r.code)!, bounds, INSET),
            symbol: status === 'no_data' ? 'circle' : STATUS_SYMBOLS[status],
            symbolSize: status === 'yellow' ? fs * 1.9 : fs * 1.55,
            // No data: a hollow dashed ring (emptyCircle would be filled white on the dark screen).
            itemStyle:
              status === 'no_data'
                ? { color: 'rgba(0,0,0,0)', borderColor: colors.no_data, borderWidth: 2, borderType: 'dashed' as const }
                : { color: colors[status], borderColor: p.background, borderWidth: 1.5 },
            label: {
              formatter: String(n),
              color: status === 'no_data' ? p.text : '#06101f',
              // A triangle's visual centre sits low.
              offset: status === 'yellow' ? [0, fs * 0.22] : [0, 0],
            },
          };
        })
    : [];
  return {
    ...base,
    title: input.caption === false
      ? undefined
      : {
          id: 'caption',
          text: '示意图：编号位置为示意，非行政边界；县界为长治县（2018年更名上党区）',
          left: 'center',
          bottom: 0,
          textStyle: { color: p.textMuted, fontSize: Math.round(fs * 0.72), fontWeight: 400, fontFamily: p.fontFamily },
        },
    geo: input.outline
      ? {
          id: 'outline',
          map: input.outlineMap,
          roam: false,
          silent: true,
          layoutCenter: ['50%', '50%'],
          layoutSize: '98%',
          // True proportions at 36°N (cos 36° ≈ 0.81) rather than echarts' default 0.75.
          aspectScale: 0.81,
          itemStyle: { areaColor: p.mapFill, borderColor: p.mapBorder, borderWidth: 2 },
          label: { show: false },
          emphasis: { disabled: true },
        }
      : undefined,
    series: [
      {
        id: 'towns',
        type: 'scatter',
        coordinateSystem: 'geo',
        label: { show: true, position: 'inside', fontSize: Math.round(fs * 0.78), fontWeight: 800, fontFamily: p.fontFamily },
        data: points as never,
        z: 3,
      },
    ],
  };
}
