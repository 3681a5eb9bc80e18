/**
 * A chart's first frame drawn on the server: the same option the browser would set, drawn by
 * ECharts' SVG renderer in SSR mode at the chart box's size. The page shows it until the
 * browser has a reason to draw the chart itself (its option changed), so a chart is on screen
 * with the first paint and the chart code loads only when needed.
 */
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { CHART_PARTS } from './parts';
import type { ChartMap, ChartOption } from './types';

echarts.use([...CHART_PARTS, SVGRenderer]);

export interface FrameSize {
  width: number;
  height: number;
}

/** A chart drawn in SSR mode (SVG); the caller disposes it. Also what unit tests render with. */
export function ssrChart(maps: readonly ChartMap[] = [], size: FrameSize = { width: 640, height: 400 }): echarts.ECharts {
  for (const map of maps) echarts.registerMap(map.name, map.geoJSON as unknown as Parameters<typeof echarts.registerMap>[1]);
  return echarts.init(null, undefined, { renderer: 'svg', ssr: true, ...size });
}

/**
 * Frames already drawn, by option, size and maps: figures change monthly, so nearly every page
 * request draws the same frames again (a wall screen reloads, several rooms open it). Bounded,
 * least recently used out first.
 */
const drawn = new Map<string, string>();
const DRAWN_LIMIT = 64;

/** The SVG markup of the option's final state (no animation), scaling to its box. */
export function svgFrame(option: ChartOption, size: FrameSize, maps: readonly ChartMap[] = []): string {
  const key = JSON.stringify([option, size, maps.map((m) => m.name)]);
  const hit = drawn.get(key);
  if (hit !== undefined) {
    drawn.delete(key);
    drawn.set(key, hit);
    return hit;
  }
  const chart = ssrChart(maps, size);
  try {
    chart.setOption({ ...option, animation: false });
    const svg = chart.renderToSVGString({ useViewBox: true });
    drawn.set(key, svg);
    if (drawn.size > DRAWN_LIMIT) drawn.delete(drawn.keys().next().value!);
    return svg;
  } finally {
    chart.dispose();
  }
}
