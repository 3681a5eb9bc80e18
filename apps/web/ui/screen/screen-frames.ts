/**
 * The first frames of the overview's charts, drawn on the server from the data it rendered the
 * page with (svg-frame.ts): the room sees gauges, map and trend with the first paint, and the
 * browser loads the chart code only when a chart must change.
 */
import { svgFrame, type FrameSize } from '../charts/svg-frame';
import { gaugeInput, OVERVIEW_MAP, screenGaugeOption, screenTownMapOption, screenTrendOption, townMapMaps, trendDetail, type MapSource } from './screen-charts';
import type { ScreenData } from './screen-data';

/** The chart boxes on the 1920×1080 stage (screen.module.css); a frame scales to its box. */
const GAUGE: FrameSize = { width: 128, height: 116 };
const TREND: FrameSize = { width: 562, height: 268 };
const MAP: FrameSize = { width: 334, height: 352 };

export interface ScreenFrames {
  /** Headline indicator code → its gauge. */
  gauges: Record<string, string>;
  trend: string | null;
  map: string | null;
}

export const NO_FRAMES: ScreenFrames = { gauges: {}, trend: null, map: null };

/** Frames for what the data has; the township map is not drawn here (the browser fetches its GeoJSON). */
export function screenFrames(data: ScreenData, outline: MapSource['outline'], township: boolean): ScreenFrames {
  if (!data.overview) return NO_FRAMES;
  const source: MapSource = { outline, township: null };
  const trend = trendDetail(data);
  return {
    gauges: Object.fromEntries(data.overview.headline.map((kpi) => [kpi.code, svgFrame(screenGaugeOption(gaugeInput(kpi)), GAUGE)])),
    trend: trend ? svgFrame(screenTrendOption(trend), TREND) : null,
    map: data.plan && !township ? svgFrame(screenTownMapOption(data.plan, data.overview.regions, source, OVERVIEW_MAP), MAP, townMapMaps(source)) : null,
  };
}
