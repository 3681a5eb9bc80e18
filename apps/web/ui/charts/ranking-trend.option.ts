/**
 * 红黑榜 trend: each unit's score month by month over the year (a line per unit, gaps where a
 * month had nothing to score). Pure function of what the API ranked.
 */
import type { RankingGroup, RankingResponse } from '@planwatch/shared';
import { PALETTES } from './palette';
import type { ChartOption } from './types';

export function rankingTrendOption(ranking: RankingResponse, group: RankingGroup): ChartOption {
  const palette = PALETTES.light;
  const months = ranking.months.map((m) => m.month);
  const units = ranking.months.at(-1)?.groups[group].units ?? [];
  return {
    textStyle: { fontFamily: palette.fontFamily, fontSize: palette.fontSize, color: palette.text },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? v.toFixed(1) : '—') },
    legend: { type: 'scroll', top: 0, textStyle: { color: palette.text } },
    grid: { left: 48, right: 24, top: 48, bottom: 32 },
    xAxis: { type: 'category', data: months.map((m) => `${Number(m.slice(5))}月`), axisLine: { lineStyle: { color: palette.axis } } },
    yAxis: { id: 'score', type: 'value', min: 0, max: 100, name: '得分', splitLine: { lineStyle: { color: palette.grid } } },
    series: units.map((unit) => ({
      id: unit.code,
      name: unit.name,
      type: 'line',
      connectNulls: false,
      symbolSize: 6,
      data: ranking.months.map((m) => {
        const score = m.groups[group].units.find((u) => u.code === unit.code)?.score;
        return score === undefined || score === null ? null : Math.round(score * 10) / 10;
      }),
    })),
  };
}
