/**
 * Charts rendered in Node for unit tests only (never imported by the app): the same chart
 * types and components as the browser, drawn by the SVG renderer in SSR mode (svg-frame.ts).
 */
import type * as echarts from 'echarts/core';

export { ssrChart } from './svg-frame';

/** The chart's component models of one type (echarts' internal model, to tell in-place updates from re-creation). */
export function componentModels(chart: echarts.ECharts, mainType: string): object[] {
  const model = (chart as unknown as { getModel(): { queryComponents(q: { mainType: string }): object[] } }).getModel();
  return model.queryComponents({ mainType });
}
