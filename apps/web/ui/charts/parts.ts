/**
 * The chart types and components the app draws (tree shaken through `echarts/core`): the
 * browser registers them with the canvas renderer (echarts-runtime.ts), the server with the
 * SVG renderer for first frames (svg-frame.ts).
 */
import { BarChart, GaugeChart, LineChart, MapChart, ScatterChart } from 'echarts/charts';
import { GeoComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';

export const CHART_PARTS = [
  BarChart,
  LineChart,
  GaugeChart,
  MapChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  GeoComponent,
];
