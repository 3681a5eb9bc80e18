/**
 * A key project's investment by month (bars) with the cumulative total (line) and the stage
 * reached, from ProjectDetailResponse.progress.
 */
import { PROJECT_STAGE_LABELS, type ProjectDetailResponse } from '@planwatch/shared';
import { formatDecimal } from '@/lib/format';
import { PALETTES } from './palette';
import { tapTooltip, topLegend } from './responsive';
import { plot } from './series.util';
import type { ChartOption, ChartTheme } from './types';

export interface ProjectProgressInput {
  project: ProjectDetailResponse;
  theme: ChartTheme;
  /** Width of the chart's box in CSS px (responsive.ts); unknown: the desk layout. */
  width?: number;
}

export function projectProgressOption({ project, theme, width }: ProjectProgressInput): ChartOption {
  const p = PALETTES[theme];
  const rows = [...project.progress].sort((a, b) => (a.period < b.period ? -1 : 1));
  let running = 0;
  const cumulative = rows.map((r) => {
    running += plot(r.investment) ?? 0;
    return Math.round(running * 1e4) / 1e4;
  });
  return {
    animationDurationUpdate: 400,
    textStyle: { fontFamily: p.fontFamily, fontSize: p.fontSize, color: p.text },
    tooltip: tapTooltip({
      trigger: 'axis' as const,
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatDecimal(String(v))} 万元` : '—'),
    }, width),
    legend: topLegend(p, width),
    grid: { left: 8, right: 12, top: 62, bottom: 6, containLabel: true },
    xAxis: {
      type: 'category',
      data: rows.map((r) => `${r.period}\n${PROJECT_STAGE_LABELS[r.stage]}`),
      // Months that would overprint each other on a narrow chart are skipped (the tooltip has each).
      axisLabel: { color: p.textMuted, fontSize: p.fontSize - 1, hideOverlap: true },
      axisLine: { lineStyle: { color: p.axis } },
      axisTick: { show: false },
    },
    yAxis: [
      { id: 'monthly', type: 'value', name: '当月（万元）', nameTextStyle: { color: p.textMuted, align: 'left' }, axisLabel: { color: p.textMuted }, splitLine: { lineStyle: { color: p.grid } } },
      { id: 'cumulative', type: 'value', name: '累计（万元）', nameTextStyle: { color: p.textMuted, align: 'right' }, axisLabel: { color: p.textMuted }, splitLine: { show: false } },
    ],
    series: [
      {
        id: 'monthly',
        name: '当月完成投资',
        type: 'bar',
        barMaxWidth: 26,
        itemStyle: { color: p.primary, borderRadius: [3, 3, 0, 0] },
        data: rows.map((r) => plot(r.investment)),
      },
      {
        id: 'cumulative',
        name: '累计（所列月份）',
        type: 'line',
        yAxisIndex: 1,
        symbol: 'circle',
        symbolSize: 7,
        lineStyle: { width: 3, color: p.accent },
        itemStyle: { color: p.accent },
        data: cumulative,
      },
    ],
  };
}
