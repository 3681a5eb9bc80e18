/**
 * ECharts in the browser: loaded by the EChart wrapper with a dynamic import when a chart must
 * draw (so pages hydrate and show their figures without waiting for the chart code).
 */
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ChartMap } from './types';
import { CHART_PARTS } from './parts';

echarts.use([...CHART_PARTS, CanvasRenderer]);

/** Maps are registered once per GeoJSON object (registerMap is global to echarts). */
const registered = new Map<string, object>();
export function ensureMaps(maps: readonly ChartMap[] | undefined): void {
  for (const map of maps ?? []) {
    if (registered.get(map.name) === map.geoJSON) continue;
    echarts.registerMap(map.name, map.geoJSON as unknown as Parameters<typeof echarts.registerMap>[1]);
    registered.set(map.name, map.geoJSON);
  }
}

export { echarts };
