/**
 * A headline KPI as a gauge: the arc is annual completion (完成率), the needle marks time
 * progress (序时进度). Pure function of figures the API computed.
 */
import type { ProgressStatus } from '@planwatch/shared';
import { formatPercent } from '@/lib/format';
import { STATUS_COLORS } from '../status';
import { PALETTES } from './palette';
import type { ChartOption, ChartTheme } from './types';

export interface KpiGaugeInput {
  completionPct: number | null;
  timeProgressPct: number | null;
  status: ProgressStatus;
  theme: ChartTheme;
  /** Font size of the centre figure (CSS px of the chart box). */
  valueFontSize?: number;
}

const START = 220;
const END = -40;

/** Keeps a percentage on the dial (0–100); the text still shows the real figure. */
export function clampToDial(pct: number | null): number {
  if (pct === null || !Number.isFinite(pct)) return 0;
  return Math.min(100, Math.max(0, pct));
}

export function kpiGaugeOption(input: KpiGaugeInput): ChartOption {
  const palette = PALETTES[input.theme];
  const color = STATUS_COLORS[input.theme][input.status];
  const fontSize = input.valueFontSize ?? palette.fontSize * 1.6;
  const hasTime = input.timeProgressPct !== null && Number.isFinite(input.timeProgressPct);
  return {
    animationDuration: 600,
    animationDurationUpdate: 600,
    series: [
      {
        id: 'completion',
        type: 'gauge',
        startAngle: START,
        endAngle: END,
        min: 0,
        max: 100,
        radius: '96%',
        center: ['50%', '56%'],
        progress: { show: true, width: 12, roundCap: true, itemStyle: { color } },
        axisLine: { lineStyle: { width: 12, color: [[1, palette.track]] }, roundCap: true },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: {
          valueAnimation: false,
          offsetCenter: [0, '4%'],
          fontSize,
          fontWeight: 700,
          fontFamily: palette.fontFamily,
          color: palette.text,
          formatter: () => formatPercent(input.completionPct),
        },
        data: [{ value: clampToDial(input.completionPct), name: '完成率' }],
      },
      {
        id: 'time-progress',
        type: 'gauge',
        startAngle: START,
        endAngle: END,
        min: 0,
        max: 100,
        radius: '96%',
        center: ['50%', '56%'],
        axisLine: { show: false },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        progress: { show: false },
        anchor: { show: false },
        title: { show: false },
        detail: { show: false },
        pointer: {
          show: hasTime,
          icon: 'rect',
          length: 20,
          width: 4,
          offsetCenter: [0, '-84%'],
          itemStyle: { color: palette.text },
        },
        data: [{ value: clampToDial(input.timeProgressPct), name: '序时进度' }],
      },
    ],
  };
}
