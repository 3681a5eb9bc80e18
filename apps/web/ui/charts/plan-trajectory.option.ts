/**
 * An indicator across the plan horizon: the plan trajectory from the 2021 baseline through the
 * near-term (2025) and target (2035) anchors, the annual targets (illustrative ones hollow and
 * labelled 示意), the actual year figures, the figures a source published (已公布) and this
 * year's projection.
 */
import type { IndicatorDetailResponse, PublishedFigureView } from '@planwatch/shared';
import { formatDecimal, publishedPeriodText } from '@/lib/format';
import { PALETTES } from './palette';
import { isNarrow, tapTooltip, topLegend } from './responsive';
import { lastPointOfYear, monthOf, plot, yearOf } from './series.util';
import type { ChartOption, ChartTheme } from './types';

export interface PlanTrajectoryInput {
  detail: IndicatorDetailResponse;
  /** The indicator's published figures for the detail's region. */
  published?: readonly PublishedFigureView[];
  theme: ChartTheme;
  /** Width of the chart's box in CSS px (responsive.ts); unknown: the desk layout. */
  width?: number;
}

/** Years on the axis: from the earliest to the latest year any series mentions. */
export function trajectoryYears(detail: IndicatorDetailResponse): number[] {
  const years = [
    ...detail.trajectory.map((t) => t.year),
    ...detail.annualTargets.map((t) => t.year),
    ...detail.planProgress.map((t) => t.targetYear),
  ];
  if (years.length === 0) return [];
  const min = Math.min(...years);
  const max = Math.max(...years);
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** A year's actual: flows need a December YTD (a full year), stocks and ratios the year's last value. */
export function yearActual(detail: IndicatorDetailResponse, year: number): number | null {
  if (detail.indicator.kind === 'flow') {
    const last = lastPointOfYear(detail.ytd, year);
    return last && monthOf(last.period) === 12 ? plot(last.value) : null;
  }
  const last = lastPointOfYear(detail.values, year);
  return last ? plot(last.value) : null;
}

export function planTrajectoryOption({ detail, published = [], theme, width }: PlanTrajectoryInput): ChartOption {
  const p = PALETTES[theme];
  // A narrow chart keeps its target labels short (the legend says hollow is 示意) and leaves less room on the right.
  const narrow = isNarrow(width);
  const years = trajectoryYears(detail);
  const unit = detail.indicator.unit;
  const index = new Map(years.map((y, i) => [y, i]));
  const anchors = detail.planProgress.map((g) => g.targetYear);
  const currentYear = yearOf(detail.indicator.dataAsOf ?? detail.indicator.period ?? detail.to);

  const trajectory = years.map((y) => {
    const t = detail.trajectory.find((x) => x.year === y);
    return t ? plot(t.expected) : null;
  });
  const actual = years.map((y) => yearActual(detail, y));
  const baseline = detail.annualTargets.find((t) => t.baseline);
  if (baseline && index.has(baseline.year) && actual[index.get(baseline.year)!] === null) {
    actual[index.get(baseline.year)!] = plot(baseline.value);
  }
  // Plan targets: the annual targets written in the plan, plus the near-term and target-year
  // anchors of plan progress (2025, 2035) — one marker per year.
  const targetRows = new Map<number, { value: string; illustrative: boolean }>();
  for (const t of detail.annualTargets) if (!t.baseline && !t.derived) targetRows.set(t.year, { value: t.value, illustrative: t.illustrative });
  for (const g of detail.planProgress) if (!targetRows.has(g.targetYear)) targetRows.set(g.targetYear, { value: g.target, illustrative: g.illustrative });
  const targets = [...targetRows.entries()]
    .filter(([year]) => index.has(year))
    .sort(([a], [b]) => a - b)
    .map(([year, t]) => ({
      value: [index.get(year)!, plot(t.value)],
      illustrative: t.illustrative,
      symbol: t.illustrative ? 'emptyCircle' : 'circle',
      label: {
        show: anchors.includes(year) || year === Math.max(...targetRows.keys()),
        formatter: narrow ? `${year}目标\n${formatDecimal(t.value)}` : `${year}年目标${t.illustrative ? '（示意）' : ''}\n${formatDecimal(t.value)}`,
      },
    }));
  const publishedPoints = published
    .filter((f) => index.has(yearOf(f.period)))
    .map((f) => ({
      value: [index.get(yearOf(f.period))!, plot(f.value)],
      label: { show: true, formatter: `已公布（${publishedPeriodText(f)}）\n${formatDecimal(f.value)}` },
    }));
  const projection = detail.indicator.projection;
  // Only a whole district's projection is a point on its plan path; a like-for-like one is the reporting towns' part.
  const projectionPoint =
    detail.indicator.kind === 'flow' && detail.indicator.judgement === 'whole' && projection && index.has(currentYear)
      ? [{ value: [index.get(currentYear)!, plot(projection.value)] }]
      : [];

  return {
    animationDurationUpdate: 500,
    textStyle: { fontFamily: p.fontFamily, fontSize: p.fontSize, color: p.text },
    tooltip: tapTooltip({
      trigger: 'axis' as const,
      valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatDecimal(String(v))} ${unit}` : '—'),
    }, width),
    legend: topLegend(p, width),
    // Room on the right for the 2035 target's label; on top for the legend (one scrolling row when narrow).
    grid: { left: 8, right: narrow ? 40 : 84, top: narrow ? 52 : 64, bottom: 6, containLabel: true },
    labelLayout: { hideOverlap: true },
    xAxis: {
      type: 'category',
      data: years.map(String),
      boundaryGap: false,
      axisLine: { lineStyle: { color: p.axis } },
      axisLabel: { color: p.textMuted, fontSize: p.fontSize },
      axisTick: { show: false },
    },
    yAxis: {
      id: 'value',
      type: 'value',
      name: unit,
      scale: true,
      nameTextStyle: { color: p.textMuted, fontSize: p.fontSize, align: 'left' },
      axisLabel: { color: p.textMuted, fontSize: p.fontSize },
      splitLine: { lineStyle: { color: p.grid } },
    },
    series: [
      {
        id: 'trajectory',
        name: '规划轨迹',
        type: 'line',
        data: trajectory,
        connectNulls: true,
        symbol: 'none',
        lineStyle: { type: 'dashed', width: 2, color: p.trajectory },
        itemStyle: { color: p.trajectory },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: p.axis, type: 'dotted' },
          label: { show: false },
          data: anchors.filter((y) => index.has(y)).map((y) => ({ xAxis: String(y), name: `${y}年` })),
        },
      },
      {
        id: 'actual',
        name: '实际（全年）',
        type: 'line',
        data: actual,
        connectNulls: false,
        symbol: 'circle',
        symbolSize: 8,
        lineStyle: { width: 3, color: p.primary },
        itemStyle: { color: p.primary },
      },
      {
        id: 'targets',
        name: '年度目标（空心为示意）',
        type: 'scatter',
        data: targets as never,
        symbolSize: 11,
        itemStyle: { color: p.target, borderColor: p.target, borderWidth: 2 },
        label: { position: 'top', color: p.target, fontSize: p.fontSize },
      },
      {
        id: 'published',
        name: '已公布（来源原文）',
        type: 'scatter',
        data: publishedPoints as never,
        symbol: 'rect',
        symbolSize: 12,
        z: 5,
        itemStyle: { color: p.published },
        label: { position: 'left', color: p.published, fontSize: p.fontSize, fontWeight: 600 },
      },
      {
        id: 'projection',
        name: `${currentYear}年末预测`,
        type: 'scatter',
        data: projectionPoint as never,
        symbol: 'diamond',
        symbolSize: 13,
        itemStyle: { color: p.projection },
      },
    ],
  };
}
