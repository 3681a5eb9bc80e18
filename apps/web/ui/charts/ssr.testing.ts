/**
 * Charts rendered in Node for unit tests only (never imported by the app): the same chart
 * types and components as the EChart wrapper, drawn by the SVG renderer in SSR mode.
 */
import * as echarts from 'echarts/core';
import { BarChart, GaugeChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartMap } from './types';

echarts.use([BarChart, LineChart, GaugeChart, MapChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, TitleComponent, GeoComponent, SVGRenderer]);

export function ssrChart(maps: readonly ChartMap[] = [], size = { width: 640, height: 400 }): echarts.ECharts {
  for (const map of maps) echarts.registerMap(map.name, map.geoJSON as unknown as Parameters<typeof echarts.registerMap>[1]);
  return echarts.init(null, undefined, { renderer: 'svg', ssr: true, ...size });
}

/** The chart's component models of one type (echarts' internal model, to tell in-place updates from re-creation). */
export function componentModels(chart: echarts.ECharts, mainType: string): object[] {
  const model = (chart as unknown as { getModel(): { queryComponents(q: { mainType: string }): object[] } }).getModel();
  return model.queryComponents({ mainType });
}
