/**
 * Chart options by the width of the chart's own box (pure): below NARROW_CHART_PX — a phone,
 * or a narrow column — legends scroll in one row instead of wrapping over the plot, axis labels
 * that would collide are dropped rather than overprinted, and tooltips stay inside the chart.
 * Tooltips open on tap as well as on hover everywhere, so nothing is hover-only.
 */
import type { LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ChartPalette } from './palette';

/** Below this many CSS pixels a chart is laid out for a phone. */
export const NARROW_CHART_PX = 480;

/** Whether a chart of this width (unknown: not yet measured, i.e. the desk layout) is narrow. */
export function isNarrow(width: number | undefined): boolean {
  return width !== undefined && width < NARROW_CHART_PX;
}

/**
 * The tooltip trigger every chart shares: hover on a desk, tap (a click) on a phone — echarts'
 * default, said here so that no chart quietly becomes hover-only — kept inside the chart's box,
 * in 14 px type on a narrow chart (a phone's smallest for reading).
 */
export function tapTooltip<T extends TooltipComponentOption>(tooltip: T, width?: number): T & { triggerOn: 'mousemove|click|mousewheel'; confine: true } {
  const textStyle = isNarrow(width) ? { ...tooltip.textStyle, fontSize: Math.max(14, Number(tooltip.textStyle?.fontSize ?? 0)) } : tooltip.textStyle;
  return { ...tooltip, ...(textStyle ? { textStyle } : {}), triggerOn: 'mousemove|click|mousewheel', confine: true };
}

/** A legend at the top left: one scrolling row on a narrow chart, wrapping rows otherwise. */
export function topLegend(p: ChartPalette, width: number | undefined, options: { fontSize?: number; itemWidth?: number; itemHeight?: number; itemGap?: number } = {}): LegendComponentOption {
  const fontSize = options.fontSize ?? p.fontSize;
  return {
    top: 0,
    left: 0,
    ...(isNarrow(width) ? { type: 'scroll' as const, right: 0, pageIconSize: 14, pageTextStyle: { color: p.textMuted, fontSize } } : {}),
    itemWidth: options.itemWidth ?? 18,
    itemHeight: options.itemHeight ?? 10,
    ...(options.itemGap !== undefined ? { itemGap: options.itemGap } : {}),
    textStyle: { color: p.textMuted, fontSize, fontFamily: p.fontFamily },
  };
}
