/**
 * Chains (or towns) as stacked bars of how many indicators are ahead, slightly behind,
 * seriously behind, waiting for towns (待补报) or without data. Each status is a named series whose legend and labels
 * carry the icon and the word, not colour alone.
 */
import type { GroupProgress, ProgressStatus } from '@planwatch/shared';
import { STATUS_COLORS, STATUS_ORDER, statusText } from '../status';
import { PALETTES } from './palette';
import { isNarrow, tapTooltip, topLegend } from './responsive';
import type { ChartOption, ChartTheme } from './types';

export interface ChainStatusInput {
  groups: readonly GroupProgress[];
  theme: ChartTheme;
  /** Label size on the bars (CSS px of the chart box). */
  fontSize?: number;
  /** Width of the chart's box in CSS px (responsive.ts); unknown: the desk layout. */
  width?: number;
}

export function chainStatusOption({ groups, theme, fontSize, width }: ChainStatusInput): ChartOption {
  const narrow = isNarrow(width);
  const p = PALETTES[theme];
  const fs = fontSize ?? p.fontSize;
  const colors = STATUS_COLORS[theme];
  // Category axes draw bottom-up; reverse so the first chain is on top.
  const ordered = [...groups].reverse();
  const max = Math.max(1, ...groups.map((g) => STATUS_ORDER.reduce((sum, status) => sum + g.statusCounts[status], 0)));
  const series = STATUS_ORDER.map((status: ProgressStatus) => ({
    id: `status-${status}`,
    name: statusText(status),
    type: 'bar' as const,
    stack: 'count',
    barWidth: '58%',
    itemStyle: { color: colors[status], borderColor: p.background, borderWidth: 1 },
    label: {
      show: true,
      color: status === 'green' || status === 'red' ? '#ffffff' : '#0b1220',
      fontSize: fs,
      fontWeight: 700 as const,
      formatter: (params: { value: unknown }) => (typeof params.value === 'number' && params.value > 0 ? String(params.value) : ''),
    },
    data: ordered.map((g) => g.statusCounts[status]),
  }));
  return {
    animationDurationUpdate: 500,
    textStyle: { fontFamily: p.fontFamily, fontSize: fs, color: p.text },
    tooltip: tapTooltip({ trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } }, width),
    legend: topLegend(p, width, { fontSize: fs, itemWidth: 16, itemHeight: 12 }),
    grid: { left: 8, right: 12, top: fs * 2.4, bottom: 4, containLabel: true },
    xAxis: {
      type: 'value',
      max,
      minInterval: 1,
      axisLabel: { color: p.textMuted, fontSize: fs },
      splitLine: { lineStyle: { color: p.grid } },
    },
    yAxis: {
      id: 'groups',
      type: 'category',
      data: ordered.map((g) => g.name),
      axisLine: { lineStyle: { color: p.axis } },
      axisTick: { show: false },
      // A narrow chart folds long names (中医药（现代医药）) rather than give them half the plot.
      axisLabel: { color: p.text, fontSize: fs, fontFamily: p.fontFamily, ...(narrow ? { width: fs * 7, overflow: 'break' as const } : {}) },
    },
    series,
  };
}
