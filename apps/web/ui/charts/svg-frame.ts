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

/** The SVG markup of the option's final state (no animation), scaling to its box. */
export function svgFrame(option: ChartOption, size: FrameSize, maps: readonly ChartMap[] = []): string {
  const chart = ssrChart(maps, size);
  try {
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString({ useViewBox: true });
  } finally {
    chart.dispose();
  }
}
