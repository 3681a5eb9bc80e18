/** The option type for the chart parts the app registers (type-only: no runtime import). */
import type { ComposeOption } from 'echarts/core';
import type { BarSeriesOption, GaugeSeriesOption, LineSeriesOption, MapSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import type {
  GeoComponentOption,
  GridComponentOption,
  LegendComponentOption,
  MarkLineComponentOption,
  TitleComponentOption,
  TooltipComponentOption,
} from 'echarts/components';

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GaugeSeriesOption
  | MapSeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | TitleComponentOption
  | GeoComponentOption
>;

export type ChartTheme = 'dark' | 'light';

/** A GeoJSON FeatureCollection as the map charts need it (loosely typed: it comes from files). */
export interface GeoFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    id?: string | number;
    properties: Record<string, unknown> & { name?: string };
    geometry: { type: string; coordinates: unknown };
  }>;
}

/** A map to register under `name` before the option that uses it is set. */
export interface ChartMap {
  name: string;
  geoJSON: GeoFeatureCollection;
}
