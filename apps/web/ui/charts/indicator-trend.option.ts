/**
 * One indicator within a year. Flows: monthly bars against the same months last year with the
 * YTD line, the annual target, the time-progress line (target × m/12, i.e. 序时进度) and the
 * year-end projection — or, in YTD mode, cumulative lines this year and last. Stocks and
 * ratios: the values against last year, the year-end target and the plan trajectory within
 * the year (expected at the end of last year → expected at the end of this one).
 */
import type { IndicatorDetailResponse } from '@planwatch/shared';
import { formatDecimal } from '@/lib/format';
import { PALETTES } from './palette';
import { tapTooltip, topLegend } from './responsive';
import { MONTH_LABELS, lastPointOfYear, markIncomplete, monthOf, monthlyCells, plot, yearOf, yearPoints, type MonthCell } from './series.util';
import type { ChartOption, ChartTheme } from './types';

export type TrendMode = 'month' | 'ytd';

export interface IndicatorTrendInput {
  detail: IndicatorDetailResponse;
  mode: TrendMode;
  theme: ChartTheme;
  /** Year shown; default the year of the indicator's data (数据截至), else of `to`. */
  year?: number;
  /** Bigger type and fewer labels for the wall screen. */
  compact?: boolean;
  /** Width of the chart's box in CSS px (responsive.ts); unknown: the desk layout. */
  width?: number;
}

/** The year a detail response is about. */
export function trendYear(detail: IndicatorDetailResponse): number {
  return yearOf(detail.indicator.dataAsOf ?? detail.indicator.period ?? detail.to);
}

function annualTarget(detail: IndicatorDetailResponse, year: number) {
  return detail.annualTargets.find((t) => t.year === year) ?? null;
}

function trajectoryValue(detail: IndicatorDetailResponse, year: number): number | null {
  const point = detail.trajectory.find((t) => t.year === year);
  return point ? plot(point.expected) : null;
}

export function indicatorTrendOption(input: IndicatorTrendInput): ChartOption {
  const { detail, theme } = input;
  const p = PALETTES[theme];
  const year = input.year ?? trendYear(detail);
  const unit = detail.indicator.unit;
  const fs = p.fontSize;
  const legendFs = input.compact ? 16 : p.fontSize;
  const isFlow = detail.indicator.kind === 'flow';
  const mode: TrendMode = isFlow ? input.mode : 'ytd';
  const target = annualTarget(detail, year);
  const targetValue = target ? plot(target.value) : null;
  const targetLabel = target ? `${year}年目标${target.illustrative ? '（示意）' : ''} ${formatDecimal(target.value)}` : '';
  // A sum with towns missing is judged like for like: its line and projection are the reporting
  // towns', so their share of the target is drawn beside the whole one.
  const likeForLike = isFlow && year === trendYear(detail) ? detail.indicator.likeForLike : null;
  const likeForLikeTarget = likeForLike ? plot(likeForLike.target) : null;

  const valueText = (v: unknown) => (typeof v === 'number' ? `${formatDecimal(String(v))} ${unit}` : '—');
  const axisCommon = {
    axisLine: { lineStyle: { color: p.axis } },
    axisLabel: { color: p.textMuted, fontSize: fs, fontFamily: p.fontFamily },
    splitLine: { lineStyle: { color: p.grid } },
  };
  const base: ChartOption = {
    animationDurationUpdate: 500,
    textStyle: { fontFamily: p.fontFamily, fontSize: fs, color: p.text },
    tooltip: tapTooltip({
      trigger: 'axis' as const,
      textStyle: { fontSize: input.compact ? 16 : 13 },
      valueFormatter: valueText,
    }, input.width),
    legend: topLegend(p, input.width, { fontSize: legendFs, itemGap: input.compact ? 12 : 14 }),
    // Compact (wall screen): the legend may take two rows and units are in the panel title.
    grid: { left: 8, right: 12, top: input.compact ? 72 : 58, bottom: 6, containLabel: true },
    xAxis: { type: 'category', data: MONTH_LABELS, ...axisCommon, splitLine: { show: false }, axisTick: { show: false } },
  };

  const targetMarkLine = (value: number | null) =>
    value === null
      ? undefined
      : {
          silent: true,
          symbol: 'none',
          lineStyle: { color: p.target, type: 'dashed' as const, width: 2 },
          // In the middle of the line: the start is where the 1–2月 bar label sits, the end where the projection lands.
          label: { formatter: targetLabel, color: p.target, fontSize: legendFs, position: 'insideMiddleTop' as const },
          data: [
            { yAxis: value, name: '年度目标' },
            ...(likeForLike && likeForLikeTarget !== null
              ? [
                  {
                    yAxis: likeForLikeTarget,
                    name: '同口径目标',
                    lineStyle: { color: p.target, type: 'dotted' as const, width: 2 },
                    label: { formatter: `${likeForLike.label}目标 ${formatDecimal(likeForLike.target)}` },
                  },
                ]
              : []),
          ],
        };

  const projection = detail.indicator.projection;
  const lastYtd = lastPointOfYear(detail.ytd, year);
  const projectionSeries = (yAxisIndex: number) => {
    if (!isFlow || !projection || !lastYtd) return [];
    const m = monthOf(lastYtd.period);
    if (m >= 12) return [];
    const data: Array<number | null> = Array.from({ length: 12 }, () => null);
    data[m - 1] = plot(lastYtd.value);
    data[11] = plot(projection.value);
    return [
      {
        id: 'projection',
        name: `${likeForLike ? '同口径' : ''}年末预测${projection.shortfall ? '（不达标）' : ''}`,
        type: 'line' as const,
        yAxisIndex,
        connectNulls: true,
        data,
        symbol: 'circle',
        symbolSize: 9,
        lineStyle: { type: 'dotted' as const, width: 3, color: p.projection },
        itemStyle: { color: p.projection },
        z: 4,
      },
    ];
  };

  const paceSeries = (yAxisIndex: number) =>
    targetValue === null || !isFlow
      ? []
      : [
          {
            id: 'pace',
            name: '序时进度线',
            type: 'line' as const,
            yAxisIndex,
            data: MONTH_LABELS.map((_, i) => (targetValue * (i + 1)) / 12),
            symbol: 'none',
            lineStyle: { type: 'dashed' as const, width: 1.5, color: p.trajectory },
            itemStyle: { color: p.trajectory },
            z: 2,
          },
        ];

  /** This year's YTD line with the year's target, incomplete sums marked (on either axis). */
  const ytdThisYear = (yAxisIndex: number, color: string, symbolSize: number) => ({
    id: 'ytd-this-year',
    name: `${year}年累计`,
    type: 'line' as const,
    yAxisIndex,
    data: markIncomplete(yearPoints(detail.ytd, year), detail.ytd, year, { color: p.textMuted, fontSize: fs }) as never,
    connectNulls: true,
    symbol: 'circle',
    symbolSize,
    lineStyle: { width: 3, color },
    itemStyle: { color },
    markLine: targetMarkLine(targetValue),
    z: 5,
  });

  /**
   * A year's monthly bars: a figure reported for several months together (e.g. 1–2月) sits on its
   * last month, labelled with its span above the bar and in the tooltip, so a combined bar is not
   * read as one month's double. The same for this year and last year; the tooltip names the span
   * of each bar even where one label stands for both.
   */
  const monthBars = (cells: MonthCell[]) => ({
    type: 'bar' as const,
    barMaxWidth: 22,
    label: {
      show: cells.some((c) => c.span !== null),
      position: 'top' as const,
      color: p.textMuted,
      fontSize: Math.round(fs * 0.8),
      formatter: (params: { dataIndex: number }) => cells[params.dataIndex]?.span ?? '',
    },
    // Both years combined alike (the usual 1–2月): one label over the pair, not two overprinted.
    labelLayout: { hideOverlap: true },
    tooltip: {
      valueFormatter: (v: unknown, dataIndex: number) => {
        const span = cells[dataIndex]?.span;
        return span ? `${valueText(v)}（${span}合计）` : valueText(v);
      },
    },
    data: cells.map((c) => ({ value: c.value ?? '-', span: c.span })) as never,
  });

  if (isFlow && mode === 'month') {
    const thisYear = monthlyCells(detail.monthly, year);
    const lastYear = monthlyCells(detail.monthly, year - 1);
    return {
      ...base,
      yAxis: [
        { id: 'month', type: 'value', name: input.compact ? '' : `当月（${unit}）`, nameTextStyle: { color: p.textMuted, fontSize: fs, align: 'left' }, ...axisCommon },
        {
          id: 'month-ytd',
          type: 'value',
          name: input.compact ? '' : `累计（${unit}）`,
          nameTextStyle: { color: p.textMuted, fontSize: fs, align: 'right' },
          ...axisCommon,
          splitLine: { show: false },
        },
      ],
      series: [
        {
          id: 'month-last-year',
          name: `${year - 1}年当月`,
          ...monthBars(lastYear),
          barGap: '10%',
          itemStyle: { color: p.comparison, borderRadius: [3, 3, 0, 0] },
        },
        {
          id: 'month-this-year',
          name: `${year}年当月`,
          ...monthBars(thisYear),
          itemStyle: { color: p.primary, borderRadius: [3, 3, 0, 0] },
        },
        ytdThisYear(1, p.accent, 7),
        ...paceSeries(1),
        ...projectionSeries(1),
      ],
    };
  }

  if (isFlow) {
    const ytdLast = yearPoints(detail.ytd, year - 1);
    return {
      ...base,
      yAxis: { id: 'ytd', type: 'value', name: `累计（${unit}）`, nameTextStyle: { color: p.textMuted, fontSize: fs, align: 'left' }, ...axisCommon },
      series: [
        {
          id: 'ytd-last-year',
          name: `${year - 1}年累计`,
          type: 'line',
          data: ytdLast,
          connectNulls: true,
          symbol: 'circle',
          symbolSize: 6,
          lineStyle: { width: 2, color: p.comparison },
          itemStyle: { color: p.comparison },
        },
        // Said explicitly: the series keeps its id from 当月 mode, where it is on the second axis.
        ytdThisYear(0, p.primary, 8),
        ...paceSeries(0),
        ...projectionSeries(0),
      ],
    };
  }

  // Stocks and ratios: values, last year's, the year-end target, and the trajectory in the year.
  const values = yearPoints(detail.values, year);
  const valuesLast = yearPoints(detail.values, year - 1);
  const from = trajectoryValue(detail, year - 1);
  const to = trajectoryValue(detail, year);
  const trajectory =
    from !== null && to !== null ? MONTH_LABELS.map((_, i) => from + ((to - from) * (i + 1)) / 12) : null;
  return {
    ...base,
    yAxis: { id: 'values', type: 'value', name: unit, scale: true, nameTextStyle: { color: p.textMuted, fontSize: fs, align: 'left' }, ...axisCommon },
    series: [
      {
        id: 'values-last-year',
        name: `${year - 1}年`,
        type: 'line',
        data: valuesLast,
        connectNulls: true,
        symbol: 'circle',
        symbolSize: 6,
        lineStyle: { width: 2, color: p.comparison },
        itemStyle: { color: p.comparison },
      },
      {
        id: 'values-this-year',
        name: `${year}年`,
        type: 'line',
        data: values,
        connectNulls: true,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 3, color: p.primary },
        itemStyle: { color: p.primary },
        markLine: targetMarkLine(targetValue),
        z: 5,
      },
      ...(trajectory
        ? [
            {
              id: 'trajectory',
              name: '规划轨迹',
              type: 'line' as const,
              data: trajectory,
              symbol: 'none',
              lineStyle: { type: 'dashed' as const, width: 1.5, color: p.trajectory },
              itemStyle: { color: p.trajectory },
            },
          ]
        : []),
    ],
  };
}
